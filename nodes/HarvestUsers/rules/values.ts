/**
 * Reading loosely typed input (a field, an expression, an HR export column) into the values
 * Harvest takes. Errors are plain `Error`s whose message says what to fix; callers attach the item.
 */

/**
 * Text as Harvest should hold it: Unicode NFC (HR exports often write "é" as "e" + a combining
 * accent, NFD, which looks the same but differs byte for byte) and trimmed.
 */
export function cleanText(value: string): string {
	return value.normalize('NFC').trim();
}

/**
 * Text as it is compared with Harvest's ("is it already so?"): cleaned, and runs of spaces count as
 * one, so a noisy export of a roster that has converged makes no write and two exports of the same
 * roster never flip anyone back and forth. Case counts.
 */
export function comparableText(value: string): string {
	return cleanText(value).replace(/\s+/g, ' ');
}

/** A list, or comma-separated text, as cleaned (NFC, trimmed) non-empty strings. */
export function toStringList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(',');
	return list.map((v) => cleanText(String(v))).filter(Boolean);
}

/** Rates and budgets are money amounts: non-negative numbers. */
export function requireAmount(value: unknown, label: string): number {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
		throw new Error(`${label} must be a number of 0 or more, got ${JSON.stringify(value)}`);
	}
	return amount;
}
