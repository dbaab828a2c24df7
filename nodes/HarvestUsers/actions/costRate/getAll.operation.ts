import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { returnAllOrLimit, userLocator } from '../shared/common.descriptions';
import { listRecords } from '../shared/listRecords';
import { readUserId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many cost rates',
	description: "List a user's cost rate history",
};

export const recordParameter = null;

const properties: INodeProperties[] = [userLocator, ...returnAllOrLimit];

const displayOptions = { show: { resource: ['costRate'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const userId = await readUserId(this, itemIndex);
	return await listRecords(this, itemIndex, {
		path: harvestPath(this.getNode(), '/v2/users/{userId}/cost_rates', { userId }, itemIndex),
		key: 'cost_rates',
	});
}
