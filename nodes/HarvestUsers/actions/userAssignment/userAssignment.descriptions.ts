import type { INodeProperties } from 'n8n-workflow';

import {
	assignmentActiveField,
	assignmentBudgetField,
	assignmentHourlyRateField,
} from '../shared/common.descriptions';
import type { FieldMapping } from '../shared/fieldMap';

/** The user assignment picked on the chosen project, or given as an ID through an expression. */
export const userAssignmentIdField: INodeProperties = {
	displayName: 'User Assignment Name or ID',
	name: 'userAssignmentId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getUserAssignments', loadOptionsDependsOn: ['projectId.value'] },
	required: true,
	default: '',
	description:
		'The user on the chosen project. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** What Create sets beside the user, and Update changes; in display-name order. */
export const userAssignmentFields: INodeProperties[] = [
	assignmentActiveField,
	{
		...assignmentBudgetField,
		description:
			"The budget, in hours or money as the project budgets. Harvest uses it only when the project's budget is by person.",
	},
	{
		...assignmentHourlyRateField,
		description:
			'The hourly rate. Harvest uses it only when the project bills by People and Use Default Rates is off.',
	},
	{
		displayName: 'Project Manager',
		name: 'isProjectManager',
		type: 'boolean',
		default: false,
		description:
			'Whether the user manages this project (when left out, Harvest makes Managers and Administrators project managers)',
	},
	{
		displayName: 'Use Default Rates',
		name: 'useDefaultRates',
		type: 'boolean',
		default: true,
		description:
			"Whether the project bills the user's default billable rate; off bills the Hourly Rate set here (projects billed by People only)",
	},
];

/** Each of those fields and the Harvest body field it fills. */
export const userAssignmentBody: FieldMapping[] = [
	{ name: 'isActive', key: 'is_active', label: 'Active' },
	{ name: 'budget', key: 'budget', label: 'Budget', amount: true },
	{ name: 'hourlyRate', key: 'hourly_rate', label: 'Hourly Rate', amount: true },
	{ name: 'isProjectManager', key: 'is_project_manager', label: 'Project Manager' },
	{ name: 'useDefaultRates', key: 'use_default_rates', label: 'Use Default Rates' },
];
