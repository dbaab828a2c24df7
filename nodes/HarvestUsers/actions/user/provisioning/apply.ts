import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../../transport';
import { normaliseEmail } from '../../../rules/email';
import { findUsersByEmail } from '../../shared/usersByEmail';
import { runInOrder } from '../../../concurrency/pool';
import type { PersonPlan } from './plan';

/**
 * Sends the one request a plan needs (POST for a create, PATCH otherwise) and returns the user as
 * Harvest has it afterwards. A plan without a body sends nothing.
 */
export async function sendPlan(ctx: IExecuteFunctions, plan: PersonPlan, itemIndex?: number): Promise<IDataObject> {
	if (!plan.body) return plan.current ?? {};
	if (plan.action === 'restored') return await restoreThenChange(ctx, plan, itemIndex);
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

/** The requests a plan sends: a restore with other changes takes two (see restoreThenChange). */
export function requestsFor(plan: PersonPlan): number {
	if (!plan.body) return 0;
	return plan.action === 'restored' && Object.keys(plan.body).some((key) => key !== 'is_active') ? 2 : 1;
}

/**
 * Restore first, then change. Harvest refuses name and email changes on an archived user, and
 * whether it takes them in the very request that restores the user is unconfirmed; two requests
 * are right either way. If the second fails, the user stays restored with the old values: the
 * error says so, and a re-run finds them active and sends only the changes.
 */
async function restoreThenChange(ctx: IExecuteFunctions, plan: PersonPlan, itemIndex?: number): Promise<IDataObject> {
	const path = harvestPath(ctx.getNode(), '/v2/users/{userId}', { userId: plan.current?.id }, itemIndex);
	const changes: IDataObject = Object.fromEntries(Object.entries(plan.body as IDataObject).filter(([key]) => key !== 'is_active'));
	const restored = await harvestRequest<IDataObject>(ctx, { method: 'PATCH', path, body: { is_active: true }, itemIndex });
	if (Object.keys(changes).length === 0) return restored;
	try {
		return await harvestRequest<IDataObject>(ctx, { method: 'PATCH', path, body: changes, itemIndex });
	} catch (error) {
		const { message, description, httpCode } = error as NodeOperationError & { httpCode?: string };
		const failure = new NodeOperationError(ctx.getNode(), `${plan.email} was restored, but the other changes were not applied: ${message}`, {
			itemIndex,
			description: `The user is active again with their old ${Object.keys(changes).join(', ')}. ${description ?? ''} Run again: the user is now found active and only the changes are sent.`.replace(/\s+/g, ' '),
		});
		throw Object.assign(failure, { httpCode });
	}
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
 * and one request (a restore with changes: two, one after the other, in the same send); keying by the Harvest user as well keeps two writes for one user from ever
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
