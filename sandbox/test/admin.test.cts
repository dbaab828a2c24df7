import { startSandbox } from '../src/index.cjs';
import { api, Json } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: { requests: 100, windowMs: 15_000 } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setClockOffset(0);
});

async function admin(
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; json: Json }> {
	const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('admin API (/__sandbox)', () => {
	it('GET state shows users, roles, assignments, rates, teammates and invitations; it is not logged', async () => {
		await api(sandbox).post('/v2/users', {
			first_name: 'In',
			last_name: 'Vited',
			email: 'invited@example.com',
		});
		const { json } = await admin('GET', 'state');
		expect(json.users).toHaveLength(9);
		expect(json.invitations).toEqual([expect.objectContaining({ email: 'invited@example.com' })]);
		expect(json.teammates[String(sandbox.tokens.manager.userId)]).toHaveLength(3);
		for (const key of [
			'roles',
			'user_assignments',
			'task_assignments',
			'billable_rates',
			'cost_rates',
			'projects',
			'tasks',
			'clients',
			'time_entries',
			'tokens',
		])
			expect(json).toHaveProperty(key);
		expect(sandbox.log).toHaveLength(1);
		expect((await admin('GET', 'log')).json).toHaveLength(1);
	});

	it('creates, changes and deletes users directly (changes bump updated_at, no invitation)', async () => {
		const created = await admin('POST', 'users', {
			first_name: 'Direct',
			last_name: 'Hire',
			email: 'direct@example.com',
		});
		expect(created.status).toBe(201);
		expect(sandbox.invitations).toHaveLength(0);
		await admin('POST', 'clock', { offsetMs: 120_000 });
		const changed = await admin('PATCH', `users/${created.json.id}`, {
			last_name: 'Changed',
			has_time_entries: true,
		});
		expect(changed.json.last_name).toBe('Changed');
		expect(changed.json.updated_at > created.json.updated_at).toBe(true);
		expect((await api(sandbox).del(`/v2/users/${created.json.id}`)).status).toBe(422);
		expect((await admin('DELETE', `users/${created.json.id}`)).status).toBe(200);
		expect(sandbox.store.users.get(created.json.id)).toBeUndefined();
		expect((await admin('PATCH', 'users/1', { last_name: 'X' })).status).toBe(404);
	});

	it('queues faults (with a string path or a pathRegex) and sets the rate limit', async () => {
		await admin('POST', 'faults', { kind: 'status', status: 500, match: { path: '/v2/users/me' } });
		await admin('POST', 'faults', { kind: 'html', match: { pathRegex: '^/v2/company$' } });
		expect((await api(sandbox).get('/v2/users/me')).status).toBe(500);
		expect((await api(sandbox).get('/v2/company')).status).toBe(502);
		await admin('POST', 'rate-limit', { requests: 1, windowMs: 60_000 });
		await api(sandbox).get('/v2/users/me');
		expect((await api(sandbox).get('/v2/users/me')).status).toBe(429);
		await admin('POST', 'rate-limit', { enabled: false });
		expect((await api(sandbox).get('/v2/users/me')).status).toBe(200);
	});

	it('drops Retry-After from its 429s on request (the one recorded Harvest 429 had none), and restores it', async () => {
		await admin('POST', 'rate-limit', { requests: 1, windowMs: 60_000, retryAfter: false });
		await api(sandbox).get('/v2/users/me');
		const bare = await api(sandbox).get('/v2/users/me');
		expect(bare.status).toBe(429);
		expect(bare.headers.get('retry-after')).toBeNull();
		await admin('POST', 'rate-limit', { requests: 1, windowMs: 60_000, retryAfter: true });
		const told = await api(sandbox).get('/v2/users/me');
		expect(told.status).toBe(429);
		expect(Number(told.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('resets to a seed', async () => {
		await admin('POST', 'reset', { seed: 'empty' });
		expect((await admin('GET', 'state')).json.users).toHaveLength(3);
		const reset = await admin('POST', 'reset', { seed: { users: 12 } });
		expect(reset.json.tokens.admin.userId).toBe(sandbox.tokens.admin.userId);
		expect((await api(sandbox).get('/v2/users')).json.total_entries).toBe(20);
	});
});
