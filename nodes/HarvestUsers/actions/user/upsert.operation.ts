import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkInput } from '../shared/itemOperation';
import { knownUsersWithEmail, rememberUser, sendPlan } from './provisioning/apply';
import { desiredUser } from './provisioning/desiredUser';
import { personIdentityFields, provisioningOptions, readPersonFields } from './provisioning/person';
import { planPerson } from './provisioning/plan';
import { additionalUserFields } from './fields/userBody';

const properties: INodeProperties[] = [
	...personIdentityFields({ email: '', firstName: '', lastName: '' }),
	{
		...additionalUserFields,
		hint: 'An existing user is compared on these fields and changed only where they differ. Is Active and the rates apply only when the user is created.',
	},
	provisioningOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

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
	const restoreArchived = this.getNodeParameter('options.restoreArchived', itemIndex, false) as boolean;
	const matches = await knownUsersWithEmail(this, desired.email, itemIndex);
	const plan = checkInput(
		this,
		itemIndex,
		() => planPerson(desired, matches, { restoreArchived }),
		'Nothing was sent to Harvest for this item.',
	);
	const user = await sendPlan(this, plan, itemIndex);
	if (plan.body) rememberUser(this, user);
	return { ...user, action: plan.action, changes: plan.changes, ...(plan.note ? { note: plan.note } : {}) };
}
