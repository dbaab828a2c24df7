import type { IDataObject } from 'n8n-workflow';

/**
 * The package's one email rule. HR exports and spreadsheets carry invisible characters (a
 * zero-width space pasted from a web page, a BOM, a soft hyphen) and full-width or upper-case
 * letters; an email that merely looks like a Harvest user's must match that user, or reconcile
 * would create a twin and archive the real person.
 */

/** Invisible format characters that carry no meaning in an address: removed. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;

/** What must not remain once removed and trimmed: control, other format and space characters. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

/**
 * A bare address: no spaces, and none of the characters that only decorations bring (`mailto:`,
 * `<…>`, `"Name"`, `(comment)`, a list separator). RFC 5322 allows some of them inside quotes, but
 * no HR export means that, and Harvest's user is matched by the bare address.
 */
const SHAPE = /^[^@\s<>()[\]:;,"\\]+@[^@\s<>()[\]:;,"\\]+\.[^@\s<>()[\]:;,"\\]+$/;

/** The decorations HR exports and mail clients put around an address; each keeps one address inside. */
const DECORATED: RegExp[] = [
	/^mailto:\s*([^?\s]+)(\?.*)?$/i,
	/^<\s*([^<>\s]+)\s*>$/,
	/^(?:"[^"]*"|[^<>"]*)\s*<\s*([^<>\s]+)\s*>$/,
	/^([^\s()]+)\s*\([^()]*\)$/,
	/^["']\s*([^"'\s]+)\s*["']$/,
	/^([^\s;,]+)\s*[;,]$/,
];

/** Unicode normal form (NFKC), invisible characters removed, trimmed (any whitespace). Case kept. */
function cleanEmail(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') return '';
	return String(value).normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** The key emails are matched by: cleaned and lower case. */
export function normaliseEmail(value: unknown): string {
	return cleanEmail(value).toLowerCase();
}

/** "an object", "an array", … for error messages about a value that should have been text. */
export function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (value instanceof Date) return 'a date';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The one address inside a decorated form (`mailto:x@…`, `<x@…>`, `Name <x@…>`, `x@… (Name)`,
 * `"x@…"`, `x@…;`), or undefined when the value is not decorated that way or holds no single bare
 * address. Used to name the fix in the error and to keep that person from being archived; the
 * decorated value itself is never sent or matched.
 */
export function bareAddress(value: unknown): string | undefined {
	const email = cleanEmail(value);
	// A hidden character inside is never "bare": it could not be told apart from a Harvest user's
	const isBare = (text: string) => SHAPE.test(text) && !UNPRINTABLE.test(text);
	if (isBare(email)) return email;
	for (const pattern of DECORATED) {
		const inner = email.match(pattern)?.[1];
		if (inner !== undefined) {
			const bare = inner.replace(/^mailto:/i, '');
			return isBare(bare) ? bare : undefined;
		}
	}
	return undefined;
}

/** Why this is not a usable email address (label names the field), or undefined when it is. */
function emailProblem(value: unknown, label = 'Email'): string | undefined {
	if (value !== undefined && value !== null && typeof value !== 'string') {
		return `${label} must be text, got ${typeName(value)}`;
	}
	const email = cleanEmail(value);
	const hidden = hiddenCharacter(email, label);
	if (hidden !== undefined && bareAddress(email) === undefined) return hidden;
	if (SHAPE.test(email)) return undefined;
	const bare = bareAddress(email);
	// Refused rather than reduced: the mapping that produced it is wrong, and the decorated text must not reach Harvest
	if (bare !== undefined)
		return `${label} ${JSON.stringify(email)} is not a bare address; map only the address itself: ${bare}`;
	return `"${email}" is not an email address`;
}

/**
 * Names a control, invisible or space character left inside the cleaned email. Such an address
 * cannot be told apart from a Harvest user's by looking at it, so it is refused, never matched.
 */
export function hiddenCharacter(value: unknown, label = 'Email'): string | undefined {
	const email = cleanEmail(value);
	const bad = email.match(UNPRINTABLE)?.[0];
	if (!bad) return undefined;
	const code = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
	const what = /\s|\p{Z}/u.test(bad)
		? 'a space'
		: /\p{Cc}/u.test(bad)
			? 'a control character'
			: 'an invisible character';
	return `${label} ${JSON.stringify(email)} holds ${what} (${code}); fix it at the source`;
}

export function isEmail(value: unknown): boolean {
	return emailProblem(value) === undefined;
}

/** The cleaned address (case kept, as the person wrote it); throws a plain Error saying what to fix. */
export function requireEmail(value: unknown, label = 'Email'): string {
	const problem = emailProblem(value, label);
	if (problem) throw new Error(problem);
	return cleanEmail(value);
}

/**
 * The last line of defence for reconcile: a key with every non-printing character removed, so
 * that whatever slipped past the rules above, a person on the input is never told apart from
 * their Harvest user by an invisible difference.
 */
export function lookalikeKey(value: unknown): string {
	return normaliseEmail(value).replace(new RegExp(UNPRINTABLE.source, 'gu'), '');
}

/** Users by normalised email; old accounts may hold duplicates. */
export function indexByEmail(users: IDataObject[]): Map<string, IDataObject[]> {
	const index = new Map<string, IDataObject[]>();
	for (const user of users) {
		const key = normaliseEmail(user.email);
		index.set(key, [...(index.get(key) ?? []), user]);
	}
	return index;
}
