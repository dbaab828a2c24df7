import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * Builds `/v2/...` paths from a template such as `/v2/users/{userId}/billable_rates`. Every ID is
 * checked to be a positive whole number first: IDs often come from expressions, and a value like
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
		return String(positiveId(node, ids[name], idLabel(name), itemIndex));
	});
}

export function positiveId(node: INode, value: unknown, label: string, itemIndex?: number): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (/^[1-9]\d{0,15}$/.test(text)) return Number(text);
	const shown = value === undefined || value === '' ? 'nothing' : JSON.stringify(value);
	throw new NodeOperationError(node, `${label} must be a positive whole number, got ${shown}`, {
		itemIndex,
		description: `Pick the record from the list, or map a numeric Harvest ID into "${label}".`,
	});
}

/** `userAssignmentId` -> "User Assignment ID" */
export function idLabel(name: string): string {
	const words = name.replace(/Id$/, '').replace(/([A-Z])/g, ' $1');
	return `${words.charAt(0).toUpperCase()}${words.slice(1)} ID`;
}
