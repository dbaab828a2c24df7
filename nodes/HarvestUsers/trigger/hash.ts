/**
 * Short, stable digests for the trigger: an event's identity and the value fingerprints of the
 * compact state. Pure JavaScript on purpose: node code may not reach Node's `crypto`, and nothing
 * here is a secret, only a name that must come out the same on every host and every poll.
 */

/** 64 characters that JSON stores as themselves (no escaping), 6 bits each. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** cyrb53 (public domain): a fast 53-bit string hash with good spread, for change detection. */
export function hash53(text: string, seed = 0): number {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `value` (a whole number, 0 <= value < 64^width) in exactly `width` characters. */
export function toChars(value: number, width: number): string {
	let out = '';
	let rest = value;
	for (let i = 0; i < width; i++) {
		out = ALPHABET[rest % 64] + out;
		rest = Math.floor(rest / 64);
	}
	return out;
}

/** The number `toChars` wrote; NaN when a character is not one of the alphabet's. */
export function fromChars(text: string): number {
	let value = 0;
	for (const ch of text) {
		const digit = ALPHABET.indexOf(ch);
		if (digit < 0) return NaN;
		value = value * 64 + digit;
	}
	return value;
}

/** The first `width` (at most 8) characters of a 48-bit digest of `text`. */
export function digestChars(text: string, width: number, seed = 0): string {
	return toChars(hash53(text, seed) % 2 ** 48, 8).slice(0, width);
}

/**
 * The identity of one change: who, which event, Harvest's stamp, and what the change was (the
 * changed fields with their new values). The same change read again, by a poll that ran twice or
 * by another n8n instance, gets the same id; a later change of the same user gets another.
 */
export function eventIdOf(
	userId: number,
	event: string,
	updatedAt: unknown,
	changed: Record<string, unknown> = {},
): string {
	const what = Object.keys(changed)
		.sort()
		.map((field) => `${field}=${JSON.stringify(changed[field] ?? null)}`)
		.join('\u0001');
	const text = `${userId}\u0000${event}\u0000${String(updatedAt ?? '')}\u0000${what}`;
	return `${event}-${userId}-${digestChars(text, 8, 1)}${digestChars(text, 4, 2)}`;
}
