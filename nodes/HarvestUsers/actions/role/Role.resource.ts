import type { INodeProperties } from 'n8n-workflow';

import * as addUsers from './addUsers.operation';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeUsers from './removeUsers.operation';
import * as update from './update.operation';

export const operations = { addUsers, create, delete: deleteOperation, get, getAll, removeUsers, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['role'] } },
		options: [
			{ name: 'Add Users', value: 'addUsers', action: 'Add users to a role', description: 'Add people to a role, keeping its current members' },
			{ name: 'Create', value: 'create', action: 'Create a role', description: 'Create a role, optionally with members' },
			{ name: 'Delete', value: 'delete', action: 'Delete a role', description: 'Delete a role; its members keep their other roles' },
			{ name: 'Get', value: 'get', action: 'Get a role', description: 'Retrieve one role' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many roles', description: 'List roles' },
			{ name: 'Remove Users', value: 'removeUsers', action: 'Remove users from a role', description: 'Remove people from a role, keeping the others' },
			{ name: 'Update', value: 'update', action: 'Update a role', description: 'Rename a role or replace its members' },
		],
		default: 'getAll',
	},
	...addUsers.description,
	...create.description,
	...deleteOperation.description,
	...get.description,
	...getAll.description,
	...removeUsers.description,
	...update.description,
];
