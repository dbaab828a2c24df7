import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Archive',
	value: 'archive',
	action: 'Archive a user',
	description: 'Archive a user (is_active false): they can no longer sign in, their history is kept',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [userLocator];

const displayOptions = { show: { resource: ['user'], operation: ['archive'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Archive = is_active false (v1's toggle is gone): no sign-in any more, history kept. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = harvestPath(this.getNode(), '/v2/users/{userId}', { userId: await readUserId(this, itemIndex) }, itemIndex);
	return await harvestRequest(this, { method: 'PATCH', path, body: { is_active: false }, itemIndex });
}
