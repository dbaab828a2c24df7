/**
 * The sandbox against what real Harvest answered in recorded traffic. Each test cites the
 * section of harvest-observed.md (in the shared project docs) that it pins; where the
 * recordings are silent, the sandbox offers both behaviours and the test pins each.
 */
import { INVALID_TOKEN_DESCRIPTION } from '../src/errors.cjs';
import { startSandbox } from '../src/index.cjs';
import { api, Json, rawRequest, USER_AGENT } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setBehaviour({ updatedSinceInclusive: true, renameWhileRestoring: true });
});

const idOf = (email: string): number => {
	const user = sandbox.store.users.findByEmail(email);
	if (!user) throw new Error(`no user ${email}`);
	return user.id;
};
const raw = (
	path: string,
	role: 'admin' | 'manager' | 'member' = 'admin',
	extra: Record<string, string> = {},
) => {
	const t = sandbox.tokens[role];
	return rawRequest(`${sandbox.url}${path}`, {
		Authorization: `Bearer ${t.token}`,
		'Harvest-Account-Id': t.accountId,
		'User-Agent': USER_AGENT,
		...extra,
	});
};

describe('§1.1 the user object', () => {
	it('carries the keys recorded in 2022 that the docs never list; telephone is "" when unset', async () => {
		const { json } = await api(sandbox).get(`/v2/users/${idOf('grace.okafor@example.com')}`);
		expect(json).toMatchObject({
			telephone: '',
			can_create_projects: false,
			calendar_integration_enabled: false,
			calendar_integration_source: null,
			permissions_claims: expect.arrayContaining(['timers:read:own']),
		});
		expect(json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	it("a member's /users/me has no rate keys at all; an administrator's has both", async () => {
		const member = (await api(sandbox, 'member').get('/v2/users/me')).json;
		expect(member).not.toHaveProperty('default_hourly_rate');
		expect(member).not.toHaveProperty('cost_rate');
		const admin = (await api(sandbox).get('/v2/users/me')).json;
		expect(admin).toHaveProperty('default_hourly_rate');
		expect(admin).toHaveProperty('cost_rate');
	});

	it("an administrator's list has both rate keys on every user, null when unset (§2, H7)", async () => {
		await api(sandbox).post('/v2/users', {
			first_name: 'No',
			last_name: 'Rates',
			email: 'no.rates@example.com',
		});
		const users: Json[] = (await api(sandbox).get('/v2/users')).json.users;
		expect(users.every((u) => 'default_hourly_rate' in u && 'cost_rate' in u)).toBe(true);
		expect(users.find((u) => u.email === 'no.rates@example.com')).toMatchObject({
			default_hourly_rate: null,
			cost_rate: null,
		});
	});
});

describe('§1.3 the pagination envelope', () => {
	it('an empty list has total_pages 1, page 1 and non-null first/last links', async () => {
		const res = await api(sandbox).get('/v2/users?updated_since=2999-01-01T00:00:00Z');
		expect(res.json).toMatchObject({
			users: [],
			total_entries: 0,
			total_pages: 1,
			page: 1,
			next_page: null,
			previous_page: null,
		});
		expect(res.json.links.first).toBe(
			`${sandbox.url}/v2/users?page=1&per_page=2000&ref=first&updated_since=2999-01-01T00%3A00%3A00Z`,
		);
		expect(res.json.links.last).toBe(res.json.links.first.replace('ref=first', 'ref=last'));
	});

	it('keeps the recorded key order; links are absolute, carry page, per_page and the filters, sorted, with ref', async () => {
		const res = await api(sandbox).get('/v2/users?per_page=3&is_active=true');
		expect(Object.keys(res.json)).toEqual([
			'users',
			'per_page',
			'total_pages',
			'total_entries',
			'next_page',
			'previous_page',
			'page',
			'links',
		]);
		expect(res.json.links.first).toBe(
			`${sandbox.url}/v2/users?is_active=true&page=1&per_page=3&ref=first`,
		);
		expect(res.json.links.next).toMatch(
			new RegExp(
				`^${sandbox.url}/v2/users\\?cursor=[^&]+&is_active=true&per_page=3&ref=next_cursor$`,
			),
		);
		const project = sandbox.store.projects.newest().find((p) => p.name === 'Marketing Website')?.id;
		const numbered = await api(sandbox).get(
			`/v2/projects/${project}/user_assignments?per_page=1&is_active=true`,
		);
		expect(numbered.json.links.next).toBe(
			`${sandbox.url}/v2/projects/${project}/user_assignments?is_active=true&page=2&per_page=1&ref=next`,
		);
	});

	it('uses per_page 2000 when none is sent', async () => {
		expect((await api(sandbox).get('/v2/roles')).json.per_page).toBe(2000);
	});
});

describe('§2 writes', () => {
	it('POST answers 201 with a Location under /api/v2/ and accepts numbers and booleans as strings', async () => {
		const mobile = sandbox.store.projects.newest().find((p) => p.name === 'Mobile App')?.id;
		const res = await api(sandbox).post(`/v2/projects/${mobile}/user_assignments`, {
			user_id: String(idOf('grace.okafor@example.com')),
			is_project_manager: 'false',
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('location')).toBe(
			`${sandbox.url}/api/v2/projects/${mobile}/user_assignments/${res.json.id}`,
		);
		const rate = await api(sandbox).post(
			`/v2/users/${idOf('grace.okafor@example.com')}/billable_rates`,
			{ amount: '95.0' },
		);
		expect(rate.headers.get('location')).toBe(
			`${sandbox.url}/api/v2/users/${idOf('grace.okafor@example.com')}/billable_rates/${rate.json.id}`,
		);
	});

	it('DELETE answers 200 with the deleted record (roles too)', async () => {
		const role = (await api(sandbox).post('/v2/roles', { name: 'Short Lived' })).json;
		const res = await api(sandbox).del(`/v2/roles/${role.id}`);
		expect(res).toMatchObject({
			status: 200,
			json: { id: role.id, name: 'Short Lived', user_ids: [] },
		});
	});
});

describe('§3 errors', () => {
	it('401: the OAuth body, no charset, WWW-Authenticate, no-cache, Content-Length 134', async () => {
		const res = await rawRequest(`${sandbox.url}/v2/users/me`, {
			Authorization: 'Bearer nope',
			'Harvest-Account-Id': sandbox.tokens.admin.accountId,
			'User-Agent': USER_AGENT,
		});
		expect(res.status).toBe(401);
		expect(JSON.parse(res.text)).toEqual({
			error: 'invalid_token',
			error_description: INVALID_TOKEN_DESCRIPTION,
		});
		expect(res.headers).toMatchObject({
			'content-type': 'application/json',
			'cache-control': 'no-cache',
			'content-length': '134',
		});
		expect(res.headers['www-authenticate']).toBe(
			`Bearer realm="Rack::OAuth2 Protected Resources", error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`,
		);
	});

	it('§6: the token is checked before the account header: a bad token with a bogus or missing account is invalid_token', async () => {
		for (const headers of [{ 'Harvest-Account-Id': '999999' }, {}] as Array<
			Record<string, string>
		>) {
			const res = await rawRequest(`${sandbox.url}/v2/users`, {
				Authorization: 'Bearer nope',
				'User-Agent': USER_AGENT,
				...headers,
			});
			expect(res.status).toBe(401);
			expect(JSON.parse(res.text).error).toBe('invalid_token');
		}
	});

	it('403: {"message":"Not authorized!"} with the same Hint, JSON utf-8', async () => {
		const res = await raw('/v2/users', 'member');
		expect(res.status).toBe(403);
		expect(JSON.parse(res.text)).toEqual({ message: 'Not authorized!' });
		expect(res.headers).toMatchObject({
			hint: 'Not authorized!',
			'content-type': 'application/json; charset=utf-8',
		});
	});

	it('404 for an unknown id: {"status":404,"error":"Not Found"}, UTF-8 upper-case, Content-Length 34, no Cache-Control or ETag', async () => {
		const res = await raw('/v2/users/1');
		expect(res.text).toBe('{"status":404,"error":"Not Found"}');
		expect(res.headers).toMatchObject({
			'content-type': 'application/json; charset=UTF-8',
			'content-length': '34',
		});
		expect(res.headers).not.toHaveProperty('cache-control');
		expect(res.headers).not.toHaveProperty('etag');
	});

	it('404 for a malformed path: the HTML "Can\'t find page"', async () => {
		const res = await raw('/v2/projects//user_assignments');
		expect(res.status).toBe(404);
		expect(res.headers['content-type']).toBe('text/html; charset=UTF-8');
		expect(res.text).toContain("<title>HARVEST: Can't find page</title>");
	});

	it('422: every validation message joined with ", " in `message`, no Hint and no `errors` key', async () => {
		const res = await api(sandbox).post('/v2/users', { email: 'sam.carter@example.com' });
		expect(res.json).toEqual({
			message: "First name can't be blank, Last name can't be blank, Email has already been taken",
		});
		expect(res.headers.get('hint')).toBeNull();
	});

	it('429 comes in both shapes: with Retry-After (docs) and as recorded, empty text/html without it', async () => {
		sandbox.inject({ kind: '429', retryAfterSeconds: 2 });
		sandbox.inject({ kind: '429', retryAfter: 'none' });
		const told = await raw('/v2/users/me');
		const recorded = await raw('/v2/users/me');
		for (const res of [told, recorded]) {
			expect(res).toMatchObject({ status: 429, text: '' });
			expect(res.headers).toMatchObject({
				'content-type': 'text/html',
				'cache-control': 'no-cache, no-store',
			});
			expect(Object.keys(res.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
		}
		expect(told.headers['retry-after']).toBe('2');
		expect(recorded.headers).not.toHaveProperty('retry-after');
	});
});

describe('§4 headers on every response', () => {
	it('Date, JSON utf-8, 32-hex X-Request-Id, no-store, weak ETag on 200, chunked JSON, never X-RateLimit-* or Retry-After', async () => {
		const res = await raw('/v2/users/me');
		expect(res.status).toBe(200);
		expect(res.headers.date).toMatch(
			/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/,
		);
		expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
		expect(res.headers['x-runtime']).toMatch(/^\d+\.\d{6}$/);
		expect(res.headers).toMatchObject({
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			'transfer-encoding': 'chunked',
		});
		expect(res.headers.etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
		expect(
			Object.keys(res.headers).filter((h) => h.startsWith('x-ratelimit') || h === 'retry-after'),
		).toEqual([]);
	});

	it('a weak ETag on 201 too', async () => {
		const res = await api(sandbox).post('/v2/roles', { name: 'Tagged' });
		expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{32}"$/);
	});
});

describe('§5 assignment, rate and role objects', () => {
	it('user assignments carry use_default_rates; project assignments add project.is_billable, client.currency and ascending task assignments', async () => {
		const leo = sandbox.tokens.member.userId;
		const ua = (await api(sandbox).get(`/v2/user_assignments?user_id=${leo}`)).json
			.user_assignments[0];
		expect(Object.keys(ua)).toEqual([
			'id',
			'is_project_manager',
			'is_active',
			'use_default_rates',
			'budget',
			'created_at',
			'updated_at',
			'hourly_rate',
			'project',
			'user',
		]);
		const pas: Json[] = (await api(sandbox).get(`/v2/users/${leo}/project_assignments`)).json
			.project_assignments;
		for (const pa of pas) {
			expect(pa.project).toHaveProperty('is_billable');
			expect(pa.client).toHaveProperty('currency');
			const ids = pa.task_assignments.map((t: Json) => t.id);
			expect(ids).toEqual([...ids].sort((a, b) => a - b));
		}
		expect(pas.map((p) => p.id)).toEqual(pas.map((p) => p.id).sort((a, b) => b - a));
	});

	it("a user's original rate has start_date null; roles list id, name, created_at, updated_at, user_ids", async () => {
		const rates: Json[] = (
			await api(sandbox).get(`/v2/users/${idOf('grace.okafor@example.com')}/billable_rates`)
		).json.billable_rates;
		expect(rates[0]).toMatchObject({ amount: 85, start_date: null });
		const role = (await api(sandbox).get('/v2/roles')).json.roles[0];
		expect(Object.keys(role)).toEqual(['id', 'name', 'created_at', 'updated_at', 'user_ids']);
	});
});

describe('visibility follows the role (docs: "Administrator or Manager with assigned teammates")', () => {
	it('an administrator sees everyone', async () => {
		expect((await api(sandbox).get('/v2/users')).json.total_entries).toBe(
			sandbox.store.users.table.size,
		);
	});

	it('a manager sees only themselves and their teammates, in the list and one by one', async () => {
		const { userId } = sandbox.tokens.manager;
		const visible = [userId, ...sandbox.store.teammates.ids(userId)].sort((a, b) => b - a);
		const list = await api(sandbox, 'manager').get('/v2/users');
		expect(list.json.users.map((u: Json) => u.id)).toEqual(visible);
		expect(list.json.total_entries).toBe(visible.length);
		expect((await api(sandbox, 'manager').get(`/v2/users/${visible[1]}`)).status).toBe(200);
		const other = await api(sandbox, 'manager').get(`/v2/users/${sandbox.tokens.admin.userId}`);
		expect(other).toMatchObject({ status: 403, json: { message: 'Not authorized!' } });
	});

	it('a member gets 403 on the user list but reads themselves', async () => {
		expect((await api(sandbox, 'member').get('/v2/users')).status).toBe(403);
		expect((await api(sandbox, 'member').get('/v2/users/me')).status).toBe(200);
	});
});

describe('Harvest ID accounts endpoint', () => {
	it('answers the accounts a token reaches, whatever (or without) Harvest-Account-Id', async () => {
		for (const role of ['admin', 'manager', 'member'] as const) {
			const t = sandbox.tokens[role];
			const res = await rawRequest(`${sandbox.url}/api/v2/accounts`, {
				Authorization: `Bearer ${t.token}`,
				'Harvest-Account-Id': '999999',
				'User-Agent': USER_AGENT,
			});
			expect(res.status).toBe(200);
			const body = JSON.parse(res.text);
			expect(body.user.id).toBe(t.userId);
			expect(body.accounts).toEqual([
				{ id: Number(t.accountId), name: 'Sandbox Co', product: 'harvest' },
				{ id: expect.any(Number), name: 'Sandbox Co', product: 'forecast' },
			]);
		}
		const bad = await rawRequest(`${sandbox.url}/api/v2/accounts`, {
			Authorization: 'Bearer nope',
			'User-Agent': USER_AGENT,
		});
		expect(bad.status).toBe(401);
	});
});

describe('unconfirmed: both behaviours on offer', () => {
	it.each([
		[true, true],
		[false, false],
	])(
		'updated_since with updatedSinceInclusive=%s keeps a user updated exactly at the boundary: %s',
		async (inclusive, kept) => {
			sandbox.setBehaviour({ updatedSinceInclusive: inclusive });
			const user = sandbox.store.users.update(sandbox.tokens.member.userId, {
				weekly_capacity: 99000,
			});
			const at = (since: string) =>
				api(sandbox).get(`/v2/users?updated_since=${encodeURIComponent(since)}`);
			expect((await at(user.updated_at)).json.users.some((u: Json) => u.id === user.id)).toBe(kept);
			const justBefore = new Date(Date.parse(user.updated_at) - 500).toISOString();
			expect((await at(justBefore)).json.users.some((u: Json) => u.id === user.id)).toBe(true);
		},
	);

	it.each([
		[true, 200],
		[false, 422],
	])(
		'renameWhileRestoring=%s: a PATCH restoring an archived user and renaming them answers %s',
		async (allowed, status) => {
			sandbox.setBehaviour({ renameWhileRestoring: allowed });
			const olivia = idOf('olivia.brown@example.com');
			const res = await api(sandbox).patch(`/v2/users/${olivia}`, {
				is_active: true,
				last_name: 'Brown-Lee',
			});
			expect(res.status).toBe(status);
			if (!allowed) {
				expect(res.json.message).toMatch(/archived/);
				expect(sandbox.store.users.get(olivia)?.is_active).toBe(false);
				const restored = await api(sandbox).patch(`/v2/users/${olivia}`, { is_active: true });
				expect(restored.json.is_active).toBe(true);
				expect(
					(await api(sandbox).patch(`/v2/users/${olivia}`, { last_name: 'Brown-Lee' })).status,
				).toBe(200);
			}
			expect(sandbox.store.users.get(olivia)).toMatchObject({
				is_active: true,
				last_name: 'Brown-Lee',
			});
		},
	);
});
