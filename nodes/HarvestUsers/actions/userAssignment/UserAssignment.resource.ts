import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: deleteOperation, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userAssignment'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Assign a user to a project', description: 'Assign a user to a project' },
			{ name: 'Delete', value: 'delete', action: 'Remove a user from a project', description: 'Delete a user assignment without time entries (or archive it instead)' },
			{ name: 'Get', value: 'get', action: 'Get a user assignment', description: 'Retrieve one user assignment of a project' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many user assignments', description: 'List user assignments of many projects or of one' },
			{ name: 'Update', value: 'update', action: 'Update a user assignment', description: "Change a user's role, rate or budget on a project, or archive the assignment" },
		],
		default: 'getAll',
	},
	...create.description,
	...deleteOperation.description,
	...get.description,
	...getAll.description,
	...update.description,
];
