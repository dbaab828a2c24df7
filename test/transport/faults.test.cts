/**
 * Fault injection through n8n's runtime: what the sandbox is made to do, what the node sends in
 * return (the sandbox's request log), and that no item or record is lost or duplicated.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, transportSettings, useSandbox } from '../harness/index.cjs';

const me = { resource: 'user', operation: 'me' };
const allUsers = { resource: 'user', operation: 'getAll', returnAll: true };
const createUser = (email: string) => ({
	resource: 'user',
	operation: 'create',
	firstName: 'Nina',
	lastName: 'New',
	email,
});

describe('transport under faults', () => {
	const sandbox = useSandbox();
	const creds = () => patCredential(sandbox());
	const requests = (method: string, path: string) =>
		sandbox().log.filter((r) => r.method === method && r.path === path);

	it('a wrong Base URL says which host could not be reached and what to check, not a bare ECONNREFUSED', async () => {
		// A loopback port nothing listens on: refused at once, as a mistyped host or port would be.
		const credential = {
			harvestUsersApi: { ...creds().harvestUsersApi, baseUrl: 'http://127.0.0.1:1' },
		};
		const { status, error } = await runNode({
			parameters: { ...me, requestOptions: { maxRetries: 0 } },
			credentials: credential,
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/could not connect to 127\.0\.0\.1:1/);
		expect(error?.message).not.toMatch(/ECONNREFUSED/);
		expect(error?.description).toMatch(/Base URL/);
	});

	it('waits out a burst of 429s with Retry-After (seconds) and then succeeds', async () => {
		sandbox().inject({ kind: '429', count: 2, retryAfter: 'seconds', retryAfterSeconds: 1 });
		const { status, json } = await runNode({ parameters: me, credentials: creds() });
		expect(status).toBe('success');
		expect(json[0].id).toBe(sandbox().tokens.admin.userId);
		const log = requests('GET', '/v2/users/me');
		expect(log.map((r) => r.status)).toEqual([429, 429, 200]);
		expect(log[1].at - log[0].at).toBeGreaterThanOrEqual(950);
		expect(log[2].at - log[1].at).toBeGreaterThanOrEqual(950);
	});

	it('waits about one window when a 429 carries no Retry-After', async () => {
		sandbox().inject({ kind: '429', count: 2, retryAfter: 'none' });
		const { status } = await runNode({ parameters: me, credentials: creds() });
		expect(status).toBe('success');
		const log = requests('GET', '/v2/users/me');
		expect(log.map((r) => r.status)).toEqual([429, 429, 200]);
		const fallback = transportSettings().settings.defaultRetryAfterMs;
		expect(log[1].at - log[0].at).toBeGreaterThanOrEqual(fallback - 20);
	});

	it('reads Retry-After given as an HTTP date', async () => {
		sandbox().inject({ kind: '429', count: 1, retryAfter: 'http-date', retryAfterSeconds: 2 });
		const { status } = await runNode({ parameters: me, credentials: creds() });
		expect(status).toBe('success');
		const log = requests('GET', '/v2/users/me');
		expect(log.map((r) => r.status)).toEqual([429, 200]);
		// An HTTP date has whole-second precision: at least one of the two seconds asked for. (Had the
		// date not been understood, the fallback wait of these tests is only 300 ms.)
		expect(log[1].at - log[0].at).toBeGreaterThanOrEqual(900);
	});

	it('retries a GET through a burst of 5xx, HTML and empty answers', async () => {
		sandbox().inject({ kind: 'status', status: 503, count: 1 });
		sandbox().inject({ kind: 'html', status: 502, count: 1 });
		sandbox().inject({ kind: 'empty', status: 500, count: 1 });
		const { status } = await runNode({ parameters: me, credentials: creds() });
		expect(status).toBe('success');
		expect(requests('GET', '/v2/users/me').map((r) => r.status)).toEqual([503, 502, 500, 200]);
	});

	it('retries a GET after a connection reset and after a response slower than the timeout', async () => {
		transportSettings().configureTransport({ timeoutMs: 300 });
		sandbox().inject({ kind: 'reset', count: 1 });
		sandbox().inject({ kind: 'delay', delayMs: 800, count: 1 });
		const { status, json } = await runNode({ parameters: me, credentials: creds() });
		expect(status).toBe('success');
		expect(json).toHaveLength(1);
		expect(requests('GET', '/v2/users/me')).toHaveLength(3);
	});

	it('says how many attempts were made when retries run out', async () => {
		sandbox().inject({ kind: 'status', status: 503, count: 10 });
		const { status, error } = await runNode({
			parameters: { ...me, requestOptions: { maxRetries: 2 } },
			credentials: creds(),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(
			/did not complete GET \/v2\/users\/me after 3 attempts: the last answer was HTTP 503/,
		);
		expect(requests('GET', '/v2/users/me')).toHaveLength(3);
	});

	it('gives up on a 429 asking for a longer wait than it will stall for', async () => {
		transportSettings().configureTransport({ maxRetryAfterMs: 5_000 });
		sandbox().inject({ kind: '429', count: 1, retryAfter: 'seconds', retryAfterSeconds: 60 });
		const { error } = await runNode({ parameters: me, credentials: creds() });
		expect(error?.message).toMatch(/Harvest asked to wait 60 s/);
		expect(error?.description).toMatch(/100 requests per 15 seconds/);
	});

	it('loses and repeats no record when throttled in the middle of a 5-page listing', async () => {
		sandbox().reset({ users: 8000 });
		const total = sandbox().store.users.list().length;
		// Throttled on pages 2 and 4, as when another workflow shares the token: faults queued in
		// order (a pass-through for page 1 and for each retry), so where the 429s fall does not
		// depend on how fast this machine serves a page.
		const listing = { path: '/v2/users' };
		const passThrough = { kind: 'delay', delayMs: 0, match: listing } as const;
		const throttled = { kind: '429', retryAfterSeconds: 1, match: listing } as const;
		for (const fault of [passThrough, throttled, passThrough, passThrough, throttled])
			sandbox().inject(fault);
		const { status, json } = await runNode({ parameters: allUsers, credentials: creds() });
		expect(status).toBe('success');
		expect(json).toHaveLength(total);
		expect(new Set(json.map((u) => u.id)).size).toBe(total);
		const log = requests('GET', '/v2/users');
		expect(log.map((r) => r.status)).toEqual([200, 429, 200, 200, 429, 200, 200]);
		const pages = log.filter((r) => r.status === 200);
		expect(pages).toHaveLength(Math.ceil(total / 2000));
		// Every cursor was fetched successfully exactly once, in order; a throttled page is asked again.
		const cursors = pages.map((r) => r.query.cursor ?? 'first');
		expect(new Set(cursors).size).toBe(pages.length);
		expect(log[2].query).toEqual(log[1].query);
		expect(log[5].query).toEqual(log[4].query);
	});

	it('never repeats a POST that may have been applied: exactly one POST, and an error that says what to check', async () => {
		sandbox().inject({
			kind: 'status',
			status: 500,
			count: 1,
			afterApply: true,
			match: { method: 'POST', path: '/v2/users' },
		});
		const { status, error } = await runNode({
			parameters: createUser('nina.new@example.com'),
			credentials: creds(),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(
			/Outcome unknown: Harvest may or may not have applied POST \/v2\/users \(HTTP 500/,
		);
		expect(error?.description).toMatch(/not sent again/);
		expect(requests('POST', '/v2/users')).toHaveLength(1);
		expect(
			sandbox()
				.store.users.list()
				.filter((u) => u.email === 'nina.new@example.com'),
		).toHaveLength(1);
		expect(sandbox().invitations.filter((i) => i.email === 'nina.new@example.com')).toHaveLength(1);
	});

	it('does not repeat a POST after a reset or a timeout either', async () => {
		transportSettings().configureTransport({ timeoutMs: 300 });
		sandbox().inject({ kind: 'reset', count: 1, match: { method: 'POST' } });
		sandbox().inject({ kind: 'delay', delayMs: 800, count: 1, match: { method: 'POST' } });
		const { items } = await runNode({
			parameters: { ...createUser('={{ $json.email }}') },
			input: [
				{ email: 'reset@example.com' },
				{ email: 'slow@example.com' },
				{ email: 'fine@example.com' },
			],
			credentials: creds(),
			continueOnFail: true,
		});
		expect(items.map((i) => (i.json.error ? 'error' : i.json.email))).toEqual([
			'error',
			'error',
			'fine@example.com',
		]);
		expect(String(items[0].json.error)).toMatch(/Outcome unknown/);
		expect(requests('POST', '/v2/users')).toHaveLength(3);
	});

	it('repeats a POST that Harvest throttled (a 429 was not processed)', async () => {
		sandbox().inject({
			kind: '429',
			count: 1,
			retryAfter: 'seconds',
			retryAfterSeconds: 1,
			match: { method: 'POST' },
		});
		const { status, json } = await runNode({
			parameters: createUser('throttled@example.com'),
			credentials: creds(),
		});
		expect(status).toBe('success');
		expect(json[0].email).toBe('throttled@example.com');
		expect(requests('POST', '/v2/users').map((r) => r.status)).toEqual([429, 201]);
	});

	it('counts a DELETE as done when its retry after an ambiguous failure finds nothing', async () => {
		const [role] = sandbox().store.roles.list();
		sandbox().inject({
			kind: 'status',
			status: 502,
			count: 1,
			afterApply: true,
			match: { method: 'DELETE' },
		});
		const { status } = await runNode({
			parameters: { resource: 'role', operation: 'delete', roleId: role.id },
			credentials: creds(),
		});
		expect(status).toBe('success');
		expect(requests('DELETE', `/v2/roles/${role.id}`).map((r) => r.status)).toEqual([502, 404]);
	});

	it('fails fast once an execution has spent its retry budget on an outage', async () => {
		transportSettings().configureTransport({ retryBudgetPerExecution: 4 });
		sandbox().inject({ kind: 'status', status: 503, count: 1000 });
		const input: IDataObject[] = Array.from({ length: 10 }, () => ({}));
		const { items } = await runNode({
			parameters: me,
			input,
			credentials: creds(),
			continueOnFail: true,
		});
		expect(items).toHaveLength(10);
		expect(items.every((i) => i.json.error)).toBe(true);
		expect(String(items[9].json.error)).toMatch(
			/after 1 attempt: this execution has used up its retries/,
		);
		// 10 first attempts + 4 retries, not 10 x 6.
		expect(requests('GET', '/v2/users/me')).toHaveLength(14);
	});
});
