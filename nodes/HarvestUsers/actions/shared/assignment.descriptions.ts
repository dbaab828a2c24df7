import type { INodeProperties } from 'n8n-workflow';

/** Fields of user and task assignments; the Budget and Hourly Rate descriptions say when Harvest uses them. */
export const assignmentActiveField: INodeProperties = {
	displayName: 'Active',
	name: 'isActive',
	type: 'boolean',
	default: true,
	description:
		'Whether the assignment is active. Archiving it (off) keeps its time entries but stops new time being tracked to it.',
};

export const assignmentBudgetField: INodeProperties = {
	displayName: 'Budget',
	name: 'budget',
	type: 'number',
	typeOptions: { numberPrecision: 2 },
	default: 0,
	description: 'The budget, in hours or money as the project budgets',
};

export const assignmentHourlyRateField: INodeProperties = {
	displayName: 'Hourly Rate',
	name: 'hourlyRate',
	type: 'number',
	typeOptions: { numberPrecision: 2 },
	default: 0,
	description: 'What an hour on the project bills',
};
