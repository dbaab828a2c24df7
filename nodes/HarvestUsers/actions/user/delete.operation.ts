import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import { archiveIfNotDeletableOption, deleteOrArchive } from '../shared/deleteOrArchive';

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, [
	userLocator(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [archiveIfNotDeletableOption('user', 'they can no longer sign in, their history is kept')],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = await readUserId(this, itemIndex);
	const path = harvestPath(this.getNode(), '/v2/users/{userId}', { userId }, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await deleteOrArchive(this, itemIndex, {
		id: userId,
		deletePath: path,
		noun: 'user',
		archive: options.archiveIfNotDeletable === true ? { path, body: { is_active: false } } : undefined,
		whenBlocked:
			'Archive the user instead: use the Archive operation, or turn on Options → "Archive Instead If Not Deletable".',
	});
}
