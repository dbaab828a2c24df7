/** Small helpers for tests that talk to a sandbox over real HTTP. */
import http from 'http';
import type { Sandbox } from './types.cjs';

// Response bodies are whatever the sandbox sent; tests index into them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Res {
	status: number;
	headers: Headers;
	text: string;
	json: Json;
}

export type Role = 'admin' | 'manager' | 'member';

export const USER_AGENT = 'harvest-sandbox-tests (dev@example.com)';

export function authHeaders(sandbox: Sandbox, role: Role = 'admin'): Record<string, string> {
	const t = sandbox.tokens[role];
	return {
		Authorization: `Bearer ${t.token}`,
		'Harvest-Account-Id': t.accountId,
		'User-Agent': USER_AGENT,
	};
}

export interface CallOptions {
	/** Send the body form-encoded instead of JSON. */
	form?: boolean;
	headers?: Record<string, string>;
}

/** A client for one token. Paths are relative to the sandbox URL, or absolute (links.next). */
export function api(sandbox: Sandbox, role: Role = 'admin') {
	async function call(
		method: string,
		path: string,
		body?: unknown,
		opts: CallOptions = {},
	): Promise<Res> {
		const headers: Record<string, string> = { ...authHeaders(sandbox, role), ...opts.headers };
		let payload: string | undefined;
		if (body !== undefined) {
			if (opts.form) {
				headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
				payload = toForm(body as Record<string, unknown>);
			} else {
				headers['Content-Type'] ??= 'application/json';
				payload = JSON.stringify(body);
			}
		}
		const res = await fetch(path.startsWith('http') ? path : sandbox.url + path, {
			method,
			headers,
			body: payload,
		});
		const text = await res.text();
		let json: Json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json };
	}
	return {
		call,
		get: (path: string, opts?: CallOptions) => call('GET', path, undefined, opts),
		post: (path: string, body: unknown, opts?: CallOptions) => call('POST', path, body, opts),
		patch: (path: string, body: unknown, opts?: CallOptions) => call('PATCH', path, body, opts),
		del: (path: string, opts?: CallOptions) => call('DELETE', path, undefined, opts),
	};
}

function toForm(body: Record<string, unknown>): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(body)) {
		if (Array.isArray(v)) for (const item of v) params.append(`${k}[]`, String(item));
		else params.append(k, String(v));
	}
	return params.toString();
}

/** A raw request with exactly the given headers (fetch always adds a User-Agent). */
export function rawRequest(
	url: string,
	headers: Record<string, string>,
	method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					text: Buffer.concat(chunks).toString('utf8'),
				}),
			);
		});
		req.on('error', reject);
		req.end();
	});
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What another origin received: enough to prove a token never went there. */
export interface OtherOrigin {
	url: string;
	requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
	close(): Promise<void>;
}

/**
 * A second HTTP server on 127.0.0.1 (another port = another origin) that records every request
 * and answers 200 with a user-shaped JSON body, as an attacker's host would to look like success.
 */
export function startOtherOrigin(): Promise<OtherOrigin> {
	const requests: OtherOrigin['requests'] = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
		req.resume();
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(
			JSON.stringify({ id: 1, email: 'attacker@other.example', users: [], links: { next: null } }),
		);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			resolve({
				url: `http://127.0.0.1:${port}`,
				requests,
				close: () =>
					new Promise<void>((done) => {
						server.close(() => done());
						server.closeAllConnections();
					}),
			});
		});
	});
}
