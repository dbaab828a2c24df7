import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { harvestRequest } from './request';
import type { HarvestContext } from './types';

/**
 * Harvest scopes the user list by the token's role: an Administrator sees everyone, a Manager
 * only themselves and their teammates, a Member gets 403. An operation that needs the whole
 * roster would, with anything less, take the people it cannot see for missing or new: creates
 * that Harvest refuses, archives planned on a partial roster, deletions that never happened.
 * So those operations ask who the token is first, once per execution, and stop before writing.
 */

export type BaseRole = 'administrator' | 'manager' | 'member';

// Keyed by an object that lives exactly as long as one execution (see executionScope), then by credential.
const tokenUsers = new WeakMap<object, Map<string, Promise<IDataObject>>>();

/**
 * What lives as long as the whole execution. n8n-core lets a node reach the execution's flow
 * context (`getContext('flow')`, one object in the run's execution data), which every node run of
 * the execution shares: each call an AI Agent makes to a tool is its own node run with a new
 * context object. Pollers and editor lookups have no flow context; their own context object is
 * the scope. Nothing is stored inside the flow context, so nothing of it is saved with the run.
 */
function executionScope(ctx: HarvestContext): object {
	const withFlow = ctx as { getContext?: (type: 'flow') => object };
	try {
		return typeof withFlow.getContext === 'function' ? withFlow.getContext('flow') : ctx;
	} catch {
		return ctx;
	}
}

/** Which token: nodes of one execution may use different credentials. */
function credentialKey(ctx: HarvestContext): string {
	return JSON.stringify(ctx.getNode().credentials ?? {});
}

/** GET /v2/users/me, sent at most once per execution (and credential) however many items, callers or tool calls ask. */
export async function tokenUser(ctx: HarvestContext): Promise<IDataObject> {
	const scope = executionScope(ctx);
	const key = credentialKey(ctx);
	let byCredential = tokenUsers.get(scope);
	if (!byCredential) {
		byCredential = new Map();
		tokenUsers.set(scope, byCredential);
	}
	let pending = byCredential.get(key);
	if (!pending) {
		pending = harvestRequest<IDataObject>(ctx, { method: 'GET', path: '/v2/users/me' });
		byCredential.set(key, pending);
		pending.catch(() => byCredential.delete(key));
	}
	return await pending;
}

/** `access_roles` since 2022; older accounts answered `is_admin` / `is_project_manager` instead. */
export function baseRoleOf(user: IDataObject): BaseRole | undefined {
	const roles = Array.isArray(user.access_roles) ? (user.access_roles as unknown[]) : undefined;
	if (roles)
		return (['administrator', 'manager', 'member'] as const).find((r) => roles.includes(r));
	if (user.is_admin === true) return 'administrator';
	if (user.is_project_manager === true) return 'manager';
	if (user.is_admin === false) return 'member';
	return undefined;
}

export interface RosterNeed {
	/** What needs the roster, as the person knows it: "Reconcile With Roster", "The Deleted event". */
	what: string;
	/** What the person can do instead, besides using an Administrator's token. */
	instead: string;
	itemIndex?: number;
}

/** Why a token that is not an Administrator's sees too little (also said by the connection test). */
export const WHY: Record<BaseRole | 'unknown', string> = {
	administrator: '',
	manager: 'In Harvest a Manager sees only themselves and their teammates',
	member: 'Harvest shows a Member no user list at all',
	unknown: 'Harvest did not say which access role this user has',
};

/**
 * Resolves to the token's user when it is an Administrator; otherwise throws, saying why and
 * what to do, before the caller has written anything.
 */
export async function requireWholeRoster(
	ctx: HarvestContext,
	need: RosterNeed,
): Promise<IDataObject> {
	const user = await tokenUser(ctx);
	const role = baseRoleOf(user);
	if (role === 'administrator') return user;
	const who = typeof user.email === 'string' && user.email ? ` (${user.email})` : '';
	const roleName = role
		? `a ${role.charAt(0).toUpperCase()}${role.slice(1)}`
		: 'not an Administrator';
	throw new NodeOperationError(
		ctx.getNode(),
		`${need.what} needs a Harvest Administrator's token: the credential's user${who} is ${roleName}`,
		{
			itemIndex: need.itemIndex,
			description: `${WHY[role ?? 'unknown']}, so everyone else would look missing or new. Nothing was sent to Harvest but this check (GET /v2/users/me). Use a credential whose token belongs to a Harvest Administrator, or ${need.instead}.`,
		},
	);
}
