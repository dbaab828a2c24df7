import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestRequest } from '../../transport';
import { additionalUserFields } from './fields/user.descriptions';
import { readUserBody } from './fields/userBody';
import { isToolUse, withoutBlanks } from '../../rules/toolUse';
import { userOutputFields, userShaper } from '../../display/userOutput';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create and invite a user',
	description: 'Create a user; Harvest emails them an invitation',
};

export const recordParameter = 'email';

const properties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		placeholder: 'e.g. Nathan',
		required: true,
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		placeholder: 'e.g. Smith',
		required: true,
		default: '',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		required: true,
		default: '',
		description: 'Harvest emails the new user an invitation to this address',
	},
	additionalUserFields,
	...userOutputFields,
];

const displayOptions = { show: { resource: ['user'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = readUserBody(
		this,
		{
			firstName: this.getNodeParameter('firstName', itemIndex),
			lastName: this.getNodeParameter('lastName', itemIndex),
			email: this.getNodeParameter('email', itemIndex),
			...additionalFields(this, itemIndex),
		},
		'create',
		itemIndex,
	);
	const user = await harvestRequest(this, {
		method: 'POST',
		path: '/v2/users',
		body,
		itemIndex,
		checkHint: `Check in Harvest → Team whether ${String(body.email)} exists now before running this item again: a second create would send a second invitation.`,
	});
	return userShaper(this, itemIndex, false)(user);
}

/** In tool use a blank optional field means "not given" (the model sends "" for what it does not set). */
function additionalFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return isToolUse(ctx, itemIndex) ? withoutBlanks(fields) : fields;
}
