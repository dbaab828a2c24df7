import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../shared/common.descriptions';
import { listRecords } from '../shared/itemOperation';
import { roleOperation } from './roles';

export const description = roleOperation('getAll', returnAllOrLimit);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listRecords(this, itemIndex, { path: '/v2/roles', key: 'roles' });
}
