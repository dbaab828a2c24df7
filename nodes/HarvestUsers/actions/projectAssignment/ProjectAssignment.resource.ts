import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['projectAssignment'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many project assignments of a user', description: 'List the active projects a user (or the authenticated user) is assigned to' },
		],
		default: 'getAll',
	},
	...getAll.description,
];
