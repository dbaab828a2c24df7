import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../../transport';
import { findUsersByEmail, normaliseEmail } from '../../../helpers/usersByEmail';
import type { PersonPlan } from './plan';

/**
 * Sends the one request a plan needs (POST for a create, PATCH otherwise) and returns the user as
 * Harvest has it afterwards. A plan without a body sends nothing.
 */
export async function sendPlan(ctx: IExecuteFunctions, plan: PersonPlan, itemIndex?: number): Promise<IDataObject> {
	if (!plan.body) return plan.current ?? {};
	const creating = plan.action === 'created';
	return await harvestRequest<IDataObject>(ctx, {
		method: creating ? 'POST' : 'PATCH',
		path: creating ? '/v2/users' : harvestPath(ctx.getNode(), '/v2/users/{userId}', { userId: plan.current?.id }, itemIndex),
		body: plan.body,
		itemIndex,
		checkHint: creating
			? `Check in Harvest → Team whether ${plan.email} exists now. Running Create or Update or Reconcile again is safe: it finds the user by email and does not create them twice.`
			: undefined,
	});
}

// Users this execution wrote, by email. `findUsersByEmail` reads Harvest once per execution, so
// without this a second item with the same email would not see the user the first one created.
const written = new WeakMap<object, Map<string, IDataObject>>();

export async function knownUsersWithEmail(ctx: IExecuteFunctions, email: string, itemIndex: number): Promise<IDataObject[]> {
	const mine = written.get(ctx)?.get(normaliseEmail(email));
	return mine ? [mine] : await findUsersByEmail(ctx, email, itemIndex);
}

export function rememberUser(ctx: IExecuteFunctions, user: IDataObject): void {
	let users = written.get(ctx);
	if (!users) {
		users = new Map();
		written.set(ctx, users);
	}
	users.set(normaliseEmail(user.email), user);
}

/**
 * Runs `task` over `list` with at most `concurrency` at a time, results in list order. The
 * transport paces the requests; a few in flight keep Harvest's window full even when each answer
 * takes a few hundred milliseconds, so a large first sync runs at the rate limit, not below it.
 */
export async function mapConcurrently<T, R>(
	list: readonly T[],
	concurrency: number,
	task: (value: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(list.length);
	let next = 0;
	const worker = async () => {
		while (next < list.length) {
			const index = next++;
			results[index] = await task(list[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
	return results;
}
