import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestRequest } from '../../transport';
import { readIdList } from '../shared/membership';
import { roleNameField, roleUsersField } from './role.descriptions';
import { readRoleName } from './roleParameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a role',
	description: 'Create a role, optionally with members',
};

export const recordParameter = 'name';

const properties: INodeProperties[] = [
	{ ...roleNameField, required: true },
	{
		...roleUsersField,
		description:
			'People who get this role. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['role'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = readRoleName(this, this.getNodeParameter('name', itemIndex), itemIndex);
	const userIds = readIdList(this, 'userIds', 'User ID', itemIndex);
	return await harvestRequest(this, {
		method: 'POST',
		path: '/v2/roles',
		body: { name, ...(userIds.length ? { user_ids: userIds } : {}) },
		itemIndex,
		checkHint: `Check in Harvest (Team → Roles) whether the role "${name}" exists now before running this item again.`,
	});
}
