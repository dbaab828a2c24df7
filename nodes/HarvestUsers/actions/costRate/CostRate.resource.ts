import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { create, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['costRate'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a cost rate', description: 'Give a user a new cost rate from a start date' },
			{ name: 'Get', value: 'get', action: 'Get a cost rate', description: 'Retrieve one cost rate of a user' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many cost rates', description: "List a user's cost rate history" },
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
];
