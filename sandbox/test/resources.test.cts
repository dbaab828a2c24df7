import {
	TASK_ASSIGNMENT_NOT_REMOVABLE,
	USER_ASSIGNMENT_NOT_REMOVABLE,
} from '../src/model/assignments.cjs';
import { startSandbox } from '../src/index.cjs';
import { api, Json } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const idOf = (email: string): number => {
	const user = sandbox.store.users.findByEmail(email);
	if (!user) throw new Error(`no user ${email}`);
	return user.id;
};
const projectId = (name: string): number => {
	const project = sandbox.store.projects.newest().find((p) => p.name === name);
	if (!project) throw new Error(`no project ${name}`);
	return project.id;
};
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('billable and cost rates', () => {
	it('lists oldest first, and a later start_date closes the previous rate the day before', async () => {
		const client = api(sandbox);
		const leo = idOf('leo.fischer@example.com');
		const created = await client.post(`/v2/users/${leo}/billable_rates`, {
			amount: 120,
			start_date: daysAgo(10),
		});
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({ amount: 120, start_date: daysAgo(10), end_date: null });
		const list = (await client.get(`/v2/users/${leo}/billable_rates`)).json.billable_rates;
		expect(list.map((r: Json) => [r.start_date, r.end_date])).toEqual([
			[null, daysAgo(11)],
			[daysAgo(10), null],
		]);
		expect((await client.get(`/v2/users/${leo}`)).json.default_hourly_rate).toBe(120);
		expect(
			(await client.get(`/v2/users/${leo}/billable_rates/${created.json.id}`)).json.amount,
		).toBe(120);
	});

	it('an earlier start_date replaces the later rates; no start_date replaces all', async () => {
		const client = api(sandbox);
		const sam = idOf('sam.carter@example.com');
		const before = (await client.get(`/v2/users/${sam}/billable_rates`)).json.billable_rates;
		expect(before).toHaveLength(3);
		await client.post(`/v2/users/${sam}/billable_rates`, {
			amount: 140,
			start_date: before[1].start_date,
		});
		const replaced = (await client.get(`/v2/users/${sam}/billable_rates`)).json.billable_rates;
		expect(replaced.map((r: Json) => r.amount)).toEqual([110, 140]);
		await client.post(`/v2/users/${sam}/cost_rates`, { amount: 95 });
		const cost = (await client.get(`/v2/users/${sam}/cost_rates`)).json.cost_rates;
		expect(cost).toEqual([
			expect.objectContaining({ amount: 95, start_date: null, end_date: null }),
		]);
		expect((await client.get(`/v2/users/${sam}`)).json.cost_rate).toBe(95);
	});

	it('refuses a missing or negative amount and a start_date in the future', async () => {
		const client = api(sandbox);
		const leo = idOf('leo.fischer@example.com');
		expect((await client.post(`/v2/users/${leo}/cost_rates`, {})).json.message).toBe(
			"Amount can't be blank",
		);
		expect((await client.post(`/v2/users/${leo}/cost_rates`, { amount: -1 })).json.message).toMatch(
			/greater than or equal to 0/,
		);
		const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
		const res = await client.post(`/v2/users/${leo}/billable_rates`, {
			amount: 1,
			start_date: future,
		});
		expect(res).toMatchObject({
			status: 422,
			json: { message: "Start date can't be in the future" },
		});
	});

	it('judges "future" by the sandbox clock', async () => {
		sandbox.setClockOffset(5 * 86_400_000);
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
		const res = await api(sandbox).post(
			`/v2/users/${idOf('leo.fischer@example.com')}/billable_rates`,
			{ amount: 1, start_date: tomorrow },
		);
		expect(res.status).toBe(201);
		sandbox.setClockOffset(0);
	});
});

describe('teammates', () => {
	it('replaces the list, grants people_manager on the first assignment and removes it when emptied', async () => {
		const client = api(sandbox);
		const daniel = idOf('daniel.kim@example.com');
		const grace = idOf('grace.okafor@example.com');
		const set = await client.patch(`/v2/users/${daniel}/teammates`, { teammate_ids: [grace] });
		expect(set.status).toBe(200);
		expect(set.json).toEqual({
			teammates: [
				{ id: grace, first_name: 'Grace', last_name: 'Okafor', email: 'grace.okafor@example.com' },
			],
		});
		expect((await client.get(`/v2/users/${daniel}`)).json.access_roles).toEqual([
			'manager',
			'people_manager',
		]);
		const listed = await client.get(`/v2/users/${daniel}/teammates`);
		expect(listed.json).toMatchObject({ total_entries: 1, page: 1 });
		await client.patch(`/v2/users/${daniel}/teammates`, { teammate_ids: [] });
		expect((await client.get(`/v2/users/${daniel}`)).json.access_roles).toEqual(['manager']);
	});

	it('answers 422 for a user who is not a manager, and drops teammates when a manager is downgraded', async () => {
		const client = api(sandbox);
		expect(
			(
				await client.patch(`/v2/users/${idOf('leo.fischer@example.com')}/teammates`, {
					teammate_ids: [],
				})
			).status,
		).toBe(422);
		const maya = idOf('maya.patel@example.com');
		const downgraded = await client.patch(`/v2/users/${maya}`, { access_roles: ['member'] });
		expect(downgraded.json.access_roles).toEqual(['member']);
		expect(sandbox.store.teammates.ids(maya)).toEqual([]);
	});

	it('keeps people_manager when a manager with teammates changes permissions', async () => {
		const maya = idOf('maya.patel@example.com');
		const res = await api(sandbox).patch(`/v2/users/${maya}`, {
			access_roles: ['manager', 'estimates_manager'],
		});
		expect(res.json.access_roles).toEqual(['manager', 'estimates_manager', 'people_manager']);
	});
});

