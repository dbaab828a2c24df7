import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Restore',
	value: 'restore',
	action: 'Restore an archived user',
	description: 'Reactivate an archived user (is_active true)',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [userLocator];

const displayOptions = { show: { resource: ['user'], operation: ['restore'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Restore is the PATCH that archived them, with is_active true again. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = harvestPath(this.getNode(), '/v2/users/{userId}', { userId: await readUserId(this, itemIndex) }, itemIndex);
	return await harvestRequest(this, { method: 'PATCH', path, body: { is_active: true }, itemIndex });
}
