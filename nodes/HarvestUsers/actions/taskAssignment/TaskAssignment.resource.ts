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
		displayOptions: { show: { resource: ['taskAssignment'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Assign a task to a project', description: 'Assign a task to a project' },
			{ name: 'Delete', value: 'delete', action: 'Remove a task from a project', description: 'Delete a task assignment without time entries' },
			{ name: 'Get', value: 'get', action: 'Get a task assignment', description: 'Retrieve one task assignment of a project' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many task assignments', description: 'List task assignments of many projects or of one' },
			{ name: 'Update', value: 'update', action: 'Update a task assignment', description: "Change a task's billable flag, rate or budget on a project" },
		],
		default: 'getAll',
	},
	...create.description,
	...deleteOperation.description,
	...get.description,
	...getAll.description,
	...update.description,
];