describe('roles', () => {
	it('keeps user.roles in sync with role membership (create, replace, rename, delete)', async () => {
		const client = api(sandbox);
		const leo = idOf('leo.fischer@example.com');
		const ana = idOf('ana.souza@example.com');
		const role = await client.post('/v2/roles', { name: 'Mentor', user_ids: [leo] });
		expect(role.status).toBe(201);
		expect(role.json).toMatchObject({ name: 'Mentor', user_ids: [leo] });
		expect(sandbox.store.users.get(leo)?.roles).toEqual(['Developer', 'Mentor']);

		const replaced = await client.patch(`/v2/roles/${role.json.id}`, { user_ids: [ana, 999] });
		expect(replaced.json.user_ids).toEqual([ana]); // unknown ids dropped, as in the docs' example
		expect(sandbox.store.users.get(leo)?.roles).toEqual(['Developer']);
		expect(sandbox.store.users.get(ana)?.roles).toEqual(['Designer', 'Mentor']);

		await client.patch(`/v2/roles/${role.json.id}`, { name: 'Coach' });
		expect(sandbox.store.users.get(ana)?.roles).toEqual(['Designer', 'Coach']);
		expect((await client.post('/v2/roles', { name: 'coach' })).json.message).toBe(
			'Name has already been taken',
		);

		expect((await client.del(`/v2/roles/${role.json.id}`)).status).toBe(200);
		expect(sandbox.store.users.get(ana)?.roles).toEqual(['Designer']);
		expect((await client.get(`/v2/roles/${role.json.id}`)).status).toBe(404);
	});

	it('setting user.roles through the user endpoint updates (and creates) roles', async () => {
		const client = api(sandbox);
		const leo = idOf('leo.fischer@example.com');
		await client.patch(`/v2/users/${leo}`, { roles: ['Designer', 'Speaker'] });
		const roles: Json[] = (await client.get('/v2/roles')).json.roles;
		expect(roles.find((r) => r.name === 'Speaker')?.user_ids).toEqual([leo]);
		expect(roles.find((r) => r.name === 'Developer')?.user_ids).not.toContain(leo);
		expect(roles.find((r) => r.name === 'Designer')?.user_ids).toContain(leo);
		expect((await client.post('/v2/roles', {})).json.message).toBe("Name can't be blank");
	});
});

