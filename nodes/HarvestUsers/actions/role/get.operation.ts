import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestRequest } from '../../transport';
import { roleIdField, roleOperation, rolePath } from './roles';

export const description = roleOperation('get', [roleIdField]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await harvestRequest(this, { method: 'GET', path: rolePath(this, itemIndex), itemIndex });
}
