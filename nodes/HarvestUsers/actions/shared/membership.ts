import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { requireId } from '../../transport';
import { toStringList } from '../../rules/values';

/**
 * Lists of user IDs that Harvest only ever replaces whole (a manager's teammates, a role's
 * members). Adding or removing a few is a read-modify-write on top of that replacement.
 */

/**
 * A multi-select of users, or an expression giving IDs as a list or comma-separated text. With
 * `required`, an empty list is an error naming what is missing and the field (its display name).
 */
export function readIdList(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	required?: { noun: string; field: string },
): number[] {
	const raw = ctx.getNodeParameter(name, itemIndex, []) as unknown;
	const values = typeof raw === 'number' ? [raw] : toStringList(raw);
	if (required && values.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `No ${required.noun} given`, {
			itemIndex,
			description: `Pick at least one user under "${required.field}".`,
		});
	}
	return [...new Set(values.map((v) => requireId(ctx.getNode(), v, label, itemIndex)))];
}

export type MembershipChange = 'add' | 'remove' | 'set';

export interface MembershipResult {
	ids: number[];
	added: number[];
	removed: number[];
	changed: boolean;
}

/** The list after the change, keeping the current order and everyone the change does not name. */
export function changeMembership(
	current: number[],
	given: number[],
	change: MembershipChange,
): MembershipResult {
	const ids =
		change === 'set'
			? [...new Set(given)]
			: change === 'add'
				? [...new Set([...current, ...given])]
				: current.filter((id) => !given.includes(id));
	const added = ids.filter((id) => !current.includes(id));
	const removed = current.filter((id) => !ids.includes(id));
	return { ids, added, removed, changed: added.length > 0 || removed.length > 0 };
}
