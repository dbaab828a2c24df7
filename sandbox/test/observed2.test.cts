/**
 * The sandbox against the second pass over real Harvest (harvest-observed-2.md in the shared
 * project docs). Each test cites the section it pins; where a fact is inferred or weak, the
 * sandbox offers both behaviours and the test pins each.
 */
import { startSandbox } from '../src/index.cjs';
import { PERMISSIONS_CLAIMS } from '../src/routes/render.cjs';
import { api, Json } from '../src/testkit.cjs';
import { DEFAULT_BEHAVIOUR, type Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setClockOffset(0);
	sandbox.setBehaviour(DEFAULT_BEHAVIOUR);
});

const idOf = (email: string): number => {
	const user = sandbox.store.users.findByEmail(email);
	if (!user) throw new Error(`no user ${email}`);
	return user.id;
};
const projectId = (name: string): number => {
	const project = sandbox.store.projects.values().find((p) => p.name === name);
	if (!project) throw new Error(`no project ${name}`);
	return project.id;
};

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

describe('§1.6 updated_at can move for everyone at once', () => {
	it('POST /__sandbox/users/touch-all moves every user (archived too) to one updated_at and changes nothing else', async () => {
		const before = (await api(sandbox).get('/v2/users')).json.users as Array<
			Record<string, unknown>
		>;
		expect(before.some((u) => u.is_active === false)).toBe(true);
		sandbox.setClockOffset(3_600_000);
		const { status, json } = await admin('POST', 'users/touch-all');
		expect(status).toBe(200);
		expect(json.touched).toBe(before.length);
		const after = (await api(sandbox).get('/v2/users')).json.users as Array<
			Record<string, unknown>
		>;
		expect(new Set(after.map((u) => u.updated_at))).toEqual(new Set([json.updated_at]));
		const strip = (u: Record<string, unknown>) => ({ ...u, updated_at: undefined });
		expect(after.map(strip)).toEqual(before.map(strip));
		expect(before.every((u) => u.updated_at !== json.updated_at)).toBe(true);
	});

	it('store.users.touchAll() does the same in-process', async () => {
		sandbox.setClockOffset(7_200_000);
		const n = sandbox.store.users.touchAll();
		const stamps = new Set(sandbox.store.users.list().map((u) => u.updated_at));
		expect(stamps.size).toBe(1);
		expect(n).toBe(sandbox.store.users.list().length);
	});
});

describe('§1.1 telephone on create (and PATCH, first pass §2)', () => {
	it('POST /v2/users takes telephone with timezone, future projects, capacity and rate, and answers them as sent', async () => {
		const body = {
			first_name: 'Tel',
			last_name: 'Ephone',
			email: 'tel@example.com',
			telephone: '+1 907 555 0199',
			timezone: 'Alaska',
			has_access_to_all_future_projects: true,
			weekly_capacity: 144000,
			default_hourly_rate: 120,
		};
		const { status, json } = await api(sandbox).post('/v2/users', body);
		expect(status).toBe(201);
		const { email, ...rest } = body;
		expect(json).toMatchObject({ email, ...rest });
		expect(
			(await api(sandbox).patch(`/v2/users/${json.id}`, { telephone: '+1 907 555 0100' })).json
				.telephone,
		).toBe('+1 907 555 0100');
		expect(
			(await api(sandbox).patch(`/v2/users/${json.id}`, { telephone: '' })).json.telephone,
		).toBe('');
	});
});

describe('§1.2 a user can be created archived', () => {
	it('is listed first under is_active=false and not under is_active=true', async () => {
		const { json } = await api(sandbox).post('/v2/users', {
			first_name: 'Arch',
			last_name: 'Ived',
			email: 'arch@example.com',
			is_active: false,
		});
		expect(json.is_active).toBe(false);
		expect((await api(sandbox).get('/v2/users?is_active=false')).json.users[0].id).toBe(json.id);
		expect(
			(await api(sandbox).get('/v2/users?is_active=true')).json.users.map((u: Json) => u.id),
		).not.toContain(json.id);
	});
});

