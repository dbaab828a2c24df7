import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { userIdsField } from '../shared/membership';
import { patchRole, readRoleName, readUserIds, roleIdField, roleNameField, roleOperation, rolePath } from './roles';

export const description = roleOperation('update', [
	roleIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			roleNameField,
			userIdsField({
				displayName: 'Users',
				name: 'userIds',
				description:
					'The complete new membership: anyone not picked loses the role. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				hint: 'Replaces all members. To add or remove a few people, use the Add Users or Remove Users operation.',
			}),
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = rolePath(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = readRoleName(this, fields.name, itemIndex);
	if (fields.userIds !== undefined) body.user_ids = readUserIds(this, itemIndex, 'updateFields.userIds');
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: no field was added', {
			itemIndex,
			description: 'Add Name or Users under "Update Fields".',
		});
	}
	return await patchRole(this, path, body, itemIndex);
}
