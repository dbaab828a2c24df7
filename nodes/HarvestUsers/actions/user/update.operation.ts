import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { checkInput } from '../shared/checkInput';
import { userLocator } from '../shared/common.descriptions';
import { readUserTarget } from '../shared/parameters';
import { isToolUse, nodeVersion } from '../../rules/toolUse';
import { refreshKnownUser } from '../shared/usersByEmail';
import { userOutputFields, userShaper } from '../../display/userOutput';
import { updateUserFieldOptions } from './fields/user.descriptions';
import { readUserBody } from './fields/userBody';
import { givenUpdateFields, planUpdate } from './provisioning/updatePlan';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update the given fields of a user by ID or email',
	description: "Change a user's details, access roles or capacity",
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateUserFieldOptions,
		hint: 'Only the fields added here change. Rates are not here: change them with the Billable Rate and Cost Rate resources (Harvest no longer takes them on a user update).',
	},
	...userOutputFields,
];

const displayOptions = { show: { resource: ['user'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Version 1.2, and any version used as an AI tool: the user is read first (from the roster when
 * found by email) and only what differs is sent; nothing differing, nothing is sent. A model that
 * copies Get's answer back with one value changed changes exactly that value. Earlier versions
 * outside tool use send every added field, as their saved workflows expect.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const toolUse = isToolUse(this, itemIndex);
	const raw = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const given = checkInput(
		this,
		itemIndex,
		() => givenUpdateFields(raw, toolUse),
		'Nothing was sent to Harvest.',
	);
	const body = readUserBody(this, given, 'update', itemIndex);
	if (!toolUse) {
		checkInput(
			this,
			itemIndex,
			() => {
				if (Object.keys(body).length === 0)
					throw new Error('Nothing to update: no field was added');
			},
			'Add at least one field under "Update Fields".',
		);
	}
	const target = await readUserTarget(this, itemIndex);
	const path = harvestPath(this.getNode(), '/v2/users/{userId}', { userId: target.id }, itemIndex);
	const shape = userShaper(this, itemIndex, false);
	if (!toolUse && nodeVersion(this) < 1.2) {
		return await harvestRequest(this, { method: 'PATCH', path, body, itemIndex });
	}
	const current =
		target.user ?? (await harvestRequest<IDataObject>(this, { method: 'GET', path, itemIndex }));
	const plan = planUpdate(body, current, given);
	if (Object.keys(plan.body).length === 0) return shape(current);
	const user = await harvestRequest<IDataObject>(this, {
		method: 'PATCH',
		path,
		body: plan.body,
		itemIndex,
	});
	await refreshKnownUser(this, user);
	return shape(user);
}