describe('§1.3 email uniqueness covers archived people', () => {
	it("an archived person's email is taken: 422 naming the email", async () => {
		const res = await api(sandbox).post('/v2/users', {
			first_name: 'Twin',
			last_name: 'Brown',
			email: 'olivia.brown@example.com',
		});
		expect(sandbox.store.users.findByEmail('olivia.brown@example.com')?.is_active).toBe(false);
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(/Email has already been taken/);
	});
});

describe('§1.4 avatar_url is always an https URL', () => {
	it('for seeded and new users', async () => {
		await api(sandbox).post('/v2/users', {
			first_name: 'New',
			last_name: 'Face',
			email: 'face@example.com',
		});
		const users: Json[] = (await api(sandbox).get('/v2/users')).json.users;
		expect(
			users.every((u) => typeof u.avatar_url === 'string' && /^https:\/\/\S+$/.test(u.avatar_url)),
		).toBe(true);
	});
});

describe('§1.5 permissions_claims per access role', () => {
	it('member, manager and administrator get the recorded sets, sorted', async () => {
		const of = async (email: string) =>
			(await api(sandbox).get(`/v2/users/${idOf(email)}`)).json.permissions_claims;
		expect(await of('grace.okafor@example.com')).toEqual([
			'expenses:read:own',
			'expenses:write:own',
			'timers:read:own',
			'timers:write:own',
		]);
		expect(await of('daniel.kim@example.com')).toEqual([
			'expenses:read:managed',
			'expenses:write:own',
			'projects:read:managed',
			'timers:read:managed',
			'timers:write:own',
		]);
		const adminClaims: string[] = await of('sam.carter@example.com');
		expect(adminClaims).toHaveLength(24);
		expect(adminClaims).toEqual([...adminClaims].sort());
		expect(adminClaims).toEqual(
			expect.arrayContaining([
				'users:read:all',
				'users:write:all',
				'billing:read:own',
				'company:write:own',
			]),
		);
		expect(PERMISSIONS_CLAIMS.administrator).toEqual(adminClaims);
	});

	it('follow a change of access role', async () => {
		const id = idOf('grace.okafor@example.com');
		const { json } = await api(sandbox).patch(`/v2/users/${id}`, { access_roles: ['manager'] });
		expect(json.permissions_claims).toEqual(PERMISSIONS_CLAIMS.manager);
	});
});

describe('§2 the open rate mirrors the user defaults; no rate, no entries', () => {
	it('a user created with rates has one opening entry each (start_date null) equal to them; without rates none', async () => {
		const withRates = (
			await api(sandbox).post('/v2/users', {
				first_name: 'R',
				last_name: 'Ates',
				email: 'rates@example.com',
				default_hourly_rate: 175,
				cost_rate: 60,
			})
		).json;
		const billable = (await api(sandbox).get(`/v2/users/${withRates.id}/billable_rates`)).json
			.billable_rates;
		const cost = (await api(sandbox).get(`/v2/users/${withRates.id}/cost_rates`)).json.cost_rates;
		expect(billable).toEqual([
			expect.objectContaining({ amount: 175, start_date: null, end_date: null }),
		]);
		expect(cost).toEqual([
			expect.objectContaining({ amount: 60, start_date: null, end_date: null }),
		]);
		const bare = (
			await api(sandbox).post('/v2/users', {
				first_name: 'No',
				last_name: 'Rates',
				email: 'norates@example.com',
			})
		).json;
		expect(
			(await api(sandbox).get(`/v2/users/${bare.id}/billable_rates`)).json.billable_rates,
		).toEqual([]);
		expect((await api(sandbox).get(`/v2/users/${bare.id}/cost_rates`)).json.cost_rates).toEqual([]);
	});

	it("after a rate history, every user's open entry equals their default_hourly_rate and cost_rate", async () => {
		const users: Json[] = (await api(sandbox).get('/v2/users')).json.users;
		for (const u of users.filter((x) => x.default_hourly_rate !== null)) {
			const rates: Json[] = (await api(sandbox).get(`/v2/users/${u.id}/billable_rates`)).json
				.billable_rates;
			expect(rates.filter((r) => r.end_date === null).map((r) => r.amount)).toEqual([
				u.default_hourly_rate,
			]);
			const costs: Json[] = (await api(sandbox).get(`/v2/users/${u.id}/cost_rates`)).json
				.cost_rates;
			expect(costs.filter((r) => r.end_date === null).map((r) => r.amount)).toEqual([u.cost_rate]);
		}
	});
});

