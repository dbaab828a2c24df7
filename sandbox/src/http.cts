/** Request bodies in, replies out: the HTTP plumbing shared by the API and the admin API. */
import type { IncomingMessage, ServerResponse } from 'http';
import { createHash, randomBytes } from 'crypto';
import { ErrorResponse, HarvestError } from './errors.cjs';
import type { Body } from './model/input.cjs';
import type { CutKind } from './types.cjs';

export interface Reply {
	status: number;
	headers: Record<string, string>;
	body: string;
	/** Send this answer broken on the wire (a short-body, fake-gzip or die-after-status fault). */
	cut?: CutKind;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * harvest-observed.md §4 (2024): `Cache-Control: no-store` on JSON answers, and a weak ETag on
 * 200 and 201 (`W/"<32 hex>"`). Error bodies set their own headers (errors.ts).
 */
export function jsonReply(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): Reply {
	const text = JSON.stringify(body);
	const etag: Record<string, string> =
		status === 200 || status === 201
			? { ETag: `W/"${createHash('md5').update(text).digest('hex')}"` }
			: {};
	return {
		status,
		headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', ...etag, ...headers },
		body: text,
	};
}

/** The admin API's "done" answer (no Harvest endpoint answers with an empty body but 429). */
export function emptyJsonReply(status: number): Reply {
	return { status, headers: { 'Content-Type': JSON_TYPE }, body: '' };
}

export function htmlReply(
	status: number,
	html: string,
	headers: Record<string, string> = {},
): Reply {
	return {
		status,
		headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
		body: html,
	};
}

/** Error answers carry exactly the headers recorded for them (§3), not the success defaults. */
export function errorReply(error: ErrorResponse): Reply {
	if (error.html) return htmlReply(error.status, String(error.body ?? ''), error.headers);
	if (error.body === undefined)
		return { status: error.status, headers: error.headers ?? {}, body: '' };
	return {
		status: error.status,
		headers: { 'Content-Type': JSON_TYPE, ...error.headers },
		body: JSON.stringify(error.body),
	};
}

export function toReply(e: unknown): Reply {
	if (e instanceof HarvestError) return errorReply(e.response);
	// A bug in the sandbox itself: answer like a server error, and say what broke.
	return jsonReply(500, {
		status: 500,
		error: 'Internal Server Error',
		sandbox_error: e instanceof Error ? e.message : String(e),
	});
}

/** harvest-observed.md §4: JSON 200/201/403/422 came chunked; 401, 404 and the rest with Content-Length. */
const CHUNKED = new Set([200, 201, 403, 422]);

export function send(res: ServerResponse, reply: Reply, dateMs: number): void {
	if (reply.cut) return sendCut(res, reply, dateMs);
	const payload = Buffer.from(reply.body, 'utf8');
	const chunked =
		CHUNKED.has(reply.status) &&
		payload.length > 0 &&
		/json/.test(reply.headers['Content-Type'] ?? '');
	res.writeHead(reply.status, {
		Date: new Date(dateMs).toUTCString(),
		...reply.headers,
		// §4: 32 lower-case hex characters.
		'X-Request-Id': randomBytes(16).toString('hex'),
		...(chunked ? {} : { 'Content-Length': String(payload.length) }),
	});
	res.end(payload);
}

/**
 * An answer broken on the wire, always with a Content-Length so the client knows what it missed:
 * the headers say one thing and the bytes (or the connection) another.
 */
function sendCut(res: ServerResponse, reply: Reply, dateMs: number): void {
	const payload = Buffer.from(reply.body, 'utf8');
	const headers: Record<string, string> = {
		Date: new Date(dateMs).toUTCString(),
		...reply.headers,
		'X-Request-Id': randomBytes(16).toString('hex'),
		'Content-Length': String(payload.length),
	};
	if (reply.cut === 'fake-gzip') {
		res.writeHead(reply.status, { ...headers, 'Content-Encoding': 'gzip' });
		res.end(payload);
		return;
	}
	res.writeHead(reply.status, headers);
	const close = () => res.socket?.destroy();
	if (reply.cut === 'die-after-status') {
		res.flushHeaders();
		res.write('', close);
		return;
	}
	// short-body: half of it (at least one byte short), then the connection is gone.
	res.write(payload.subarray(0, Math.floor(payload.length / 2)), close);
}

export function readRaw(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export interface ParsedBody {
	body: Body;
	/** What the request log shows: the parsed value, or the raw text if it was not parsed. */
	logged: unknown;
	error?: HarvestError;
}

/**
 * JSON with `Content-Type: application/json`, form fields with
 * `application/x-www-form-urlencoded` (`roles[]=a&roles[]=b` -> array). Any other body is
 * ignored, as Rails ignores bodies it has no parser for: a JSON body sent without its
 * Content-Type then fails validation, which is what a real client would see.
 */
export function parseBody(contentType: string | undefined, raw: string): ParsedBody {
	if (raw === '') return { body: {}, logged: undefined };
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/json' || type.endsWith('+json')) {
		try {
			const value: unknown = JSON.parse(raw);
			const body =
				value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
			return { body, logged: value };
		} catch {
			return {
				body: {},
				logged: raw,
				error: new HarvestError({
					status: 400,
					body: { message: 'The request body is not valid JSON' },
				}),
			};
		}
	}
	if (type === 'application/x-www-form-urlencoded') {
		const body: Record<string, unknown> = {};
		for (const [key, value] of new URLSearchParams(raw)) {
			if (key.endsWith('[]')) {
				const name = key.slice(0, -2);
				body[name] = [...((body[name] as string[] | undefined) ?? []), value];
			} else body[key] = value;
		}
		return { body, logged: body };
	}
	return { body: {}, logged: raw };
}
