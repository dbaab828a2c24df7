import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { positiveId } from '../../transport';
import { toStringList } from '../../helpers/values';

/**
 * Lists of user IDs that Harvest only ever replaces whole (a manager's teammates, a role's
 * members). Adding or removing a few is a read-modify-write on top of that replacement.
 */

export const userIdsField = (overrides: Partial<INodeProperties> & Pick<INodeProperties, 'displayName' | 'name'>): INodeProperties => ({
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: [],
	description:
		'Active users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	...overrides,
});

/**
 * A multi-select of users, or an expression giving IDs as a list or comma-separated text. With
 * `requiredField` (its display name), an empty list is an error naming that field.
 */
export function readIdList(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	requiredField?: string,
): number[] {
	const raw = ctx.getNodeParameter(name, itemIndex, []) as unknown;
	const values = typeof raw === 'number' ? [raw] : toStringList(raw);
	if (requiredField && values.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `No ${requiredField.toLowerCase()} given`, {
			itemIndex,
			description: `Pick at least one user under "${requiredField}".`,
		});
	}
	return [...new Set(values.map((v) => positiveId(ctx.getNode(), v, label, itemIndex)))];
}

export type MembershipChange = 'add' | 'remove' | 'set';

export interface MembershipResult {
	ids: number[];
	added: number[];
	removed: number[];
	changed: boolean;
}

/** The list after the change, keeping the current order and everyone the change does not name. */
export function changeMembership(current: number[], given: number[], change: MembershipChange): MembershipResult {
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