describe('§3.1–§3.4 assignments', () => {
	it('§3.1 nested user.name is "First Last"; §3.2 per-project lists link to the project path', async () => {
		const pid = projectId('Marketing Website');
		const { json } = await api(sandbox).get(`/v2/projects/${pid}/user_assignments`);
		expect(json.user_assignments.map((a: Json) => a.user.name)).toContain('Ana Souza');
		expect(json.links.first).toMatch(
			new RegExp(`/v2/projects/${pid}/user_assignments\\?page=1&per_page=`),
		);
		const tasks = (await api(sandbox).get(`/v2/projects/${pid}/task_assignments`)).json;
		expect(tasks.links.last).toMatch(
			new RegExp(`/v2/projects/${pid}/task_assignments\\?page=1&per_page=`),
		);
	});

	it('§3.3 with use_default_rates true, hourly_rate is the user default (null without one); off, the custom rate', async () => {
		const pid = projectId('Marketing Website');
		const ana = idOf('ana.souza@example.com');
		const noRate = (
			await api(sandbox).post('/v2/users', {
				first_name: 'No',
				last_name: 'Rate',
				email: 'no.rate@example.com',
			})
		).json;
		const a = (
			await api(sandbox).post(`/v2/projects/${pid}/user_assignments`, { user_id: noRate.id })
		).json;
		expect(a.hourly_rate).toBeNull();
		const list: Json[] = (await api(sandbox).get(`/v2/projects/${pid}/user_assignments`)).json
			.user_assignments;
		expect(list.find((x) => x.user.id === ana)).toMatchObject({
			use_default_rates: true,
			hourly_rate: 95,
		});
		const custom = (
			await api(sandbox).patch(`/v2/projects/${pid}/user_assignments/${a.id}`, {
				use_default_rates: false,
				hourly_rate: 10,
			})
		).json;
		expect(custom.hourly_rate).toBe(10);
	});

	it('§3.3 variant (defaultRatesShowUserRate false): the stored rate shows', async () => {
		sandbox.setBehaviour({ defaultRatesShowUserRate: false });
		const pid = projectId('Marketing Website');
		const list: Json[] = (await api(sandbox).get(`/v2/projects/${pid}/user_assignments`)).json
			.user_assignments;
		expect(list.find((x) => x.user.id === idOf('ana.souza@example.com'))).toMatchObject({
			use_default_rates: true,
			hourly_rate: null,
		});
	});

	it('§3.4 a PATCH of an assignment ignores user_id and task_id: 200, nothing changed', async () => {
		const pid = projectId('Marketing Website');
		const ua: Json = (await api(sandbox).get(`/v2/projects/${pid}/user_assignments`)).json
			.user_assignments[0];
		const res = await api(sandbox).patch(`/v2/projects/${pid}/user_assignments/${ua.id}`, {
			user_id: idOf('grace.okafor@example.com'),
		});
		expect(res.status).toBe(200);
		expect(res.json.user.id).toBe(ua.user.id);
		const ta: Json = (await api(sandbox).get(`/v2/projects/${pid}/task_assignments`)).json
			.task_assignments[0];
		const other = sandbox.store.tasks.values().find((t) => t.id !== ta.task.id)!;
		const tres = await api(sandbox).patch(`/v2/projects/${pid}/task_assignments/${ta.id}`, {
			task_id: other.id,
		});
		expect(tres.status).toBe(200);
		expect(tres.json.task.id).toBe(ta.task.id);
	});
});

