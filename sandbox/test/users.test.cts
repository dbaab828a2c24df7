import { USER_NOT_REMOVABLE } from '../src/model/users.cjs';
import { startSandbox } from '../src/index.cjs';
import { api, Json } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const userByEmail = (email: string) => {
	const user = sandbox.store.users.findByEmail(email);
	if (!user) throw new Error(`no user ${email}`);
	return user;
};

describe('create', () => {
	it('never hands out an id twice, even across reset(): seeded users keep theirs, new ones get fresh ones', async () => {
		const seededIds = sandbox.store.users.list().map((u) => u.id);
		const first = await api(sandbox).post('/v2/users', {
			first_name: 'Nia',
			last_name: 'Long',
			email: 'nia.long@example.com',
		});
		sandbox.reset();
		expect(sandbox.store.users.list().map((u) => u.id)).toEqual(seededIds);
		// The same person again after a reset of the demo data: a trigger that remembers users by id
		// must see a new user, as it would in Harvest, which never reuses an id.
		const again = await api(sandbox).post('/v2/users', {
			first_name: 'Nia',
			last_name: 'Long',
			email: 'nia.long@example.com',
		});
		expect(again.status).toBe(201);
		expect(again.json.id).toBeGreaterThan(first.json.id);
	});

	it('creates with the recorded defaults, answers 201 with Location and records one invitation', async () => {
		const res = await api(sandbox).post('/v2/users', {
			first_name: 'Nia',
			last_name: 'Long',
			email: 'nia.long@example.com',
		});
		expect(res.status).toBe(201);
		// harvest-observed.md §2 (H7): Location under /api/v2/, unset rates null (the docs say 0).
		expect(res.headers.get('location')).toBe(`${sandbox.url}/api/v2/users/${res.json.id}`);
		expect(res.json).toMatchObject({
			first_name: 'Nia',
			telephone: '',
			timezone: 'Eastern Time (US & Canada)',
			has_access_to_all_future_projects: false,
			is_contractor: false,
			is_active: true,
			weekly_capacity: 126000,
			default_hourly_rate: null,
			cost_rate: null,
			roles: [],
			access_roles: ['member'],
		});
		expect(res.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(Object.keys(res.json)).toEqual(
			expect.arrayContaining(['id', 'avatar_url', 'updated_at']),
		);
		expect(sandbox.invitations).toEqual([
			{ userId: res.json.id, email: 'nia.long@example.com', at: expect.any(Number) },
		]);
	});

	it('joins every validation message in one 422', async () => {
		const res = await api(sandbox).post('/v2/users', {
			last_name: 'X',
			email: 'SAM.CARTER@example.com',
		});
		expect(res.status).toBe(422);
		expect(res.json).toEqual({
			message: "First name can't be blank, Email has already been taken",
		});
		expect(sandbox.invitations).toHaveLength(0);
	});

	it.each([
		[['member', 'project_creator'], /only be granted to managers/],
		[['administrator', 'member'], /exactly one/],
		[['wizard'], /not a valid access role/],
	])('refuses access_roles %j', async (roles, message) => {
		const res = await api(sandbox).post('/v2/users', {
			first_name: 'A',
			last_name: 'B',
			email: 'ab@example.com',
			access_roles: roles,
		});
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(message);
	});

	it('checks email shape and weekly_capacity type', async () => {
		const client = api(sandbox);
		expect(
			(await client.post('/v2/users', { first_name: 'A', last_name: 'B', email: 'not-an-email' }))
				.json.message,
		).toBe('Email is invalid');
		expect(
			(
				await client.post('/v2/users', {
					first_name: 'A',
					last_name: 'B',
					email: 'a@b.co',
					weekly_capacity: 36.5,
				})
			).json.message,
		).toBe('Weekly capacity must be an integer');
	});

	it('accepts a form-encoded body with array fields', async () => {
		const res = await api(sandbox).post(
			'/v2/users',
			{
				first_name: 'Form',
				last_name: 'Body',
				email: 'form@example.com',
				is_contractor: 'true',
				access_roles: ['manager', 'project_creator'],
				roles: ['Developer'],
			},
			{ form: true },
		);
		expect(res.status).toBe(201);
		expect(res.json).toMatchObject({
			is_contractor: true,
			access_roles: ['manager', 'project_creator'],
			roles: ['Developer'],
		});
	});

	it('ignores a JSON body sent without Content-Type: application/json', async () => {
		const body = { first_name: 'No', last_name: 'Type', email: 'no.type@example.com' };
		const res = await api(sandbox).post('/v2/users', body, {
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(/^First name can't be blank/);
	});
});

describe('update, archive, delete', () => {
	it('updates partially, bumps updated_at to the sandbox clock, and ignores default_hourly_rate', async () => {
		const leo = userByEmail('leo.fischer@example.com');
		sandbox.setClockOffset(2 * 86_400_000);
		const res = await api(sandbox).patch(`/v2/users/${leo.id}`, {
			weekly_capacity: 108000,
			default_hourly_rate: 999,
			unknown_field: 1,
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			weekly_capacity: 108000,
			default_hourly_rate: 100,
			first_name: 'Leo',
		});
		const serverDate = Date.parse(res.headers.get('date') ?? '');
		expect(serverDate - Date.now()).toBeGreaterThan(86_400_000);
		expect(Math.abs(Date.parse(res.json.updated_at) - serverDate)).toBeLessThan(2000);
		sandbox.setClockOffset(0);
	});

	it('does not bump updated_at when nothing changes', async () => {
		const leo = userByEmail('leo.fischer@example.com');
		const before = leo.updated_at;
		const res = await api(sandbox).patch(`/v2/users/${leo.id}`, { first_name: 'Leo' });
		expect(res.json.updated_at).toBe(before);
	});

	it('archives and restores with is_active; names and e-mail are frozen while archived', async () => {
		const client = api(sandbox);
		const kenji = userByEmail('kenji.watanabe@example.com');
		expect((await client.patch(`/v2/users/${kenji.id}`, { is_active: false })).json.is_active).toBe(
			false,
		);
		const frozen = await client.patch(`/v2/users/${kenji.id}`, { last_name: 'W.' });
		expect(frozen.status).toBe(422);
		expect(frozen.json.message).toMatch(/archived/);
		expect((await client.patch(`/v2/users/${kenji.id}`, { timezone: 'London' })).status).toBe(200);
		const restored = await client.patch(`/v2/users/${kenji.id}`, {
			is_active: true,
			last_name: 'W.',
		});
		expect(restored.json).toMatchObject({ is_active: true, last_name: 'W.' });
	});

	it('refuses an e-mail taken by someone else, in any letter case', async () => {
		const leo = userByEmail('leo.fischer@example.com');
		const res = await api(sandbox).patch(`/v2/users/${leo.id}`, { email: 'Ana.Souza@Example.com' });
		expect(res).toMatchObject({ status: 422, json: { message: 'Email has already been taken' } });
	});

	it('deletes with 200 and the deleted user; a user with time entries is not removable (422 + Hint)', async () => {
		const client = api(sandbox);
		const grace = userByEmail('grace.okafor@example.com');
		sandbox.setClockOffset(60_000);
		const gone = await client.del(`/v2/users/${grace.id}`);
		sandbox.setClockOffset(0);
		// harvest-observed.md §2 (H8): the deleted record, updated_at moved to the deletion time.
		expect(gone.status).toBe(200);
		expect(gone.json).toMatchObject({ id: grace.id, email: 'grace.okafor@example.com' });
		expect(Date.parse(gone.json.updated_at)).toBeGreaterThan(Date.now());
		expect((await client.get(`/v2/users/${grace.id}`)).status).toBe(404);
		expect(sandbox.store.roles.findByName('QA')?.user_ids).toEqual([]);

		const ana = userByEmail('ana.souza@example.com');
		const blocked = await client.del(`/v2/users/${ana.id}`);
		expect(blocked.status).toBe(422);
		expect(blocked.json).toEqual({ message: USER_NOT_REMOVABLE });
		expect(blocked.headers.get('hint')).toBe(USER_NOT_REMOVABLE);
	});

	it('changes made through the store bump updated_at like an API write', async () => {
		const leo = userByEmail('leo.fischer@example.com');
		const before = leo.updated_at;
		sandbox.setClockOffset(60_000);
		sandbox.store.users.update(leo.id, { telephone: '+49 30 1234' }, { direct: true });
		sandbox.setClockOffset(0);
		const res = await api(sandbox).get(`/v2/users/${leo.id}`);
		expect(res.json.telephone).toBe('+49 30 1234');
		expect(res.json.updated_at > before).toBe(true);
	});
});

describe('demo data', () => {
	it('has an admin owner, a manager with teammates, a member, an archived user and a contractor', async () => {
		const users: Json[] = (await api(sandbox).get('/v2/users')).json.users;
		expect(users).toHaveLength(8);
		const roles = (email: string) => users.find((u) => u.email === email)?.access_roles;
		expect(roles('sam.carter@example.com')).toEqual(['administrator']);
		expect(roles('maya.patel@example.com')).toEqual([
			'manager',
			'project_creator',
			'billable_rates_manager',
			'people_manager',
		]);
		expect(users.filter((u) => !u.is_active)).toHaveLength(1);
		expect(users.filter((u) => u.is_contractor)).toHaveLength(1);
		expect(users.every((u) => u.created_at < new Date().toISOString())).toBe(true);
	});
});
