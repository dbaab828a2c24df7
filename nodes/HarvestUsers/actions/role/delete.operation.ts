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
	name: 'Delete',
	value: 'delete',
	action: 'Delete a role',
	description: 'Delete a role; its members keep their other roles',
};

export const recordParameter = 'roleId';

const properties: INodeProperties[] = [
	{ ...roleIdField, hint: 'Its members lose this role; their other roles and permissions stay' },
];

const displayOptions = { show: { resource: ['role'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const roleId = readRoleId(this, itemIndex);
	await harvestRequest(this, {
		method: 'DELETE',
		path: harvestPath(this.getNode(), '/v2/roles/{roleId}', { roleId }, itemIndex),
		itemIndex,
	});
	return { deleted: true, id: roleId };
}
