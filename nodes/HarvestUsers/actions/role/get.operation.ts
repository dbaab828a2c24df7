import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { roleIdField } from './role.descriptions';
import { readRoleId } from './roleParameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a role',
	description: 'Retrieve one role',
};

export const recordParameter = null;

const properties: INodeProperties[] = [roleIdField];

const displayOptions = { show: { resource: ['role'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const roleId = readRoleId(this, itemIndex);
	return await harvestRequest(this, {
		method: 'GET',
		path: harvestPath(this.getNode(), '/v2/roles/{roleId}', { roleId }, itemIndex),
		itemIndex,
	});
}
