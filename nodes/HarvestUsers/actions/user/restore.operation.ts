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
import { PROJECTS_NOT_RESTORED_WARNING } from './provisioning/plan';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Restore',
	value: 'restore',
	action: 'Restore an archived user by ID or email',
	description: 'Reactivate an archived user (is_active true)',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [userLocator, ...userOutputFields];

const displayOptions = { show: { resource: ['user'], operation: ['restore'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Restore is the PATCH that archived them, with is_active true again; their projects stay gone. */
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
		body: { is_active: true },
		itemIndex,
	});
	await refreshKnownUser(this, user);
	return { ...userShaper(this, itemIndex, false)(user), warning: PROJECTS_NOT_RESTORED_WARNING };
}
