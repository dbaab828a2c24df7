import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestRequest } from '../../transport';
import { userIdsField } from '../shared/membership';
import { readRoleName, readUserIds, roleNameField, roleOperation } from './roles';

export const description = roleOperation('create', [
	{ ...roleNameField, required: true },
	userIdsField({ displayName: 'Users', name: 'userIds', description: 'People who get this role. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' }),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = readRoleName(this, this.getNodeParameter('name', itemIndex), itemIndex);
	const userIds = readUserIds(this, itemIndex);
	return await harvestRequest(this, {
		method: 'POST',
		path: '/v2/roles',
		body: { name, ...(userIds.length ? { user_ids: userIds } : {}) },
		itemIndex,
		checkHint: `Check in Harvest (Team → Roles) whether the role "${name}" exists now before running this item again.`,
	});
}
