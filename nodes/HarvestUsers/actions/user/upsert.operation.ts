import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { changesForPeople } from '../../display/changes';
import { requireWholeRoster } from '../../transport';
import { checkInput } from '../shared/checkInput';
import { additionalUserFields, provisioningOptions } from './fields/user.descriptions';
import { knownUsersWithEmail, rememberUser, sendPlan } from './provisioning/apply';
import { desiredUser } from './provisioning/desiredUser';
import { readPersonFields } from './provisioning/person';
import { planPerson, PROJECTS_NOT_RESTORED_WARNING } from './provisioning/plan';
import { userOutputFields, userShaper } from '../../display/userOutput';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Create or Update',
	value: 'upsert',
	action: 'Create or update a user by email',
	description:
		'Create a new user unless one has this email (matched by email, any letter case), or update the current one if it already exists (upsert)',
};

export const recordParameter = 'email';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		required: true,
		default: '',
		description:
			'How the user is found (case and surrounding spaces ignored); a new user gets their invitation at this address',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		placeholder: 'e.g. Nathan',
		default: '',
		description: "Needed when the user is created; left empty, an existing user's value is kept",
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		placeholder: 'e.g. Smith',
		default: '',
		description: "Needed when the user is created; left empty, an existing user's value is kept",
	},
	{
		...additionalUserFields,
		hint: 'An existing user is compared on these fields and changed only where they differ. Is Active and the rates apply only when the user is created.',
	},
	provisioningOptions,
	...userOutputFields,
];

const displayOptions = { show: { resource: ['user'], operation: ['upsert'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Safe to re-run: the user is found by email first, so a second run sends no create (and Harvest
 * no second invitation), and a user already as described gets no request at all.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const desired = checkInput(
		this,
		itemIndex,
		() => desiredUser(readPersonFields(this, itemIndex)),
		'Nothing was sent to Harvest. Fix the field and run the item again.',
	);
	const restoreArchived = this.getNodeParameter(
		'options.restoreArchived',
		itemIndex,
		false,
	) as boolean;
	await requireWholeRoster(this, {
		what: 'Create or Update',
		instead:
			'to change people this user may see, use User → Update with the user picked from the list or by ID',
		itemIndex,
	});
	const matches = await knownUsersWithEmail(this, desired.email, itemIndex);
	const plan = checkInput(
		this,
		itemIndex,
		() => planPerson(desired, matches, { restoreArchived }),
		'Nothing was sent to Harvest for this item.',
	);
	const user = await sendPlan(this, plan, itemIndex);
	if (plan.body) rememberUser(this, user);
	const shaped = userShaper(this, itemIndex, false)(user);
	return {
		...shaped,
		action: plan.action,
		changes: changesForPeople(plan.changes),
		...(plan.note ? { note: plan.note } : {}),
		...(plan.action === 'restored' ? { warning: PROJECTS_NOT_RESTORED_WARNING } : {}),
	};
}
