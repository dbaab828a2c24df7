/**
 * Reading loosely typed input (a field, an expression, an HR export column) into the values
 * Harvest takes. Errors are plain `Error`s whose message says what to fix; callers attach the item.
 */

/** A list, or comma-separated text, as trimmed non-empty strings. */
export function toStringList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(',');
	return list.map((v) => String(v).trim()).filter(Boolean);
}

/** Rates and budgets are money amounts: non-negative numbers. */
export function requireAmount(value: unknown, label: string): number {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
		throw new Error(`${label} must be a number of 0 or more, got ${JSON.stringify(value)}`);
	}
	return amount;
}
