/** Request bodies in, replies out: the HTTP plumbing shared by the API and the admin API. */
import type { IncomingMessage, ServerResponse } from 'http';
import { randomUUID } from 'crypto';
import { ErrorResponse, HarvestError } from './errors';
import type { Body } from './model/input';

export interface Reply {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
	return { status, headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'max-age=0, private, must-revalidate', ...headers }, body: JSON.stringify(body) };
}

/** DELETE's 200 has no body; Rails' `head :ok` still labels it JSON (unconfirmed). */
export function emptyJsonReply(status: number): Reply {
	return { status, headers: { 'Content-Type': JSON_TYPE }, body: '' };
}

export function htmlReply(status: number, html: string, headers: Record<string, string> = {}): Reply {
	return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body: html };
}

export function errorReply(error: ErrorResponse): Reply {
	if (error.html) return htmlReply(error.status, String(error.body ?? ''), error.headers);
	if (error.body === undefined) return { status: error.status, headers: error.headers ?? {}, body: '' };
	return jsonReply(error.status, error.body, error.headers);
}

export function toReply(e: unknown): Reply {
	if (e instanceof HarvestError) return errorReply(e.response);
	// A bug in the sandbox itself: answer like a server error, and say what broke.
	return jsonReply(500, { status: 500, error: 'Internal Server Error', sandbox_error: e instanceof Error ? e.message : String(e) });
}

export function send(res: ServerResponse, reply: Reply, dateMs: number): void {
	const payload = Buffer.from(reply.body, 'utf8');
	res.writeHead(reply.status, {
		Date: new Date(dateMs).toUTCString(),
		...reply.headers,
		'X-Request-Id': randomUUID(),
		'Content-Length': String(payload.length),
	});
	res.end(payload);
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
			const body = value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
			return { body, logged: value };
		} catch {
			return {
				body: {},
				logged: raw,
				error: new HarvestError({ status: 400, body: { message: 'The request body is not valid JSON' } }),
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
