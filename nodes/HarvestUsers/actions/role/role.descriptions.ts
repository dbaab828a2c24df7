import type { INodeProperties } from 'n8n-workflow';

/**
 * Roles are business labels (the strings in `user.roles`), administrator-only. Harvest's
 * `user_ids` is the whole membership: a PATCH with it replaces everyone.
 */

export const roleIdField: INodeProperties = {
	displayName: 'Role Name or ID',
	name: 'roleId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRoles' },
	required: true,
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
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
