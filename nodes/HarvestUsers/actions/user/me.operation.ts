import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { userOutputFields, userShaper } from '../../display/userOutput';
import { harvestRequest } from '../../transport';
import { simplifyFields } from '../shared/common.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get Me',
	value: 'me',
	action: 'Get the authenticated user',
	description: 'Retrieve the user the credential belongs to',
};

export const recordParameter = null;

const properties: INodeProperties[] = [...simplifyFields, ...userOutputFields];

const displayOptions = { show: { resource: ['user'], operation: ['me'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const user = await harvestRequest(this, { method: 'GET', path: '/v2/users/me', itemIndex });
	return userShaper(this, itemIndex, true)(user);
}
