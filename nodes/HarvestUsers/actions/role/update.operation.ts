import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { checkInput } from '../shared/checkInput';
import { readIdList } from '../shared/membership';
import { roleIdField, roleNameField, roleUsersField } from './role.descriptions';
import { readRoleId, readRoleName } from './roleParameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a role',
	description: 'Rename a role or replace its members',
};

export const recordParameter = 'roleId';

const properties: INodeProperties[] = [
	roleIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			roleNameField,
			{
				...roleUsersField,
				description:
					'The complete new membership: anyone not picked loses the role. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				hint: 'Replaces all members. To add or remove a few people, use the Add Users or Remove Users operation.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['role'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = harvestPath(
		this.getNode(),
		'/v2/roles/{roleId}',
		{ roleId: readRoleId(this, itemIndex) },
		itemIndex,
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = readRoleName(this, fields.name, itemIndex);
	if (fields.userIds !== undefined)
		body.user_ids = readIdList(this, 'updateFields.userIds', 'User ID', itemIndex);
	checkInput(
		this,
		itemIndex,
		() => {
			if (Object.keys(body).length === 0) throw new Error('Nothing to update: no field was added');
		},
		'Add Name or User Names or IDs under "Update Fields".',
	);
	return await harvestRequest(this, { method: 'PATCH', path, body, itemIndex });
}
