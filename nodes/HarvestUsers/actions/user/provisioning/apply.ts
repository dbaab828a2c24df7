import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../../transport';
import { normaliseEmail } from '../../../rules/email';
import { findUsersByEmail } from '../../shared/usersByEmail';
import { parallelRequests } from '../../../concurrency/parallelRequests';
import { runInOrder } from '../../../concurrency/pool';
import type { PersonPlan } from './plan';
import type { Step } from './steps';

/**
 * Sends the one request a plan needs (POST for a create, PATCH otherwise) and returns the user as
 * Harvest has it afterwards. A plan without a body sends nothing.
 */
export async function sendPlan(
	ctx: IExecuteFunctions,
	plan: PersonPlan,
	itemIndex?: number,
): Promise<IDataObject> {
	if (!plan.body) return plan.current ?? {};
	if (plan.action === 'restored') return await restoreThenChange(ctx, plan, itemIndex);
	const creating = plan.action === 'created';
	return await harvestRequest<IDataObject>(ctx, {
		method: creating ? 'POST' : 'PATCH',
		path: creating
			? '/v2/users'
			: harvestPath(ctx.getNode(), '/v2/users/{userId}', { userId: plan.current?.id }, itemIndex),
		body: plan.body,
		itemIndex,
		checkHint: creating
			? `Check in Harvest → Team whether ${plan.email} exists now. Running Create or Update or Reconcile again is safe: it finds the user by email and does not create them twice.`
			: undefined,
	});
}

/**
 * Restore first, then change. Harvest refuses name and email changes on an archived user, and
 * whether it takes them in the very request that restores the user is unconfirmed; two requests
 * are right either way. If the second fails, the user stays restored with the old values: the
 * error says so, and a re-run finds them active and sends only the changes.
 */
async function restoreThenChange(
	ctx: IExecuteFunctions,
	plan: PersonPlan,
	itemIndex?: number,
): Promise<IDataObject> {
	const path = harvestPath(
		ctx.getNode(),
		'/v2/users/{userId}',
		{ userId: plan.current?.id },
		itemIndex,
	);
	const changes: IDataObject = Object.fromEntries(
		Object.entries(plan.body as IDataObject).filter(([key]) => key !== 'is_active'),
	);
	const restored = await harvestRequest<IDataObject>(ctx, {
		method: 'PATCH',
		path,
		body: { is_active: true },
		itemIndex,
	});
	if (Object.keys(changes).length === 0) return restored;
	try {
		return await harvestRequest<IDataObject>(ctx, {
			method: 'PATCH',
			path,
			body: changes,
			itemIndex,
		});
	} catch (error) {
		const { message, description, httpCode } = error as NodeOperationError & { httpCode?: string };
		const failure = new NodeOperationError(
			ctx.getNode(),
			`${plan.email} was restored, but the other changes were not applied: ${message}`,
			{
				itemIndex,
				description:
					`The user is active again with their old ${Object.keys(changes).join(', ')}. ${description ?? ''} Run again: the user is now found active and only the changes are sent.`.replace(
						/\s+/g,
						' ',
					),
			},
		);
		throw Object.assign(failure, { httpCode });
	}
}

// Users this execution wrote, by email. `findUsersByEmail` reads Harvest once per execution, so
// without this a second item with the same email would not see the user the first one created.
const written = new WeakMap<object, Map<string, IDataObject>>();

export async function knownUsersWithEmail(
	ctx: IExecuteFunctions,
	email: string,
	itemIndex: number,
): Promise<IDataObject[]> {
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
 * Reconcile's writes, a few at a time (the node's Parallel Requests), so a large first sync runs
 * at Harvest's rate limit and not at one round trip per person. Each step is one person and one
 * request (a restore with changes: two, one after the other, in the same send); keying by the
 * Harvest user as well keeps two writes for one user from ever overlapping, should a plan ever
 * hold two. Every write is attempted: a failure stays on its step, so one person's 422 leaves the
 * others applied, and the report names it.
 */
export async function applySteps(ctx: IExecuteFunctions, writes: readonly Step[]): Promise<void> {
	await runInOrder(writes.length, async (index) => await applyStep(ctx, writes[index]), {
		concurrency: parallelRequests(ctx),
		stopOnFailure: false,
		keyOf: (index) => personKey(writes[index].plan),
	});
}

async function applyStep(ctx: IExecuteFunctions, step: Step): Promise<void> {
	try {
		step.user = await sendPlan(ctx, step.plan as PersonPlan, step.itemIndex);
	} catch (error) {
		const { message, description, httpCode } = error as NodeOperationError & { httpCode?: string };
		step.failure = { message, description: description ?? undefined, httpCode };
	}
}

function personKey(plan: PersonPlan | undefined): string | undefined {
	if (!plan) return undefined;
	return plan.current?.id !== undefined
		? `user:${String(plan.current.id)}`
		: `email:${normaliseEmail(plan.email)}`;
}
