import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserTarget } from '../shared/parameters';
import { refreshKnownUser } from '../shared/usersByEmail';
import { userOutputFields, userShaper } from '../../display/userOutput';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Archive',
	value: 'archive',
	action: 'Archive a user by ID or email',
	description:
		'Archive a user (is_active false): they can no longer sign in, their history is kept; Restore undoes it',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [userLocator, ...userOutputFields];

const displayOptions = { show: { resource: ['user'], operation: ['archive'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Archive = is_active false (v1's toggle is gone): no sign-in any more, history kept. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = harvestPath(
		this.getNode(),
		'/v2/users/{userId}',
		{ userId: (await readUserTarget(this, itemIndex)).id },
		itemIndex,
	);
	const user = await harvestRequest(this, {
		method: 'PATCH',
		path,
		body: { is_active: false },
		itemIndex,
	});
	await refreshKnownUser(this, user);
	return userShaper(this, itemIndex, false)(user);
}
