import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { simplifyUser } from '../../display/simplifyUser';
import { simplifyFields, userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a user',
	description: 'Retrieve one user',
};

export const recordParameter = null;

const properties: INodeProperties[] = [userLocator, ...simplifyFields];

const displayOptions = { show: { resource: ['user'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = await readUserId(this, itemIndex);
	const user = await harvestRequest(this, {
		method: 'GET',
		path: harvestPath(this.getNode(), '/v2/users/{userId}', { userId }, itemIndex),
		itemIndex,
	});
	return this.getNodeParameter('simple', itemIndex, false) === true ? simplifyUser(user) : user;
}
