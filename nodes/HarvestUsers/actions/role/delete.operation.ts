import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestRequest } from '../../transport';
import { readRoleId, roleIdField, roleOperation, rolePath } from './roles';

export const description = roleOperation('delete', [
	{ ...roleIdField, hint: 'Its members lose this role; their other roles and permissions stay' },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = rolePath(this, itemIndex);
	await harvestRequest(this, { method: 'DELETE', path, itemIndex });
	return { id: readRoleId(this, itemIndex), action: 'deleted' };
}
