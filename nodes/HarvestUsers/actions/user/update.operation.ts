import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import { patchUser, readUserBody, updateUserFieldOptions } from './fields/userBody';

const properties: INodeProperties[] = [
	userLocator(),
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

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = readUserBody(this, fields, 'update', itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: no field was added', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	return await patchUser(this, await readUserId(this, itemIndex), body, itemIndex);
}
