/**
 * The hostile faults (issue 10): what a proxy, an attacker's host or a broken Harvest can answer,
 * from a test (inject), from another process (admin API) and from the command line (--fault).
 */
import { parseArgs } from '../src/cli.cjs';
import { startSandbox } from '../src/index.cjs';
import { api, rawRequest } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('hostile faults', () => {
	it('redirect: answers the status and Location asked for, once', async () => {
		sandbox.inject({
			kind: 'redirect',
			status: 301,
			location: 'http://127.0.0.1:9/v2/users/me',
			match: { path: '/v2/users/me' },
		});
		const { admin } = sandbox.tokens;
		const headers = {
			Authorization: `Bearer ${admin.token}`,
			'Harvest-Account-Id': admin.accountId,
			'User-Agent': 'tests (dev@example.com)',
		};
		const moved = await rawRequest(`${sandbox.url}/v2/users/me`, headers);
		expect(moved.status).toBe(301);
		expect(moved.headers.location).toBe('http://127.0.0.1:9/v2/users/me');
		expect((await rawRequest(`${sandbox.url}/v2/users/me`, headers)).status).toBe(200);
		expect(sandbox.log.map((l) => l.fault)).toEqual(['redirect', undefined]);
	});

	it('body: a 200 with exactly the body and content type asked for (empty, text, HTML, {})', async () => {
		sandbox.inject({ kind: 'body', body: '' });
		sandbox.inject({ kind: 'body', body: 'OK', contentType: 'text/plain' });
		sandbox.inject({
			kind: 'body',
			body: '<!DOCTYPE html><html><body>Login</body></html>',
			contentType: 'text/html',
		});
		sandbox.inject({ kind: 'body', body: '{}' });
		const client = api(sandbox);
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await client.get('/v2/users/me'));
		expect(answers.map((a) => [a.status, a.text, a.headers.get('content-type')])).toEqual([
			[200, '', 'application/json; charset=utf-8'],
			[200, 'OK', 'text/plain'],
			[200, '<!DOCTYPE html><html><body>Login</body></html>', 'text/html'],
			[200, '{}', 'application/json; charset=utf-8'],
		]);
	});

	it('echo: sends the Authorization header back, in an error or in a normal answer', async () => {
		sandbox.inject({ kind: 'echo', status: 422 });
		sandbox.inject({ kind: 'echo' });
		const client = api(sandbox);
		const bearer = `Bearer ${sandbox.tokens.admin.token}`;
		const error = await client.get('/v2/users/me');
		expect(error.status).toBe(422);
		expect(error.json.message).toContain(bearer);
		expect(error.headers.get('hint')).toContain(bearer);
		const ok = await client.get('/v2/users/me');
		expect(ok.status).toBe(200);
		expect(ok.json.id).toBe(sandbox.tokens.admin.userId);
		expect(ok.json.echo).toEqual({ authorization: bearer });
	});

	it('rewrite: a page without its array, a next link to itself, a lying total_pages', async () => {
		sandbox.inject({ kind: 'rewrite', drop: ['users'] });
		sandbox.inject({ kind: 'rewrite', set: { users: { id: 1 }, total_pages: 1 } });
		sandbox.inject({ kind: 'rewrite', nextToSelf: true });
		const client = api(sandbox);
		const dropped = await client.get('/v2/users?per_page=2');
		expect(dropped.status).toBe(200);
		expect(dropped.json).not.toHaveProperty('users');
		expect(dropped.json.links.next).toMatch(/cursor=/);
		const replaced = await client.get('/v2/users?per_page=2');
		expect(replaced.json.users).toEqual({ id: 1 });
		expect(replaced.json.total_pages).toBe(1);
		const self = await client.get('/v2/users?per_page=2&page=1');
		expect(self.json.links.next).toBe(`${sandbox.url}/v2/users?per_page=2&page=1`);
		expect(self.json.users).toHaveLength(2);
	});

	it('rewrite: overrides the Date header', async () => {
		const future = 'Tue, 01 Jan 2036 00:00:00 GMT';
		sandbox.inject({ kind: 'rewrite', headers: { Date: future } });
		const client = api(sandbox);
		expect((await client.get('/v2/users/me')).headers.get('date')).toBe(future);
		expect((await client.get('/v2/users/me')).headers.get('date')).not.toBe(future);
	});

	it('takes the hostile kinds through the admin API', async () => {
		const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				kind: 'rewrite',
				drop: ['users'],
				match: { pathRegex: '^/v2/users$' },
			}),
		});
		expect(res.status).toBe(201);
		const client = api(sandbox);
		expect((await client.get('/v2/users/me')).json.id).toBe(sandbox.tokens.admin.userId);
		const listed = await client.get('/v2/users');
		expect(listed.status).toBe(200);
		expect(listed.json).not.toHaveProperty('users');
		expect(listed.json).toHaveProperty('links');
	});

	it('takes faults from the command line (--fault JSON, repeatable) and refuses malformed ones', async () => {
		const options = parseArgs(
			[
				'--fault',
				'{"kind":"body","body":"{}"}',
				'--fault={"kind":"rewrite","drop":["users"],"match":{"pathRegex":"^/v2/users$"}}',
			],
			{},
		);
		expect(options.faults).toHaveLength(2);
		expect(options.faults?.[1].match?.path).toEqual(/^\/v2\/users$/);
		const started = await startSandbox({ ...options, rateLimit: false });
		try {
			expect((await api(started).get('/v2/users/me')).text).toBe('{}');
			expect((await api(started).get('/v2/users')).json).not.toHaveProperty('users');
		} finally {
			await started.close();
		}
		expect(() => parseArgs(['--fault', 'nope'], {})).toThrow(/--fault needs a JSON fault/);
		expect(() => parseArgs(['--fault', '{"status":500}'], {})).toThrow(/"kind"/);
	});
});
