import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields shared by many operations, written once. Each operation applies its own displayOptions
 * with `updateDisplayOptions`; where it needs a different label or condition it spreads the field
 * and overrides that key.
 */

export const userLocator: INodeProperties = {
	displayName: 'User',
	name: 'userId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Harvest user',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user…',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3230547',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[1-9][0-9]*\\s*$',
						errorMessage: 'A Harvest user ID is a positive whole number',
					},
				},
			],
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. nathan@example.com',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$',
						errorMessage: 'Enter an email address',
					},
				},
			],
		},
	],
};

export const projectLocator: INodeProperties = {
	displayName: 'Project',
	name: 'projectId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Harvest project',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a project…',
			typeOptions: { searchListMethod: 'searchProjects', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 14308069',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[1-9][0-9]*\\s*$',
						errorMessage: 'A Harvest project ID is a positive whole number',
					},
				},
			],
		},
		{
			// The address of the project's page in Harvest's web app, as copied from the browser.
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://example.harvestapp.com/projects/14308069',
			extractValue: { type: 'regex', regex: 'https://[^/]+\\.harvestapp\\.com/projects/([0-9]+)' },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*https://[^/]+\\.harvestapp\\.com/projects/[0-9]+.*$',
						errorMessage:
							'Paste the address of a Harvest project page, e.g. https://example.harvestapp.com/projects/14308069',
					},
				},
			],
		},
	],
};

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const updatedSinceFilter: INodeProperties = {
	displayName: 'Updated Since',
	name: 'updated_since',
	type: 'dateTime',
	default: '',
	description:
		'Only return records changed at or after this date and time (sent to Harvest in UTC)',
};

/** "Filters" of a Get Many whose records can be archived; add or replace options by spreading it. */
export const activeFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Active',
			name: 'is_active',
			type: 'options',
			default: 'true',
			options: [
				{ name: 'Active Only', value: 'true' },
				{ name: 'Archived Only', value: 'false' },
			],
			description: 'Whether to return active or archived records',
		},
		updatedSinceFilter,
	],
};

/** Get Many of user and task assignments: across all projects, or of the chosen one. */
export const assignmentScope: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		default: 'all',
		options: [
			{
				name: 'All Projects',
				value: 'all',
				description: 'Assignments of every project, newest first',
			},
			{ name: 'One Project', value: 'project', description: 'Assignments of the chosen project' },
		],
	},
	{ ...projectLocator, displayOptions: { show: { scope: ['project'] } } },
];

/** Billable and cost rates: the amount of a new rate (each operation says which rate it sets). */
export const rateAmountField: INodeProperties = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	typeOptions: { numberPrecision: 2 },
	required: true,
	default: 0,
	description: "The hourly rate, in the account's currency",
};

export const rateStartDateField: INodeProperties = {
	displayName: 'Start Date',
	name: 'startDate',
	type: 'dateTime',
	default: '',
	description:
		"The first day the rate applies (today or earlier; Harvest refuses future dates). Leave empty to replace ALL of the user's earlier rates of this kind with this one; a date before existing rates replaces those rates too.",
	hint: "Empty replaces the user's whole history of this rate",
};

/** The "Options" of a delete Harvest may refuse: archive instead (each operation says what archiving means). */
export const deleteOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Archive Instead If Not Deletable',
			name: 'archiveIfNotDeletable',
			type: 'boolean',
			default: false,
			description:
				'Whether to archive the record when Harvest refuses the delete because of time entries or expenses. The output says which happened: "deleted" true, or "archived" true.',
		},
	],
};

/**
 * n8n's Simplify. On by default in version 1.1; off for nodes saved with version 1, whose
 * workflows were built on Harvest's full object. Version 1.2 replaces it with Output
 * (helpers/userOutput.ts).
 */
const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const simplifyFields: INodeProperties[] = [
	{ ...simplifyField, default: false, displayOptions: { show: { '@version': [1] } } },
	{ ...simplifyField, displayOptions: { show: { '@version': [1.1] } } },
];
