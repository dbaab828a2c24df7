import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { returnAllOrLimit } from '../shared/common.descriptions';
import { listRecords } from '../shared/listRecords';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many roles',
	description: 'List roles',
};

export const recordParameter = null;

const properties: INodeProperties[] = [...returnAllOrLimit];

const displayOptions = { show: { resource: ['role'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listRecords(this, itemIndex, { path: '/v2/roles', key: 'roles' });
}
