import type { INodeProperties } from 'n8n-workflow';

import {
	assignmentActiveField,
	assignmentBudgetField,
	assignmentHourlyRateField,
} from '../shared/assignment.descriptions';
import type { FieldMapping } from '../shared/fieldMap';

/** The task assignment picked on the chosen project, or given by ID (a bare ID from an older workflow too). */
export const taskAssignmentIdField: INodeProperties = {
	displayName: 'Task Assignment',
	name: 'taskAssignmentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	typeOptions: { loadOptionsDependsOn: ['projectId.value'] },
	description: 'The task on the chosen project',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a task on the project…',
			typeOptions: { searchListMethod: 'searchTaskAssignments', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 155505014',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[1-9][0-9]*\\s*$',
						errorMessage: 'A Harvest task assignment ID is a positive whole number',
					},
				},
			],
		},
	],
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
		description: 'The hourly rate. Harvest uses it only when the project bills by Tasks.',
	},
];

/** Each of those fields and the Harvest body field it fills. */
export const taskAssignmentBody: FieldMapping[] = [
	{ name: 'isActive', key: 'is_active', label: 'Active' },
	{ name: 'billable', key: 'billable', label: 'Billable' },
	{ name: 'budget', key: 'budget', label: 'Budget', amount: true },
	{ name: 'hourlyRate', key: 'hourly_rate', label: 'Hourly Rate', amount: true },
];