describe('§3.8 archiving a person archives their assignments; restoring does not bring them back', () => {
	async function projectsOf(id: number): Promise<number[]> {
		return (
			(await api(sandbox).get(`/v2/users/${id}/project_assignments`)).json
				.project_assignments as Json[]
		).map((p) => p.project.id);
	}

	it('default: assignments turn inactive and stay so after the restore', async () => {
		const ana = idOf('ana.souza@example.com');
		expect((await projectsOf(ana)).length).toBe(2);
		await api(sandbox).patch(`/v2/users/${ana}`, { is_active: false });
		expect(await projectsOf(ana)).toEqual([]);
		const top: Json[] = (await api(sandbox).get(`/v2/user_assignments?user_id=${ana}`)).json
			.user_assignments;
		expect(top.length).toBe(2);
		expect(top.every((a) => a.is_active === false)).toBe(true);
		await api(sandbox).patch(`/v2/users/${ana}`, { is_active: true });
		expect(await projectsOf(ana)).toEqual([]);
	});

	it('variant (archiveArchivesAssignments false): assignments are left as they were', async () => {
		sandbox.setBehaviour({ archiveArchivesAssignments: false });
		const ana = idOf('ana.souza@example.com');
		await api(sandbox).patch(`/v2/users/${ana}`, { is_active: false });
		await api(sandbox).patch(`/v2/users/${ana}`, { is_active: true });
		expect((await projectsOf(ana)).length).toBe(2);
	});
});

describe('§4 roles', () => {
	it('§4.1 a taken name is 422; §4.2 user_ids replaces the membership and user.roles follows both ways; [] empties it', async () => {
		expect((await api(sandbox).post('/v2/roles', { name: 'Account Manager' })).status).toBe(422);
		const role = (await api(sandbox).post('/v2/roles', { name: 'Ops' })).json;
		const grace = idOf('grace.okafor@example.com');
		const leo = idOf('leo.fischer@example.com');
		await api(sandbox).patch(`/v2/roles/${role.id}`, { user_ids: [grace, leo] });
		expect((await api(sandbox).get(`/v2/users/${grace}`)).json.roles).toContain('Ops');
		const after = (await api(sandbox).patch(`/v2/roles/${role.id}`, { user_ids: [leo] })).json;
		expect(after.user_ids).toEqual([leo]);
		expect((await api(sandbox).get(`/v2/users/${grace}`)).json.roles).not.toContain('Ops');
		expect(
			(await api(sandbox).patch(`/v2/roles/${role.id}`, { name: 'Operations' })).json.user_ids,
		).toEqual([leo]);
		expect((await api(sandbox).get(`/v2/users/${leo}`)).json.roles).toContain('Operations');
		expect(
			(await api(sandbox).patch(`/v2/roles/${role.id}`, { user_ids: [] })).json.user_ids,
		).toEqual([]);
		expect((await api(sandbox).get(`/v2/users/${leo}`)).json.roles).not.toContain('Operations');
	});
});

describe('§1.9 /api/v2/ and .json serve /v2/', () => {
	it('default: the Location of a create and /api/v2/users/me.json answer the records', async () => {
		const created = await api(sandbox).post('/v2/users', {
			first_name: 'Lo',
			last_name: 'Cation',
			email: 'loc@example.com',
		});
		const location = created.headers.get('location') as string;
		expect(location).toMatch(/\/api\/v2\/users\/\d+$/);
		const path = new URL(location).pathname;
		expect((await api(sandbox).get(path)).json.email).toBe('loc@example.com');
		expect((await api(sandbox).get('/api/v2/users/me.json')).json.id).toBe(
			sandbox.tokens.admin.userId,
		);
	});

	it('variant (apiV2Alias false): only /v2/ is served', async () => {
		sandbox.setBehaviour({ apiV2Alias: false });
		expect((await api(sandbox).get('/api/v2/users/me.json')).status).toBe(404);
		expect((await api(sandbox).get('/v2/users/me')).status).toBe(200);
	});
});
