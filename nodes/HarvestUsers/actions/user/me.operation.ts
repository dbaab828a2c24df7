import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { harvestRequest } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await harvestRequest(this, { method: 'GET', path: '/v2/users/me', itemIndex });
}
