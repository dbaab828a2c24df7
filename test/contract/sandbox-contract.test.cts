/**
 * Drives every sandbox endpoint with plain fetch and checks both directions against Harvest's
 * OpenAPI description: what we send must be a valid request, and every 2xx (and JSON error)
 * answer must match the response schema.
 */
import { startSandbox } from '../../sandbox/src/index.cjs';
import { api, Json, Res } from '../../sandbox/src/testkit.cjs';
import type { Sandbox } from '../../sandbox/src/types.cjs';
import { validateRequest, validateResponse } from './openapi.cjs';

let sandbox: Sandbox;
const violations: string[] = [];
const seen = new Set<string>();

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false, seed: { users: 7 } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	violations.length = 0;
});
afterEach(() => {
	expect(violations).toEqual([]);
});

/** fetch through the sandbox test client, validating the request and the response. */
async function call(
	method: string,
	path: string,
	body?: unknown,
	role: 'admin' | 'manager' | 'member' = 'admin',
): Promise<Res> {
	const label = `${method} ${path.replace(sandbox.url, '')}`;
	for (const v of validateRequest({ method, path, body }, { strictBody: true }))
		violations.push(`${label}: ${v}`);
	const res = await api(sandbox, role).call(method, path, body);
	const responseBody = res.json ?? res.text;
	for (const v of validateResponse({ method, path, status: res.status, body: responseBody }))
		violations.push(`${label} -> ${res.status}: ${v}`);
	seen.add(`${method} ${templateOf(path)}`);
	return res;
}
const get = (path: string, role?: 'admin' | 'manager' | 'member') =>
	call('GET', path, undefined, role);
const post = (path: string, body: unknown) => call('POST', path, body);
const patch = (path: string, body: unknown) => call('PATCH', path, body);
const del = (path: string) => call('DELETE', path);

function templateOf(path: string): string {
	return path.replace(sandbox.url, '').split('?')[0].replace(/\/\d+/g, '/{id}');
}

