import type { IDataObject, IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

import { baseRoleOf, tokenUser } from '../../transport';
import { WHY } from '../../transport/access';

/**
 * Harvest scopes the user list by the token's role: a Manager gets themselves and their teammates
 * with a plain 200, which reads as the whole account. Such a run says so, in the editor (an
 * execution hint) and on every item (`partialList: true`, which a workflow can test); an
 * Administrator's output is unchanged. (Assignment lists are not flagged: how Harvest scopes them
 * for a Manager is not recorded, so the sandbox cannot show it either.)
 */
const ROLE_SCOPED = new Set(['/v2/users']);

// One hint per execution, however many items list (keyed by the execution's context object).
const hinted = new WeakSet<object>();

export function isRoleScoped(path: string): boolean {
	return ROLE_SCOPED.has(path.split('?')[0]);
}

/** Pure: the hint for a list read with a token of `role` (undefined: the list is complete). */
export function partialListHint(user: IDataObject): NodeExecutionHint | undefined {
	const role = baseRoleOf(user);
	if (role === 'administrator') return undefined;
	const who = typeof user.email === 'string' && user.email ? ` (${user.email})` : '';
	const roleName = role
		? `a ${role.charAt(0).toUpperCase()}${role.slice(1)}`
		: 'not an Administrator';
	return {
		type: 'warning',
		location: 'outputPane',
		message: `Partial list: the credential's user${who} is ${roleName}. ${WHY[role ?? 'unknown']}, so this list may miss people and records. Use an Administrator's token for the whole account. Each item carries partialList: true.`,
	};
}

export async function markPartial(
	ctx: IExecuteFunctions,
	path: string,
	records: IDataObject[],
): Promise<IDataObject[]> {
	if (!isRoleScoped(path)) return records;
	const hint = partialListHint(await tokenUser(ctx));
	if (!hint) return records;
	// addExecutionHints arrived in n8n 1.x; an older runtime only gets the items' flag.
	if (
		!hinted.has(ctx) &&
		typeof (ctx as Partial<IExecuteFunctions>).addExecutionHints === 'function'
	) {
		hinted.add(ctx);
		ctx.addExecutionHints(hint);
	}
	return records.map((record) => ({ ...record, partialList: true }));
}
