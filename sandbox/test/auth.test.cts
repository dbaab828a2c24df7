import { INVALID_TOKEN_DESCRIPTION } from '../src/errors.cjs';
import { startSandbox } from '../src/index.cjs';
import { api, rawRequest, USER_AGENT } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());

const INVALID = { error: 'invalid_token', error_description: INVALID_TOKEN_DESCRIPTION };

describe('authentication headers', () => {
	it('answers an unknown token with the recorded 401 body and WWW-Authenticate', async () => {
		const res = await api(sandbox).get('/v2/users/me', {
			headers: { Authorization: 'Bearer nope' },
		});
		expect(res.status).toBe(401);
		expect(res.json).toEqual(INVALID);
		// harvest-observed.md §3 (H1): Rack::OAuth2's realm, and application/json without a charset.
		expect(res.headers.get('www-authenticate')).toMatch(
			/^Bearer realm="Rack::OAuth2 Protected Resources", error="invalid_token"/,
		);
		expect(res.headers.get('content-type')).toBe('application/json');
	});

	it('answers a missing or foreign Harvest-Account-Id with the same 401', async () => {
		const { admin } = sandbox.tokens;
		const missing = await rawRequest(`${sandbox.url}/v2/users/me`, {
			Authorization: `Bearer ${admin.token}`,
			'User-Agent': USER_AGENT,
		});
		expect(missing.status).toBe(401);
		expect(JSON.parse(missing.text)).toEqual(INVALID);
		const foreign = await api(sandbox).get('/v2/users/me', {
			headers: { 'Harvest-Account-Id': '999' },
		});
		expect(foreign.status).toBe(401);
	});

	it('accepts access_token and account_id in the query string', async () => {
		const { admin } = sandbox.tokens;
		const res = await rawRequest(
			`${sandbox.url}/v2/users/me?access_token=${encodeURIComponent(admin.token)}&account_id=${admin.accountId}`,
			{ 'User-Agent': USER_AGENT },
		);
		expect(res.status).toBe(200);
		expect(JSON.parse(res.text).id).toBe(admin.userId);
	});

	it('refuses a request without User-Agent with 400 and a JSON explanation', async () => {
		const { admin } = sandbox.tokens;
		const res = await rawRequest(`${sandbox.url}/v2/users/me`, {
			Authorization: `Bearer ${admin.token}`,
			'Harvest-Account-Id': admin.accountId,
		});
		expect(res.status).toBe(400);
		expect(JSON.parse(res.text).message).toMatch(/User-Agent header is required/);
	});

	it('serves /api/v2/accounts without Harvest-Account-Id, listing Harvest and Forecast accounts', async () => {
		const { admin } = sandbox.tokens;
		const res = await rawRequest(`${sandbox.url}/api/v2/accounts`, {
			Authorization: `Bearer ${admin.token}`,
			'User-Agent': USER_AGENT,
		});
		expect(res.status).toBe(200);
		const body = JSON.parse(res.text);
		expect(body.user).toMatchObject({ id: admin.userId, email: 'sam.carter@example.com' });
		expect(body.accounts.map((a: { product: string }) => a.product)).toEqual([
			'harvest',
			'forecast',
		]);
		expect(String(body.accounts[0].id)).toBe(admin.accountId);
	});

	it('stops accepting the token of a user who has been archived', async () => {
		sandbox.store.users.update(sandbox.tokens.member.userId, { is_active: false });
		expect((await api(sandbox, 'member').get('/v2/users/me')).status).toBe(401);
		sandbox.store.users.update(sandbox.tokens.member.userId, { is_active: true });
		expect((await api(sandbox, 'member').get('/v2/users/me')).status).toBe(200);
	});
});

describe('permissions', () => {
	it.each([
		'/v2/users',
		'/v2/roles',
		'/v2/projects',
		'/v2/tasks',
		'/v2/user_assignments',
		'/v2/task_assignments',
	])('a member gets 403 Not authorized! with a Hint on %s', async (path) => {
		const res = await api(sandbox, 'member').get(path);
		expect(res.status).toBe(403);
		expect(res.json).toEqual({ message: 'Not authorized!' });
		expect(res.headers.get('hint')).toBe('Not authorized!');
	});

	it('a member may read itself and its own project assignments, not other users', async () => {
		const member = api(sandbox, 'member');
		const { userId } = sandbox.tokens.member;
		expect((await member.get('/v2/users/me')).json.id).toBe(userId);
		expect((await member.get('/v2/users/me/project_assignments')).status).toBe(200);
		expect((await member.get(`/v2/users/${userId}/project_assignments`)).status).toBe(200);
		expect(
			(await member.get(`/v2/users/${sandbox.tokens.admin.userId}/project_assignments`)).status,
		).toBe(403);
		expect((await member.get(`/v2/users/${userId}/billable_rates`)).status).toBe(403);
		expect(
			(await member.post('/v2/users', { first_name: 'A', last_name: 'B', email: 'a@b.co' })).status,
		).toBe(403);
	});

	it('a manager may list users and projects but not roles, cost rates or teammates', async () => {
		const manager = api(sandbox, 'manager');
		const { userId } = sandbox.tokens.manager;
		expect((await manager.get('/v2/users')).status).toBe(200);
		expect((await manager.get('/v2/projects')).status).toBe(200);
		expect((await manager.get(`/v2/users/${userId}/billable_rates`)).status).toBe(200); // has billable_rates_manager
		expect((await manager.get('/v2/roles')).status).toBe(403);
		expect((await manager.get(`/v2/users/${userId}/cost_rates`)).status).toBe(403);
		expect((await manager.get(`/v2/users/${userId}/teammates`)).status).toBe(403);
	});

	it('a manager may edit a teammate but not change their e-mail or archive them', async () => {
		const manager = api(sandbox, 'manager');
		const teammate = sandbox.store.teammates.ids(sandbox.tokens.manager.userId)[0];
		const edited = await manager.patch(`/v2/users/${teammate}`, { weekly_capacity: 108000 });
		expect(edited.status).toBe(200);
		expect((await manager.patch(`/v2/users/${teammate}`, { email: 'x@example.com' })).status).toBe(
			403,
		);
		expect((await manager.patch(`/v2/users/${teammate}`, { is_active: false })).status).toBe(403);
		expect(
			(await manager.patch(`/v2/users/${sandbox.tokens.admin.userId}`, { weekly_capacity: 1800 }))
				.status,
		).toBe(403);
	});
});

describe('not found', () => {
	it('answers an unknown record with JSON and a malformed path with an HTML page', async () => {
		const client = api(sandbox);
		const record = await client.get('/v2/users/1');
		expect(record.status).toBe(404);
		expect(record.json).toEqual({ status: 404, error: 'Not Found' });
		const malformed = await client.get('/v2/projects//user_assignments');
		expect(malformed.status).toBe(404);
		expect(malformed.headers.get('content-type')).toMatch(/^text\/html/);
		expect(malformed.text).toMatch(/<html>/);
		expect((await client.call('PUT', '/v2/users/me')).status).toBe(404);
		expect((await client.get('/v2/no_such_resource')).headers.get('content-type')).toMatch(
			/^text\/html/,
		);
	});
});