function expectStatus(res: Res, status: number): void {
	if (res.status !== status)
		throw new Error(`expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
}

describe('users', () => {
	it('list (all cursor pages), me, get, create, update, archive, delete', async () => {
		let url: string | null = '/v2/users?per_page=4&is_active=true';
		let pages = 0;
		while (url) {
			const res = await get(url);
			expectStatus(res, 200);
			url = res.json.links.next;
			pages++;
		}
		expect(pages).toBe(4);
		await get(`/v2/users?updated_since=${encodeURIComponent('2020-01-01T00:00:00Z')}`);
		expectStatus(await get('/v2/users/me'), 200);
		expectStatus(await get(`/v2/users/${sandbox.tokens.member.userId}`), 200);
		const created = await post('/v2/users', {
			first_name: 'Contract',
			last_name: 'Check',
			email: 'contract.check@example.com',
			timezone: 'London',
			is_contractor: true,
			weekly_capacity: 108000,
			default_hourly_rate: 90,
			cost_rate: 45,
			roles: ['Developer'],
			access_roles: ['manager', 'project_creator'],
		});
		expectStatus(created, 201);
		const id = created.json.id;
		expectStatus(
			await patch(`/v2/users/${id}`, {
				last_name: 'Checked',
				has_access_to_all_future_projects: true,
			}),
			200,
		);
		expectStatus(await patch(`/v2/users/${id}`, { is_active: false }), 200);
		expectStatus(await patch(`/v2/users/${id}`, { is_active: true }), 200);
		expectStatus(await del(`/v2/users/${id}`), 200);
	});

	it('teammates: list and replace', async () => {
		const manager = sandbox.tokens.manager.userId;
		expectStatus(await get(`/v2/users/${manager}/teammates?per_page=2`), 200);
		const res = await patch(`/v2/users/${manager}/teammates`, {
			teammate_ids: [sandbox.tokens.member.userId],
		});
		expectStatus(res, 200);
		expect(res.json.teammates).toHaveLength(1);
	});

	it('billable and cost rates: list, get, create', async () => {
		const user = sandbox.tokens.member.userId;
		for (const kind of ['billable_rates', 'cost_rates']) {
			const created = await post(`/v2/users/${user}/${kind}`, {
				amount: 101.5,
				start_date: new Date().toISOString().slice(0, 10),
			});
			expectStatus(created, 201);
			expectStatus(await get(`/v2/users/${user}/${kind}?per_page=1`), 200);
			expectStatus(await get(`/v2/users/${user}/${kind}/${created.json.id}`), 200);
		}
	});

	it('project assignments: mine (page numbers) and a user’s (cursor)', async () => {
		const res = await get('/v2/users/me/project_assignments?per_page=1', 'member');
		expectStatus(res, 200);
		expectStatus(await get(res.json.links.next, 'member'), 200);
		const { userId } = sandbox.tokens.member;
		const first = await get(`/v2/users/${userId}/project_assignments?per_page=1`);
		expectStatus(first, 200);
		expectStatus(await get(first.json.links.next), 200);
	});
});

describe('assignments', () => {
	const projectNamed = (name: string) =>
		sandbox.store.projects.newest().find((p) => p.name === name)?.id as number;

	it('user assignments: list all, list per project, create, get, update, delete', async () => {
		expectStatus(
			await get(
				`/v2/user_assignments?user_id=${sandbox.tokens.member.userId}&is_active=true&per_page=1`,
			),
			200,
		);
		const project = projectNamed('Mobile App');
		expectStatus(
			await get(`/v2/projects/${project}/user_assignments?is_active=true&page=1&per_page=1`),
			200,
		);
		const created = await post(`/v2/projects/${project}/user_assignments`, {
			user_id: sandbox.tokens.admin.userId,
			is_project_manager: true,
			use_default_rates: false,
			hourly_rate: 120,
			budget: 10,
		});
		expectStatus(created, 201);
		const path = `/v2/projects/${project}/user_assignments/${created.json.id}`;
		expectStatus(await get(path), 200);
		expectStatus(await patch(path, { is_active: false, budget: 12.5 }), 200);
		expectStatus(await del(path), 200);
	});

	it('task assignments: list all, list per project, create, get, update, delete', async () => {
		expectStatus(await get('/v2/task_assignments?is_active=true&per_page=2'), 200);
		const project = projectNamed('Mobile App');
		expectStatus(await get(`/v2/projects/${project}/task_assignments?page=1&per_page=1`), 200);
		const task = sandbox.store.tasks.newest().find((t) => t.name === 'Project Management')?.id;
		const created = await post(`/v2/projects/${project}/task_assignments`, {
			task_id: task,
			billable: true,
			hourly_rate: 80,
			budget: 5,
		});
		expectStatus(created, 201);
		const path = `/v2/projects/${project}/task_assignments/${created.json.id}`;
		expectStatus(await get(path), 200);
		expectStatus(await patch(path, { billable: false }), 200);
		expectStatus(await del(path), 200);
	});
});

describe('roles, projects, tasks, company', () => {
	it('roles: list, create, get, update, delete', async () => {
		expectStatus(await get('/v2/roles?per_page=2'), 200);
		const created = await post('/v2/roles', {
			name: 'Contract Role',
			user_ids: [sandbox.tokens.member.userId],
		});
		expectStatus(created, 201);
		const path = `/v2/roles/${created.json.id}`;
		expectStatus(await get(path), 200);
		expectStatus(await patch(path, { name: 'Contract Role 2', user_ids: [] }), 200);
		expectStatus(await del(path), 200);
	});

	it('projects, tasks and company', async () => {
		const projects = await get('/v2/projects?is_active=true&per_page=2');
		expectStatus(projects, 200);
		const first: Json = projects.json.projects[0];
		expectStatus(await get(`/v2/projects?client_id=${first.client.id}`), 200);
		expectStatus(await get(`/v2/projects/${first.id}`), 200);
		const tasks = await get('/v2/tasks?is_active=true&updated_since=2020-01-01T00:00:00Z');
		expectStatus(tasks, 200);
		expectStatus(await get(`/v2/tasks/${tasks.json.tasks[0].id}`), 200);
		expectStatus(await get('/v2/company'), 200);
	});
});

describe('error bodies', () => {
	it('404, 422 and 403 bodies are JSON the spec accepts', async () => {
		expectStatus(await get('/v2/users/1'), 404);
		expectStatus(
			await post('/v2/users', { first_name: 'No', last_name: 'Email', email: 'not-an-email' }),
			422,
		);
		expectStatus(await get('/v2/roles', 'member'), 403);
		// The request above is invalid by the spec's own schema (format: email), as it should be:
		const flagged = violations.filter((v) => v.includes('POST /v2/users:'));
		expect(flagged).toEqual([expect.stringContaining('must match format "email"')]);
		violations.length = 0;
	});
});

describe('the validators have teeth', () => {
	it('flag unknown paths, undeclared query parameters, bad bodies and bad responses', () => {
		expect(validateRequest({ method: 'GET', path: '/v2/people' })).toEqual([
			expect.stringContaining('matches no path'),
		]);
		expect(validateRequest({ method: 'PUT', path: '/v2/users/1' })).toEqual([
			expect.stringContaining('PUT /users/{userId} is not in the spec'),
		]);
		expect(validateRequest({ method: 'GET', path: '/v2/users?page_size=10' })).toEqual([
			expect.stringContaining('"page_size" is not declared'),
		]);
		expect(
			validateRequest({ method: 'GET', path: '/v2/users', query: { per_page: 'all' } }),
		).toEqual([expect.stringContaining('must be an integer')]);
		expect(
			validateRequest({
				method: 'POST',
				path: '/v2/users',
				body: { first_name: 'A', last_name: 'B' },
			}),
		).toEqual([expect.stringContaining("must have required property 'email'")]);
		expect(
			validateRequest({ method: 'PATCH', path: '/v2/users/1', body: { weekly_capacity: '35h' } }),
		).toEqual([expect.stringContaining('/weekly_capacity must be integer')]);
		expect(
			validateResponse({ method: 'GET', path: '/v2/users/me', status: 200, body: { id: 'x' } }),
		).toEqual([expect.stringContaining('/id must be integer')]);
		expect(validateResponse({ method: 'POST', path: '/v2/users', status: 200, body: {} })).toEqual([
			expect.stringContaining('the spec declares 201'),
		]);
		expect(
			validateResponse({ method: 'GET', path: '/v2/users', status: 200, body: { users: [] } }),
		).not.toEqual([]);
		expect(validateRequest({ method: 'GET', path: '/api/v2/accounts' })).toEqual([]);
		// Correction 6: a DELETE's deleted record is held to GET's schema, and must be there.
		expect(
			validateResponse({ method: 'DELETE', path: '/v2/users/1', status: 200, body: { id: 'x' } }),
		).toEqual([expect.stringContaining('/id must be integer')]);
		expect(
			validateResponse({ method: 'DELETE', path: '/v2/users/1', status: 200, body: '' }),
		).toEqual([expect.stringContaining('has an empty body')]);
		expect(
			validateRequest({
				method: 'GET',
				path: '/v2/users?cursor=abc&per_page=2000&ref=next_cursor',
			}),
		).toEqual([]);
	});

	it('covered every sandbox operation on the way', () => {
		expect([...seen].sort()).toEqual(
			[
				'DELETE /v2/projects/{id}/task_assignments/{id}',
				'DELETE /v2/projects/{id}/user_assignments/{id}',
				'DELETE /v2/roles/{id}',
				'DELETE /v2/users/{id}',
				'GET /v2/company',
				'GET /v2/projects',
				'GET /v2/projects/{id}',
				'GET /v2/projects/{id}/task_assignments',
				'GET /v2/projects/{id}/task_assignments/{id}',
				'GET /v2/projects/{id}/user_assignments',
				'GET /v2/projects/{id}/user_assignments/{id}',
				'GET /v2/roles',
				'GET /v2/roles/{id}',
				'GET /v2/task_assignments',
				'GET /v2/tasks',
				'GET /v2/tasks/{id}',
				'GET /v2/user_assignments',
				'GET /v2/users',
				'GET /v2/users/me',
				'GET /v2/users/me/project_assignments',
				'GET /v2/users/{id}',
				'GET /v2/users/{id}/billable_rates',
				'GET /v2/users/{id}/billable_rates/{id}',
				'GET /v2/users/{id}/cost_rates',
				'GET /v2/users/{id}/cost_rates/{id}',
				'GET /v2/users/{id}/project_assignments',
				'GET /v2/users/{id}/teammates',
				'PATCH /v2/projects/{id}/task_assignments/{id}',
				'PATCH /v2/projects/{id}/user_assignments/{id}',
				'PATCH /v2/roles/{id}',
				'PATCH /v2/users/{id}',
				'PATCH /v2/users/{id}/teammates',
				'POST /v2/projects/{id}/task_assignments',
				'POST /v2/projects/{id}/user_assignments',
				'POST /v2/roles',
				'POST /v2/users',
				'POST /v2/users/{id}/billable_rates',
				'POST /v2/users/{id}/cost_rates',
			].sort(),
		);
	});
});
