import type { INodeProperties } from 'n8n-workflow';

import {
	assignmentActiveField,
	assignmentBudgetField,
	assignmentHourlyRateField,
} from '../shared/common.descriptions';
import type { FieldMapping } from '../shared/fieldMap';

/** The task assignment picked on the chosen project, or given as an ID through an expression. */
export const taskAssignmentIdField: INodeProperties = {
	displayName: 'Task Assignment Name or ID',
	name: 'taskAssignmentId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTaskAssignments', loadOptionsDependsOn: ['projectId.value'] },
	required: true,
	default: '',
	description:
		'The task on the chosen project. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** What Create sets beside the task, and Update changes; in display-name order. */
export const taskAssignmentFields: INodeProperties[] = [
	assignmentActiveField,
	{
		displayName: 'Billable',
		name: 'billable',
		type: 'boolean',
		default: false,
		description: 'Whether all time tracked to this task on this project is billable',
	},
	{
		...assignmentBudgetField,
		description:
			"The budget, in hours or money as the project budgets. Harvest uses it only when the project's budget is by task or by task fees.",
	},
	{
		...assignmentHourlyRateField,
		description:
			'The hourly rate. Harvest uses it only when the project bills by Tasks.',
	},
];

/** Each of those fields and the Harvest body field it fills. */
export const taskAssignmentBody: FieldMapping[] = [
	{ name: 'isActive', key: 'is_active', label: 'Active' },
	{ name: 'billable', key: 'billable', label: 'Billable' },
	{ name: 'budget', key: 'budget', label: 'Budget', amount: true },
	{ name: 'hourlyRate', key: 'hourly_rate', label: 'Hourly Rate', amount: true },
];
