/**
 * What a 2xx answer must look like, told from the request alone, so that no operation has to
 * check it and none can forget to: a proxy's login page, an empty 200 or `{}` is an error that
 * says what came back, never a "success" item holding garbage.
 *
 *   GET  …/users, …/billable_rates, …  -> a page: `{ users: [...] }`
 *   PATCH …/users/{id}/teammates       -> `{ teammates: [...] }` (the full list, no paging)
 *   POST …/users, …/roles, …           -> one record of that collection
 *   GET/PATCH …/users/{id}, …/users/me -> one record: an object with a positive whole `id`
 *   DELETE                             -> anything (Harvest sends an empty body)
 */
import type { IHttpRequestMethods } from 'n8n-workflow';

export interface Expected {
	/** "user", "page of billable rates" — how the error names what was asked for. */
	what: string;
	/** A page or list: the envelope key that must hold an array. */
	listKey?: string;
	/** A record: keys it must have besides a positive whole `id`. */
	recordKeys?: string[];
}

/** Extra keys per record kind (the `id` is always required). */
const RECORD_KEYS: Record<string, string[]> = { users: ['email'] };

/** The collection segments whose PATCH answers with the whole list rather than a record. */
const LIST_PATCHES = new Set(['teammates']);

function words(segment: string): string {
	return segment.replace(/_/g, ' ');
}

function singular(segment: string): string {
	return words(segment).replace(/ies$/, 'y').replace(/s$/, '');
}

/** What a successful answer to this request must be; undefined when anything goes. */
export function expectedShape(method: IHttpRequestMethods, path: string): Expected | undefined {
	if (method === 'DELETE' || method === 'HEAD') return undefined;
	const pathname = /^https?:\/\//i.test(path) ? new URL(path).pathname : path.split('?')[0];
	const segments = pathname
		.replace(/^\/v2\//, '')
		.split('/')
		.filter(Boolean);
	const last = segments[segments.length - 1] ?? '';
	const isRecord = /^\d+$/.test(last) || last === 'me';
	const collection = isRecord ? segments[segments.length - 2] : last;
	if (!collection || !/^[a-z_]+$/.test(collection)) return undefined;
	if (collection === 'company') return undefined;
	if (!isRecord && (method === 'GET' || (method === 'PATCH' && LIST_PATCHES.has(collection)))) {
		return {
			what: method === 'GET' ? `page of ${words(collection)}` : `list of ${words(collection)}`,
			listKey: collection,
		};
	}
	return { what: singular(collection), recordKeys: RECORD_KEYS[collection] ?? [] };
}

/** Why the body is not what was expected ("an empty body", "JSON without an \"id\""), or undefined when it is. */
export function shapeProblem(body: unknown, expected: Expected): string | undefined {
	const kind = bodyKind(body);
	if (kind) return kind;
	const object = body as Record<string, unknown>;
	if (expected.listKey !== undefined) {
		if (!(expected.listKey in object)) return `JSON without "${expected.listKey}"`;
		return Array.isArray(object[expected.listKey])
			? undefined
			: `JSON whose "${expected.listKey}" is not a list`;
	}
	const id = object.id;
	if (
		!(typeof id === 'number' && Number.isInteger(id) && id > 0) &&
		!(typeof id === 'string' && /^[1-9]\d*$/.test(id))
	) {
		return id === undefined
			? 'JSON without an "id"'
			: 'JSON whose "id" is not a positive whole number';
	}
	const missing = (expected.recordKeys ?? []).find(
		(key) => object[key] === undefined || object[key] === null,
	);
	return missing ? `JSON without an "${missing}"` : undefined;
}

/** Names a body that is not a JSON object at all; undefined for a JSON object. */
function bodyKind(body: unknown): string | undefined {
	if (body === undefined || body === null) return 'an empty body';
	if (Array.isArray(body)) return 'a JSON array';
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return undefined;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
	if (text.trim() === '') return 'an empty body';
	if (/^\s*<(!doctype|html|\?xml|[a-z]+[\s>])/i.test(text)) return 'an HTML page';
	return typeof body === 'string' || Buffer.isBuffer(body)
		? 'text, not JSON'
		: `a JSON ${typeof body}`;
}
