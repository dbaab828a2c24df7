import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestRequest } from '../../transport';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['user'], operation: ['me'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await harvestRequest(this, { method: 'GET', path: '/v2/users/me', itemIndex });
}
