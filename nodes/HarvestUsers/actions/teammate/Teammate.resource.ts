import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';
import * as set from './set.operation';

export const operations = { add, getAll, remove, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['teammate'] } },
		options: [
			{ name: 'Add', value: 'add', action: 'Add teammates to a manager', description: 'Assign more people to a manager, keeping the current teammates' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many teammates of a manager', description: 'List the people assigned to a manager' },
			{ name: 'Remove', value: 'remove', action: 'Remove teammates from a manager', description: 'Unassign people from a manager, keeping the others' },
			{ name: 'Set', value: 'set', action: 'Replace the teammates of a manager', description: 'Replace the whole list of people assigned to a manager' },
		],
		default: 'getAll',
	},
	...add.description,
	...getAll.description,
	...remove.description,
	...set.description,
];
