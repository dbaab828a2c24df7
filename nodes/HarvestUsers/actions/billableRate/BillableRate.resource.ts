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
		displayOptions: { show: { resource: ['billableRate'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a billable rate', description: 'Give a user a new default billable rate from a start date' },
			{ name: 'Get', value: 'get', action: 'Get a billable rate', description: 'Retrieve one billable rate of a user' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many billable rates', description: "List a user's billable rate history" },
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
];
