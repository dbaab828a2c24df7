import type { INodeProperties } from 'n8n-workflow';

/**
 * Roles are business labels (the strings in `user.roles`), administrator-only. Harvest's
 * `user_ids` is the whole membership: a PATCH with it replaces everyone.
 */

/** A workflow saved before this was a locator holds a bare role ID; readRoleId still takes it. */
export const roleIdField: INodeProperties = {
	displayName: 'Role',
	name: 'roleId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Harvest role',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a role…',
			typeOptions: { searchListMethod: 'searchRoles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 2215483',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[1-9][0-9]*\\s*$',
						errorMessage: 'A Harvest role ID is a positive whole number',
					},
				},
			],
		},
	],
};

export const roleNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Designer',
	description: 'The label shown on users, e.g. in their "roles" list',
};

/** A role's members; each operation says what picking them does. */
export const roleUsersField: INodeProperties = {
	displayName: 'User Names or IDs',
	name: 'userIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: [],
	description:
		'Active users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
