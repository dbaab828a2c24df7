import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../shared/common.descriptions';
import { readLimit, readUserId } from '../shared/parameters';
import { listTeammates, managerLocator } from './teammates';

export const description = updateDisplayOptions({ show: { resource: ['teammate'], operation: ['getAll'] } }, [
	managerLocator(),
	...returnAllOrLimit,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listTeammates(this, await readUserId(this, itemIndex), itemIndex, readLimit(this, itemIndex));
}
