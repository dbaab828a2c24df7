import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userOutputFields, userShaper } from '../../display/userOutput';
import { simplifyFields, userLocator } from '../shared/common.descriptions';
import { readUserTarget } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a user by ID or email',
	description: 'Retrieve one user',
};

export const recordParameter = null;

const properties: INodeProperties[] = [userLocator, ...simplifyFields, ...userOutputFields];

const displayOptions = { show: { resource: ['user'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = await readUserTarget(this, itemIndex);
	// Found by email: the roster read already holds the user, so no second request for them.
	const user =
		target.user ??
		(await harvestRequest<IDataObject>(this, {
			method: 'GET',
			path: harvestPath(this.getNode(), '/v2/users/{userId}', { userId: target.id }, itemIndex),
			itemIndex,
		}));
	return userShaper(this, itemIndex, true)(user);
}
