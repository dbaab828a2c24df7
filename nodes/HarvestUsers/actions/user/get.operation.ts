import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, [
	userLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = await readUserId(this, itemIndex);
	return await harvestRequest(this, {
		method: 'GET',
		path: harvestPath(this.getNode(), '/v2/users/{userId}', { userId }, itemIndex),
		itemIndex,
	});
}
