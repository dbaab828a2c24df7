import type { INodeProperties } from 'n8n-workflow';

import {
	assignmentActiveField,
	assignmentBudgetField,
	assignmentHourlyRateField,
} from '../shared/assignment.descriptions';
import type { FieldMapping } from '../shared/fieldMap';

/** The user assignment picked on the chosen project, or given by ID (a bare ID from an older workflow too). */
export const userAssignmentIdField: INodeProperties = {
	displayName: 'User Assignment',
	name: 'userAssignmentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	typeOptions: { loadOptionsDependsOn: ['projectId.value'] },
	description: 'The user on the chosen project',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user on the project…',
			typeOptions: { searchListMethod: 'searchUserAssignments', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 125068553',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[1-9][0-9]*\\s*$',
						errorMessage: 'A Harvest user assignment ID is a positive whole number',
					},
				},
			],
		},
	],
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
