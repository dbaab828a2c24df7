/**
 * Removes the credential's secrets from anything taken out of a response. A proxy, a debugging
 * endpoint or a misbehaving server can echo the Authorization header (or an OAuth2 refresh token
 * or client secret) into a body or a Hint header; whatever comes back goes into items, error
 * messages and n8n's execution log, so the secrets are cut out at the one place answers enter.
 */
export const REDACTED = '[redacted]';

/** Shorter strings are too likely to be ordinary words to be cut out of text. */
const MIN_SECRET_LENGTH = 8;

export function usableSecrets(values: readonly unknown[]): string[] {
	const secrets = values.filter(
		(v): v is string => typeof v === 'string' && v.trim().length >= MIN_SECRET_LENGTH,
	);
	// Longest first, so a secret that contains another is cut out whole.
	return [...new Set(secrets.map((s) => s.trim()))].sort((a, b) => b.length - a.length);
}

export function scrubText(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	return out;
}

/** A copy of a parsed answer (JSON values, text or a Buffer) without the secrets; unchanged parts are shared. */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	return scrubValue(value, secrets) as T;
}

function scrubValue(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return scrubText(value, secrets);
	if (Buffer.isBuffer(value)) {
		const text = value.toString('utf8');
		const clean = scrubText(text, secrets);
		return clean === text ? value : Buffer.from(clean, 'utf8');
	}
	if (Array.isArray(value)) {
		let changed = false;
		const out = value.map((v) => {
			const s = scrubValue(v, secrets);
			changed ||= s !== v;
			return s;
		});
		return changed ? out : value;
	}
	if (value && typeof value === 'object') {
		let changed = false;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			const key = scrubText(k, secrets);
			const s = scrubValue(v, secrets);
			changed ||= s !== v || key !== k;
			out[key] = s;
		}
		return changed ? out : value;
	}
	return value;
}
