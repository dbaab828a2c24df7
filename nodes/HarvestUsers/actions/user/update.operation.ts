import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { checkInput } from '../shared/checkInput';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import { updateUserFieldOptions } from './fields/user.descriptions';
import { readUserBody } from './fields/userBody';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update the details of a user',
	description: "Change a user's details, access roles or capacity",
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateUserFieldOptions,
		hint: 'Only the fields added here change. Rates are not here: change them with the Billable Rate and Cost Rate resources (Harvest no longer takes them on a user update).',
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = readUserBody(this, fields, 'update', itemIndex);
	checkInput(
		this,
		itemIndex,
		() => {
			if (Object.keys(body).length === 0) throw new Error('Nothing to update: no field was added');
		},
		'Add at least one field under "Update Fields".',
	);
	const userId = await readUserId(this, itemIndex);
	return await harvestRequest(this, {
		method: 'PATCH',
		path: harvestPath(this.getNode(), '/v2/users/{userId}', { userId }, itemIndex),
		body,
		itemIndex,
	});
}
