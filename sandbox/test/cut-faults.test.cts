/**
 * Answers cut short or mislabelled (issue 21): the normal answer of an applied request, broken on
 * the wire, from a test (inject), from another process (admin API) and from the command line.
 */
import * as http from 'http';
import { gunzipSync } from 'zlib';

import { parseArgs } from '../src/cli.cjs';
import { startSandbox } from '../src/index.cjs';
import { authHeaders } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

interface Received {
	status?: number;
	headers?: http.IncomingHttpHeaders;
	bytes: Buffer;
	/** How the body ended: 'end' (whole) or the error the client saw. */
	ending: string;
}

/** What a client sees, byte for byte, including a body that never ends. */
function receive(server: Sandbox, path: string, method = 'GET', body?: string): Promise<Received> {
	return new Promise((resolve) => {
		const headers = {
			...authHeaders(server),
			...(body ? { 'Content-Type': 'application/json' } : {}),
		};
		const req = http.request(`${server.url}${path}`, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			const done = (ending: string) =>
				resolve({
					status: res.statusCode,
					headers: res.headers,
					bytes: Buffer.concat(chunks),
					ending,
				});
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => done(res.complete ? 'end' : 'incomplete'));
			res.on('aborted', () => done('aborted'));
			res.on('error', (e) => done(String((e as NodeJS.ErrnoException).code ?? e.message)));
		});
		req.on('error', (e) =>
			resolve({
				bytes: Buffer.alloc(0),
				ending: String((e as NodeJS.ErrnoException).code ?? e.message),
			}),
		);
		req.end(body);
	});
}

describe('cut faults', () => {
	it('short-body: the status and full Content-Length, then less than that and a closed connection', async () => {
		sandbox.inject({ kind: 'short-body', match: { path: '/v2/users/me' } });
		const got = await receive(sandbox, '/v2/users/me');
		expect(got.status).toBe(200);
		expect(Number(got.headers?.['content-length'])).toBeGreaterThan(got.bytes.length);
		expect(got.ending).not.toBe('end');
		expect(sandbox.log.map((l) => l.fault)).toEqual(['short-body']);
		const whole = await receive(sandbox, '/v2/users/me');
		expect(whole.ending).toBe('end');
		expect(JSON.parse(whole.bytes.toString('utf8')).id).toBe(sandbox.tokens.admin.userId);
	});

	it('fake-gzip: the whole answer labelled gzip, but not compressed', async () => {
		sandbox.inject({ kind: 'fake-gzip', match: { path: '/v2/users/me' } });
		const got = await receive(sandbox, '/v2/users/me');
		expect(got.status).toBe(200);
		expect(got.headers?.['content-encoding']).toBe('gzip');
		expect(got.ending).toBe('end');
		expect(() => gunzipSync(got.bytes)).toThrow();
		expect(JSON.parse(got.bytes.toString('utf8')).id).toBe(sandbox.tokens.admin.userId);
	});

	it('die-after-status: the status line and headers, no body, a closed connection', async () => {
		sandbox.inject({ kind: 'die-after-status', match: { path: '/v2/users/me' } });
		const got = await receive(sandbox, '/v2/users/me');
		expect(got.status).toBe(200);
		expect(got.bytes.length).toBe(0);
		expect(got.ending).not.toBe('end');
	});

	it('applies the request first: a POST whose answer is cut off created the user', async () => {
		sandbox.inject({ kind: 'short-body', match: { method: 'POST', path: '/v2/users' } });
		const got = await receive(
			sandbox,
			'/v2/users',
			'POST',
			JSON.stringify({ first_name: 'Cut', last_name: 'Off', email: 'cut.off@example.com' }),
		);
		expect(got.status).toBe(201);
		expect(got.ending).not.toBe('end');
		expect(sandbox.store.users.findByEmail('cut.off@example.com')).toBeDefined();
		expect(sandbox.invitations.filter((i) => i.email === 'cut.off@example.com')).toHaveLength(1);
	});

	it('takes the cut kinds through the admin API', async () => {
		const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ kind: 'die-after-status', match: { pathRegex: '^/v2/users$' } }),
		});
		expect(res.status).toBe(201);
		expect((await receive(sandbox, '/v2/users/me')).ending).toBe('end');
		const got = await receive(sandbox, '/v2/users');
		expect(got.status).toBe(200);
		expect(got.ending).not.toBe('end');
	});

	it('takes the cut kinds from the command line', async () => {
		const options = parseArgs(
			[
				'--fault',
				'{"kind":"fake-gzip","match":{"path":"/v2/users/me"}}',
				'--fault={"kind":"short-body"}',
			],
			{},
		);
		expect(options.faults?.map((f) => f.kind)).toEqual(['fake-gzip', 'short-body']);
		const started = await startSandbox({ ...options, rateLimit: false });
		try {
			expect((await receive(started, '/v2/users/me')).headers?.['content-encoding']).toBe('gzip');
			expect((await receive(started, '/v2/users/me')).ending).not.toBe('end');
			expect((await receive(started, '/v2/users/me')).ending).toBe('end');
		} finally {
			await started.close();
		}
	});
});