describe('user and task assignments', () => {
	it('creates with defaults, refuses a duplicate, updates and deletes', async () => {
		const client = api(sandbox);
		const mobile = projectId('Mobile App');
		const grace = idOf('grace.okafor@example.com');
		const created = await client.post(`/v2/projects/${mobile}/user_assignments`, {
			user_id: grace,
		});
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({
			is_active: true,
			is_project_manager: false,
			use_default_rates: true,
			// harvest-observed-2.md §3.3: with default rates, the user's default (Grace: 85); H9's null was a user without one
			hourly_rate: 85,
			budget: null,
			project: { id: mobile, name: 'Mobile App', code: 'MA' },
			user: { id: grace, name: 'Grace Okafor' },
		});
		const dup = await client.post(`/v2/projects/${mobile}/user_assignments`, { user_id: grace });
		expect(dup).toMatchObject({ status: 422, json: { message: 'User has already been taken' } });
		const path = `/v2/projects/${mobile}/user_assignments/${created.json.id}`;
		expect((await client.patch(path, { is_active: false, budget: 40 })).json).toMatchObject({
			is_active: false,
			budget: 40,
		});
		expect((await client.get(path)).json.budget).toBe(40);
		expect(
			(
				await client.get(
					`/v2/projects/${projectId('Marketing Website')}/user_assignments/${created.json.id}`,
				)
			).status,
		).toBe(404);
		expect(created.headers.get('location')).toBe(
			`${sandbox.url}/api/v2/projects/${mobile}/user_assignments/${created.json.id}`,
		);
		// harvest-observed.md §2: DELETE answers 200 with the deleted record.
		expect(await client.del(path)).toMatchObject({
			status: 200,
			json: { id: created.json.id, user: { id: grace } },
		});
		expect((await client.get(path)).status).toBe(404);
		expect((await client.post(`/v2/projects/${mobile}/user_assignments`, {})).json.message).toBe(
			"User can't be blank",
		);
	});

	it('refuses to delete assignments with time entries (422 + Hint)', async () => {
		const client = api(sandbox);
		const blockedUa = sandbox.store.userAssignments.withTimeEntriesIds()[0];
		const ua = sandbox.store.userAssignments.get(blockedUa);
		const res = await client.del(`/v2/projects/${ua?.project_id}/user_assignments/${blockedUa}`);
		expect(res).toMatchObject({ status: 422, json: { message: USER_ASSIGNMENT_NOT_REMOVABLE } });
		expect(res.headers.get('hint')).toBe(USER_ASSIGNMENT_NOT_REMOVABLE);
		const blockedTa = sandbox.store.taskAssignments.withTimeEntriesIds()[0];
		const ta = sandbox.store.taskAssignments.get(blockedTa);
		const res2 = await client.del(`/v2/projects/${ta?.project_id}/task_assignments/${blockedTa}`);
		expect(res2).toMatchObject({ status: 422, json: { message: TASK_ASSIGNMENT_NOT_REMOVABLE } });
	});

	it('task assignments: billable follows the task, hourly_rate defaults to null (harvest-observed.md §2, H10)', async () => {
		const client = api(sandbox);
		const research = sandbox.store.tasks.newest().find((t) => t.name === 'Research')?.id;
		const mobile = await client.post(`/v2/projects/${projectId('Mobile App')}/task_assignments`, {
			task_id: research,
		});
		expect(mobile.json).toMatchObject({
			billable: false,
			is_active: true,
			hourly_rate: null,
			task: { id: research, name: 'Research' },
		});
		const website = await client.post(
			`/v2/projects/${projectId('Marketing Website')}/task_assignments`,
			{ task_id: research, billable: true },
		);
		expect(website.json).toMatchObject({ billable: true, hourly_rate: null });
		const inherited = sandbox.store.tasks.newest().find((t) => t.name === 'Project Management')?.id;
		const mobilePm = await client.post(`/v2/projects/${projectId('Mobile App')}/task_assignments`, {
			task_id: inherited,
		});
		expect(mobilePm.json).toMatchObject({ billable: true, hourly_rate: null, budget: null });
		const dup = await client.post(
			`/v2/projects/${projectId('Marketing Website')}/task_assignments`,
			{ task_id: research },
		);
		expect(dup.json.message).toBe('Task has already been taken');
		const list = await client.get(
			`/v2/projects/${projectId('Marketing Website')}/task_assignments?is_active=true`,
		);
		expect(list.json.task_assignments.map((t: Json) => t.id)).toContain(website.json.id);
	});

	it('GET /v2/users/{id}/project_assignments lists active assignments only, with updated_since', async () => {
		const client = api(sandbox);
		const ana = idOf('ana.souza@example.com');
		const all = (await client.get(`/v2/users/${ana}/project_assignments`)).json.project_assignments;
		expect(all).toHaveLength(2);
		await client.patch(`/v2/projects/${all[0].project.id}/user_assignments/${all[0].id}`, {
			is_active: false,
		});
		expect(
			(await client.get(`/v2/users/${ana}/project_assignments`)).json.project_assignments,
		).toHaveLength(1);
		const future = new Date(Date.now() + 60_000).toISOString();
		expect(
			(await client.get(`/v2/users/${ana}/project_assignments?updated_since=${future}`)).json
				.total_entries,
		).toBe(0);
	});
});

describe('projects, tasks, company', () => {
	it('filters projects by is_active and client_id and returns one project', async () => {
		const client = api(sandbox);
		const active = (await client.get('/v2/projects?is_active=true')).json.projects;
		expect(active.map((p: Json) => p.name)).not.toContain('Legacy Portal');
		const clientId = active[0].client.id;
		const byClient = (await client.get(`/v2/projects?client_id=${clientId}`)).json.projects;
		expect(byClient.every((p: Json) => p.client.id === clientId)).toBe(true);
		const one = await client.get(`/v2/projects/${active[0].id}`);
		expect(one.json).toMatchObject({
			id: active[0].id,
			client: { name: expect.any(String), currency: expect.any(String) },
		});
		expect(
			(await client.get('/v2/tasks?is_active=false')).json.tasks.map((t: Json) => t.name),
		).toEqual(['Travel']);
		const company = (await api(sandbox, 'member').get('/v2/company')).json;
		expect(company).toMatchObject({ weekly_capacity: 126000, name: 'Sandbox Co' });
		expect(company.timezone).toBeUndefined();
	});
});
