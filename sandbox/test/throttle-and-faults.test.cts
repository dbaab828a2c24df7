import { startSandbox } from '../src/index.cjs';
import { api, sleep } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

describe('rate limit', () => {
	let sandbox: Sandbox;
	// The window is measured on an injected clock that only moves when a test moves it, so a slow
	// (loaded) machine cannot let the first request expire before the 6th arrives.
	let hostNow = Date.parse('2026-11-26T10:00:00Z');
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimit: { requests: 5, windowMs: 500 }, now: () => hostNow });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('answers the 6th request in the window with an empty text/html 429 and Retry-After', async () => {
		const client = api(sandbox);
		for (let i = 0; i < 5; i++) expect((await client.get('/v2/users/me')).status).toBe(200);
		const throttled = await client.get('/v2/users/me');
		expect(throttled.status).toBe(429);
		expect(throttled.text).toBe('');
		expect(throttled.headers.get('content-type')).toBe('text/html');
		expect(throttled.headers.get('retry-after')).toBe('1');
		expect(sandbox.log.map((l) => l.status)).toEqual([200, 200, 200, 200, 200, 429]);
		hostNow += 499;
		expect((await client.get('/v2/users/me')).status).toBe(429);
		hostNow += 1;
		expect((await client.get('/v2/users/me')).status).toBe(200);
	});

	it('counts the window on its clock, however slowly the requests arrive', async () => {
		const client = api(sandbox);
		// Real time passes between the requests (as on a loaded machine); the window's clock does not.
		for (let i = 0; i < 5; i++) {
			expect((await client.get('/v2/users/me')).status).toBe(200);
			await sleep(150);
		}
		expect((await client.get('/v2/users/me')).status).toBe(429);
	});

	it('counts per token', async () => {
		for (let i = 0; i < 5; i++) await api(sandbox, 'admin').get('/v2/users/me');
		expect((await api(sandbox, 'admin').get('/v2/users/me')).status).toBe(429);
		expect((await api(sandbox, 'member').get('/v2/users/me')).status).toBe(200);
	});

	it('omits Retry-After when started with retryAfter: false, and can be switched off', async () => {
		const quiet = await startSandbox({
			rateLimit: { requests: 1, windowMs: 10_000 },
			retryAfter: false,
		});
		try {
			await api(quiet).get('/v2/users/me');
			const res = await api(quiet).get('/v2/users/me');
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBeNull();
			quiet.setRateLimit(false);
			expect((await api(quiet).get('/v2/users/me')).status).toBe(200);
		} finally {
			await quiet.close();
		}
	});
});

describe('faults', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimit: false });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('status: a JSON error with the given status, for `count` matching requests only', async () => {
		sandbox.inject({
			kind: 'status',
			status: 503,
			count: 2,
			match: { method: 'GET', path: '/v2/users/me' },
		});
		const client = api(sandbox);
		expect((await client.get('/v2/company')).status).toBe(200);
		const first = await client.get('/v2/users/me');
		expect(first.status).toBe(503);
		expect(first.json).toEqual({ status: 503, error: 'Service Unavailable' });
		expect((await client.get('/v2/users/me')).status).toBe(503);
		expect((await client.get('/v2/users/me')).status).toBe(200);
		expect(sandbox.log.filter((l) => l.fault === 'status')).toHaveLength(2);
	});

	it('html and empty: non-JSON bodies', async () => {
		sandbox.inject({ kind: 'html' });
		sandbox.inject({ kind: 'empty', status: 504 });
		const client = api(sandbox);
		const html = await client.get('/v2/users/me');
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toMatch(/^text\/html/);
		expect(html.text).toMatch(/<html>/);
		const empty = await client.get('/v2/users/me');
		expect(empty.status).toBe(504);
		expect(empty.text).toBe('');
	});

	it('reset: the connection drops without an answer', async () => {
		sandbox.inject({ kind: 'reset', match: { path: /^\/v2\/users/ } });
		await expect(api(sandbox).get('/v2/users/me')).rejects.toThrow();
		expect(sandbox.log[0]).toMatchObject({ fault: 'reset', status: 0 });
		expect((await api(sandbox).get('/v2/users/me')).status).toBe(200);
	});

	it('delay: answers normally after delayMs', async () => {
		sandbox.inject({ kind: 'delay', delayMs: 150 });
		const t0 = Date.now();
		const res = await api(sandbox).get('/v2/users/me');
		expect(res.status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
	});

	it('429 with an HTTP-date Retry-After taken from the sandbox clock', async () => {
		sandbox.setClockOffset(-3_600_000);
		sandbox.inject({ kind: '429', retryAfter: 'http-date', retryAfterSeconds: 30 });
		const res = await api(sandbox).get('/v2/users/me');
		expect(res.status).toBe(429);
		const retryAt = Date.parse(res.headers.get('retry-after') ?? '');
		const serverNow = Date.parse(res.headers.get('date') ?? '');
		expect(retryAt - serverNow).toBeGreaterThanOrEqual(29_000);
		expect(retryAt - serverNow).toBeLessThanOrEqual(31_000);
		sandbox.setClockOffset(0);
	});

	it('afterApply: a POST whose answer is lost still created the user, exactly once', async () => {
		sandbox.inject({
			kind: 'status',
			status: 502,
			afterApply: true,
			match: { method: 'POST', path: '/v2/users' },
		});
		const client = api(sandbox);
		const body = { first_name: 'Lost', last_name: 'Answer', email: 'lost.answer@example.com' };
		const res = await client.post('/v2/users', body);
		expect(res.status).toBe(502);
		expect(sandbox.store.users.findByEmail('lost.answer@example.com')).toBeDefined();
		expect(sandbox.invitations.filter((i) => i.email === 'lost.answer@example.com')).toHaveLength(
			1,
		);
		const retry = await client.post('/v2/users', body);
		expect(retry.status).toBe(422);
		expect(retry.json.message).toBe('Email has already been taken');
		expect(sandbox.log.map((l) => [l.method, l.status, l.fault])).toEqual([
			['POST', 502, 'status'],
			['POST', 422, undefined],
		]);
		expect(sandbox.log[0].token).toBe(sandbox.tokens.admin.token.slice(-4));
		expect(sandbox.log[0].body).toEqual(body);
	});

	it('clearFaults drops queued faults', async () => {
		sandbox.inject({ kind: 'status', count: 10 });
		sandbox.clearFaults();
		expect((await api(sandbox).get('/v2/users/me')).status).toBe(200);
	});
});
