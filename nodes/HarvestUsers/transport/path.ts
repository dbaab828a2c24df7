import type { INode } from 'n8n-workflow';

import { requireId } from './ids';

/**
 * Builds `/v2/...` paths from a template such as `/v2/users/{userId}/billable_rates`. Every ID is
 * checked to be a positive whole number (exact, see ids.ts) first: IDs often come from expressions, and a value like
 * `1/../../roles` must never become part of a URL that carries the token.
 */
export function harvestPath(
	node: INode,
	template: string,
	ids: Record<string, unknown>,
	itemIndex?: number,
): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (!(name in ids)) throw new Error(`Path template ${template} needs ${name}`);
		return String(requireId(node, ids[name], idLabel(name), itemIndex));
	});
}

/** `userAssignmentId` -> "User Assignment ID" */
export function idLabel(name: string): string {
	const words = name.replace(/Id$/, '').replace(/([A-Z])/g, ' $1');
	return `${words.charAt(0).toUpperCase()}${words.slice(1)} ID`;
}
