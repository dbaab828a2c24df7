import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * The package's one ID rule: a Harvest ID is a positive whole number that a JavaScript number
 * holds exactly (at most 2^53 - 1). IDs arrive as text from expressions, locators and HR
 * exports; a longer one would be rounded to a neighbour, and a delete could hit another person,
 * so it is refused rather than rounded. An ID Harvest sent beyond 2^53 was already rounded by
 * JSON parsing, is not a safe integer, and so is never written back to either.
 */
const MAX_ID = String(Number.MAX_SAFE_INTEGER);

/** The ID as an exact number, or undefined when the value is not a usable Harvest ID. */
export function toId(value: unknown): number | undefined {
	if (typeof value === 'number')
		return Number.isSafeInteger(value) && value > 0 ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!/^[1-9]\d*$/.test(text)) return undefined;
	// Compared as digits: Number(text) would already have rounded.
	if (text.length > MAX_ID.length || (text.length === MAX_ID.length && text > MAX_ID))
		return undefined;
	return Number(text);
}

/** Like toId, but an error naming the field (and what it got) when the value is not an ID. */
export function requireId(node: INode, value: unknown, label: string, itemIndex?: number): number {
	const id = toId(value);
	if (id !== undefined) return id;
	const shown = value === undefined || value === '' ? 'nothing' : JSON.stringify(value);
	const tooLong =
		typeof value === 'number'
			? Number.isInteger(value) && value > 0
			: typeof value === 'string' && /^[1-9]\d*$/.test(value.trim());
	throw new NodeOperationError(node, `${label} must be a positive whole number, got ${shown}`, {
		itemIndex,
		description: tooLong
			? `${label} has more digits than any Harvest ID can have exactly (the largest is ${MAX_ID}); it was not rounded to a neighbouring record. Check where the ID comes from.`
			: `Pick the record from the list, or map a numeric Harvest ID into "${label}".`,
	});
}
