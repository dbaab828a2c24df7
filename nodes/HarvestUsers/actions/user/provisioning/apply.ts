import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../../transport';
import { findUsersByEmail, normaliseEmail } from '../../../helpers/usersByEmail';
import { runInOrder } from '../../../helpers/pool';
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
 * Sends the writes of a plan a few at a time (the node's Parallel Requests), so a large first
 * sync runs at Harvest's rate limit and not at one round trip per person. Each plan is one person
 * and one request; keying by the Harvest user as well keeps two writes for one user from ever
 * overlapping, should a plan ever hold two. Every write is attempted: one person's failure is
 * reported by the caller and never stops the others.
 */
export async function sendPlans<T extends { plan?: PersonPlan; itemIndex?: number }>(
	steps: readonly T[],
	concurrency: number,
	send: (step: T) => Promise<void>,
): Promise<void> {
	await runInOrder(steps.length, async (index) => await send(steps[index]), {
		concurrency,
		stopOnFailure: false,
		keyOf: (index) => personKey(steps[index].plan),
	});
}

function personKey(plan: PersonPlan | undefined): string | undefined {
	if (!plan) return undefined;
	return plan.current?.id !== undefined ? `user:${String(plan.current.id)}` : `email:${normaliseEmail(plan.email)}`;
}
