import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { deleteOptions, userLocator } from '../shared/common.descriptions';
import { deleteOrArchive } from '../shared/deleteOrArchive';
import { readUserId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a user permanently by ID or email',
	description: 'Delete a user who has no time entries or expenses',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [
	userLocator,
	{ ...deleteOptions, hint: 'An archived user can no longer sign in; their history is kept' },
];

const displayOptions = { show: { resource: ['user'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = await readUserId(this, itemIndex);
	const path = harvestPath(this.getNode(), '/v2/users/{userId}', { userId }, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await deleteOrArchive(this, itemIndex, {
		id: userId,
		deletePath: path,
		noun: 'user',
		// Archiving is Harvest's is_active: false on the same record.
		archive:
			options.archiveIfNotDeletable === true ? { path, body: { is_active: false } } : undefined,
		whenBlocked:
			'Archive the user instead: use the Archive operation, or turn on Options → "Archive Instead If Not Deletable".',
	});
}
