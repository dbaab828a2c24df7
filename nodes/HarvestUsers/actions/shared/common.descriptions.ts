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
				{ type: 'regex', properties: { regex: '^\\s*[1-9][0-9]*\\s*$', errorMessage: 'A Harvest user ID is a positive whole number' } },
			],
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. jane.doe@example.com',
			validation: [
				{ type: 'regex', properties: { regex: '^\\s*[^@\\s]+@[^@\\s]+\\s*$', errorMessage: 'Enter an email address' } },
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
				{ type: 'regex', properties: { regex: '^\\s*[1-9][0-9]*\\s*$', errorMessage: 'A Harvest project ID is a positive whole number' } },
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
	description: 'Only return records changed at or after this date and time (sent to Harvest in UTC)',
};
