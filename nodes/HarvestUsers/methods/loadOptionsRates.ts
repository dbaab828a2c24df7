/**
 * Dropdowns for a user's rate histories. They depend on the user chosen above them
 * (`loadOptionsDependsOn`); until that is set they are empty rather than an error.
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { rateLabel } from '../rules/rateRules';
import { normaliseEmail } from '../rules/email';
import { harvestList, harvestPath, toId } from '../transport';
import { chosen, options } from './choices';

async function userIdOf(ctx: ILoadOptionsFunctions): Promise<number | undefined> {
	const user = chosen(ctx, 'userId');
	if (!user || user.mode !== 'email') return user ? toId(user.value) : undefined;
	const users = await harvestList(ctx, { path: '/v2/users', key: 'users' });
	const matches = users.filter((u) => normaliseEmail(u.email) === normaliseEmail(user.value));
	return matches.length === 1 ? (matches[0].id as number) : undefined;
}

async function rates(
	ctx: ILoadOptionsFunctions,
	segment: 'billable_rates' | 'cost_rates',
): Promise<INodePropertyOptions[]> {
	const userId = await userIdOf(ctx);
	if (userId === undefined) return [];
	const path = harvestPath(ctx.getNode(), `/v2/users/{userId}/${segment}`, { userId });
	// Harvest lists oldest first; the newest (current) rate is the likeliest pick.
	return (await options(ctx, { path, key: segment }, rateLabel)).reverse();
}

/** "amount from start_date" for each billable rate of the chosen user. */
export async function getBillableRates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await rates(this, 'billable_rates');
}

/** "amount from start_date" for each cost rate of the chosen user. */
export async function getCostRates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await rates(this, 'cost_rates');
}
