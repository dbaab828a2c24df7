/**
 * Project assignments (a user's view), project user assignments and task assignments through
 * n8n's runtime against the sandbox: lists over all projects or one (filters reaching Harvest as
 * query parameters), get/create/update/delete, delete blocked by time entries (archive instead),
 * checks made before sending, permissions and Continue On Fail.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	patCredential,
	runNode,
	transportSettings,
	useSandbox,
	type TokenKind,
} from '../harness/index.cjs';
import { byEmail, byId } from './people.cjs';

describe('assignments', () => {
	const sandbox = useSandbox();
	const store = () => sandbox().store;
	const run = (
		parameters: INodeParameters,
		who: TokenKind = 'admin',
		extra: { input?: IDataObject[]; continueOnFail?: boolean } = {},
	) => runNode({ parameters, credentials: patCredential(sandbox(), who), ...extra });
	const project = (code: string) =>
		store()
			.projects.values()
			.find((p) => p.code === code)!;
	const task = (name: string) =>
		store()
			.tasks.values()
			.find((t) => t.name === name)!;
	const userByEmail = (email: string) => store().users.findByEmail(email)!;
	const userAssignment = (code: string, email: string) =>
		store()
			.userAssignments.list()
			.find((a) => a.project_id === project(code).id && a.user_id === userByEmail(email).id)!;
	const taskAssignment = (code: string, name: string) =>
		store()
			.taskAssignments.list()
			.find((t) => t.project_id === project(code).id && t.task_id === task(name).id)!;
	/** get / update / delete of one assignment, picked by project and ID. */
	const onAssignment = (
		resource: 'userAssignment' | 'taskAssignment',
		operation: string,
		a: { id: number; project_id: number },
		extra: INodeParameters = {},
	) =>
		run({ resource, operation, projectId: byId(a.project_id), [`${resource}Id`]: a.id, ...extra });
	const requests = () => sandbox().log.map((r) => [r.method, r.path, r.query, r.body]);

	describe('projectAssignment → getAll', () => {
		it('lists the authenticated user’s active assignments (works for a member token)', async () => {
			const leo = sandbox().tokens.member.userId;
			const { status, json } = await run(
				{ resource: 'projectAssignment', operation: 'getAll', of: 'me', returnAll: true },
				'member',
			);
			expect(status).toBe('success');
			expect(json.map((a) => (a.project as IDataObject).code).sort()).toEqual(['MW', 'OS1']);
			expect(json[0]).toEqual(
				expect.objectContaining({
					client: expect.any(Object),
					task_assignments: expect.any(Array),
				}),
			);
			expect(json.every((a) => a.is_active === true)).toBe(true);
			expect(requests()).toEqual([
				['GET', '/v2/users/me/project_assignments', { per_page: '2000' }, undefined],
			]);
			expect(
				store()
					.userAssignments.list()
					.filter((a) => a.user_id === leo && a.is_active),
			).toHaveLength(2);
		});

		it('follows the links of /me, which point at /v2/users/{id}/project_assignments', async () => {
			const leo = sandbox().tokens.member.userId;
			transportSettings().configureTransport({ pageSize: 1 });
			try {
				const { json } = await run(
					{ resource: 'projectAssignment', operation: 'getAll', of: 'me', returnAll: true },
					'member',
				);
				expect(json).toHaveLength(2);
			} finally {
				transportSettings().configureTransport({ pageSize: 2000 });
			}
			expect(sandbox().log.map((r) => r.path)).toEqual([
				'/v2/users/me/project_assignments',
				`/v2/users/${leo}/project_assignments`,
			]);
		});

		it('lists a chosen user’s assignments changed since a date', async () => {
			const ana = userByEmail('ana.souza@example.com');
			store().userAssignments.update(userAssignment('MW', ana.email), { budget: 12 });
			const since = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
			const { json } = await run({
				resource: 'projectAssignment',
				operation: 'getAll',
				of: 'user',
				userId: byEmail(ana.email),
				returnAll: true,
				filters: { updated_since: since },
			});
			expect(json.map((a) => a.id)).toEqual([userAssignment('MW', ana.email).id]);
			expect(sandbox().log.at(-1)).toEqual(
				expect.objectContaining({
					path: `/v2/users/${ana.id}/project_assignments`,
					query: { updated_since: since, per_page: '2000' },
				}),
			);
		});

		it('a member gets 403 for someone else’s assignments', async () => {
			const sam = sandbox().tokens.admin.userId;
			const { error } = await run(
				{
					resource: 'projectAssignment',
					operation: 'getAll',
					of: 'user',
					userId: byId(sam),
					returnAll: true,
				},
				'member',
			);
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
			expect(sandbox().log.map((r) => r.status)).toEqual([403]);
		});
	});

	describe('userAssignment', () => {
		it('lists the assignments of all projects', async () => {
			const { json } = await run({
				resource: 'userAssignment',
				operation: 'getAll',
				scope: 'all',
				returnAll: true,
			});
			expect(json.map((a) => a.id)).toEqual(
				store()
					.userAssignments.list()
					.map((a) => a.id),
			);
			expect(json[0]).toEqual(
				expect.objectContaining({
					user: expect.objectContaining({ name: expect.any(String) }),
					project: expect.any(Object),
				}),
			);
			expect(requests()).toEqual([
				['GET', '/v2/user_assignments', { per_page: '2000' }, undefined],
			]);
		});

		it('sends the user, active and updated-since filters as query parameters', async () => {
			const ana = userByEmail('ana.souza@example.com');
			const mobile = userAssignment('MA', ana.email);
			store().userAssignments.update(mobile, { is_active: false });
			const { json } = await run({
				resource: 'userAssignment',
				operation: 'getAll',
				scope: 'all',
				returnAll: true,
				filters: { user_id: ana.id, is_active: 'false', updated_since: '2020-01-01T00:00:00Z' },
			});
			expect(json.map((a) => a.id)).toEqual([mobile.id]);
			expect(sandbox().log[0].query).toEqual({
				user_id: String(ana.id),
				is_active: 'false',
				updated_since: '2020-01-01T00:00:00Z',
				per_page: '2000',
			});
		});

		it('lists one project’s assignments, up to the limit', async () => {
			const website = project('MW');
			const { json } = await run({
				resource: 'userAssignment',
				operation: 'getAll',
				scope: 'project',
				projectId: byId(website.id),
				limit: 2,
			});
			expect(json).toHaveLength(2);
			expect(json.every((a) => (a.project as IDataObject).id === website.id)).toBe(true);
			expect(requests()).toEqual([
				['GET', `/v2/projects/${website.id}/user_assignments`, { per_page: '2' }, undefined],
			]);
		});

		it('gets one assignment of a project', async () => {
			const a = userAssignment('OS1', 'leo.fischer@example.com');
			const { json } = await onAssignment('userAssignment', 'get', a);
			expect(json).toEqual([
				expect.objectContaining({
					id: a.id,
					hourly_rate: 105,
					budget: 120,
					use_default_rates: false,
				}),
			]);
			expect(requests()).toEqual([
				['GET', `/v2/projects/${a.project_id}/user_assignments/${a.id}`, {}, undefined],
			]);
		});

		it('assigns a user found by email, with the fields set', async () => {
			const grace = userByEmail('grace.okafor@example.com');
			const mobile = project('MA');
			const { status, json } = await run({
				resource: 'userAssignment',
				operation: 'create',
				projectId: byId(mobile.id),
				userId: byEmail('GRACE.okafor@example.com'),
				additionalFields: {
					isProjectManager: true,
					useDefaultRates: false,
					hourlyRate: 95.5,
					budget: 40,
					isActive: true,
				},
			});
			expect(status).toBe('success');
			expect(json[0]).toEqual(
				expect.objectContaining({
					user: { id: grace.id, name: 'Grace Okafor' },
					is_project_manager: true,
					hourly_rate: 95.5,
					budget: 40,
				}),
			);
			const post = sandbox().log.at(-1)!;
			expect([post.method, post.path, post.body, post.status]).toEqual([
				'POST',
				`/v2/projects/${mobile.id}/user_assignments`,
				{
					user_id: grace.id,
					is_active: true,
					budget: 40,
					hourly_rate: 95.5,
					is_project_manager: true,
					use_default_rates: false,
				},
				201,
			]);
			expect(store().userAssignments.get(json[0].id as number)).toEqual(
				expect.objectContaining({ user_id: grace.id, project_id: mobile.id }),
			);
		});

		it('refuses a negative hourly rate from an expression before sending', async () => {
			const { error } = await run({
				resource: 'userAssignment',
				operation: 'create',
				projectId: byId(project('MA').id),
				userId: byId(sandbox().tokens.member.userId),
				additionalFields: { hourlyRate: '={{ -1 }}' },
			});
			expect(error?.message).toMatch(/Hourly Rate must be a number of 0 or more, got -1/);
			expect(sandbox().log).toHaveLength(0);
		});

		it('updates only the fields given', async () => {
			const a = userAssignment('MW', 'ana.souza@example.com');
			const { json } = await onAssignment('userAssignment', 'update', a, {
				updateFields: { isProjectManager: true, budget: 0 },
			});
			expect(json[0]).toEqual(
				expect.objectContaining({ id: a.id, is_project_manager: true, budget: 0, is_active: true }),
			);
			expect(requests()).toEqual([
				[
					'PATCH',
					`/v2/projects/${a.project_id}/user_assignments/${a.id}`,
					{},
					{ budget: 0, is_project_manager: true },
				],
			]);
		});

		it('refuses an update with nothing to change', async () => {
			const a = userAssignment('MW', 'ana.souza@example.com');
			const { error } = await onAssignment('userAssignment', 'update', a, { updateFields: {} });
			expect(error?.message).toMatch(/Nothing to update/);
			expect(sandbox().log).toHaveLength(0);
		});

		it('deletes an assignment without time entries', async () => {
			const a = userAssignment('MW', 'ana.souza@example.com');
			const { json } = await onAssignment('userAssignment', 'delete', a);
			expect(json).toEqual([{ deleted: true, id: a.id }]);
			expect(requests()).toEqual([
				['DELETE', `/v2/projects/${a.project_id}/user_assignments/${a.id}`, {}, undefined],
			]);
			expect(store().userAssignments.get(a.id)).toBeUndefined();
		});

		it('a blocked delete says why and how to archive instead, and changes nothing', async () => {
			const a = userAssignment('OS1', 'leo.fischer@example.com');
			const { error } = await onAssignment('userAssignment', 'delete', a);
			expect(error?.message).toBe(
				'This user assignment is not removable. It still has time entries and/or expenses. [HTTP 422]',
			);
			expect(error?.description).toMatch(
				/^Item 0 \(User Assignment → Delete\)\. .*Archive Instead If Not Deletable/,
			);
			expect(sandbox().log.map((r) => [r.method, r.status])).toEqual([['DELETE', 422]]);
			expect(store().userAssignments.get(a.id)?.is_active).toBe(true);
		});

		it('archives instead when asked, and reports which happened', async () => {
			const blocked = userAssignment('OS1', 'leo.fischer@example.com');
			const free = userAssignment('MW', 'ana.souza@example.com');
			const { json, items } = await run(
				{
					resource: 'userAssignment',
					operation: 'delete',
					projectId: byId('={{ $json.project }}'),
					userAssignmentId: '={{ $json.id }}',
					options: { archiveIfNotDeletable: true },
				},
				'admin',
				{
					input: [
						{ project: blocked.project_id, id: blocked.id },
						{ project: free.project_id, id: free.id },
					],
				},
			);
			expect(json[0]).toEqual(
				expect.objectContaining({
					deleted: false,
					archived: true,
					id: blocked.id,
					is_active: false,
					reason:
						'This user assignment is not removable. It still has time entries and/or expenses.',
				}),
			);
			expect(json[1]).toEqual({ deleted: true, id: free.id });
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			// The two items run in parallel (different projects): each item's own requests are in order.
			const logged = sandbox().log.map((r) => [r.method, r.path, r.body, r.status]);
			const blockedPath = `/v2/projects/${blocked.project_id}/user_assignments/${blocked.id}`;
			const freePath = `/v2/projects/${free.project_id}/user_assignments/${free.id}`;
			expect(logged.filter((r) => r[1] === blockedPath)).toEqual([
				['DELETE', blockedPath, undefined, 422],
				['PATCH', blockedPath, { is_active: false }, 200],
			]);
			expect(logged.filter((r) => r[1] === freePath)).toEqual([
				['DELETE', freePath, undefined, 200],
			]);
			expect(logged).toHaveLength(3);
			expect(store().userAssignments.get(blocked.id)?.is_active).toBe(false);
			expect(store().userAssignments.get(free.id)).toBeUndefined();
		});

		it('a member token gets Harvest’s 403', async () => {
			const { error } = await run(
				{ resource: 'userAssignment', operation: 'getAll', scope: 'all', returnAll: true },
				'member',
			);
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
			expect(error?.description).toMatch(/^Item 0 \(User Assignment → Get Many\)/);
		});

		it('with Continue On Fail, bad items become { error } in place, paired with their input', async () => {
			const a = userAssignment('MW', 'ana.souza@example.com');
			const { status, items } = await run(
				{
					resource: 'userAssignment',
					operation: 'get',
					projectId: byId('={{ $json.project }}'),
					userAssignmentId: '={{ $json.id }}',
				},
				'admin',
				{
					input: [
						{ project: a.project_id, id: a.id },
						{ project: a.project_id, id: 999 },
						{ project: 'abc', id: a.id },
						{ project: a.project_id, id: a.id },
					],
					continueOnFail: true,
				},
			);
			expect(status).toBe('success');
			expect(items.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			expect(items[0].json.id).toBe(a.id);
			expect(items[1].json).toEqual(
				expect.objectContaining({
					error: `No Harvest user assignment with ID 999 of project ${a.project_id} [HTTP 404]`,
					itemIndex: 1,
				}),
			);
			expect(items[2].json).toEqual(
				expect.objectContaining({
					error: expect.stringMatching(/Project ID must be a positive whole number/),
					itemIndex: 2,
				}),
			);
			expect(items[3].json.id).toBe(a.id);
			expect(sandbox().log.map((r) => r.status)).toEqual([200, 404, 200]);
		});
	});

	describe('taskAssignment', () => {
		it('lists the task assignments of all projects, filtered by active', async () => {
			const travelless = taskAssignment('MA', 'Graphic Design');
			store().taskAssignments.update(travelless, { is_active: false });
			const { json } = await run({
				resource: 'taskAssignment',
				operation: 'getAll',
				scope: 'all',
				returnAll: true,
				filters: { is_active: 'true' },
			});
			expect(json.map((t) => t.id)).toEqual(
				store()
					.taskAssignments.list()
					.filter((t) => t.is_active)
					.map((t) => t.id),
			);
			expect(json.map((t) => t.id)).not.toContain(travelless.id);
			expect(requests()).toEqual([
				['GET', '/v2/task_assignments', { is_active: 'true', per_page: '2000' }, undefined],
			]);
		});

		it('lists one project’s task assignments', async () => {
			const store1 = project('OS1');
			const { json } = await run({
				resource: 'taskAssignment',
				operation: 'getAll',
				scope: 'project',
				projectId: byId(store1.id),
				returnAll: true,
			});
			expect(json.map((t) => (t.task as IDataObject).name).sort()).toEqual([
				'Programming',
				'Project Management',
				'Research',
			]);
			expect(sandbox().log[0].path).toBe(`/v2/projects/${store1.id}/task_assignments`);
		});

		it('gets one task assignment', async () => {
			const t = taskAssignment('MW', 'Programming');
			const { json } = await onAssignment('taskAssignment', 'get', t);
			expect(json).toEqual([
				expect.objectContaining({ id: t.id, task: { id: t.task_id, name: 'Programming' } }),
			]);
			expect(requests()).toEqual([
				['GET', `/v2/projects/${t.project_id}/task_assignments/${t.id}`, {}, undefined],
			]);
		});

		it('adds a task to a project', async () => {
			const website = project('MW');
			const research = task('Research');
			const { json } = await run({
				resource: 'taskAssignment',
				operation: 'create',
				projectId: byId(website.id),
				taskId: research.id,
				additionalFields: { billable: true, hourlyRate: 80, budget: 10 },
			});
			expect(json[0]).toEqual(
				expect.objectContaining({
					billable: true,
					hourly_rate: 80,
					budget: 10,
					task: { id: research.id, name: 'Research' },
				}),
			);
			expect(requests()).toEqual([
				[
					'POST',
					`/v2/projects/${website.id}/task_assignments`,
					{},
					{ task_id: research.id, billable: true, budget: 10, hourly_rate: 80 },
				],
			]);
			expect(store().taskAssignments.get(json[0].id as number)?.project_id).toBe(website.id);
		});

		it('surfaces Harvest’s 422 when the task is already on the project', async () => {
			const t = taskAssignment('MW', 'Programming');
			const { error } = await run({
				resource: 'taskAssignment',
				operation: 'create',
				projectId: byId(t.project_id),
				taskId: t.task_id,
			});
			expect(error?.message).toBe('Task has already been taken [HTTP 422]');
			expect(sandbox().log.map((r) => r.status)).toEqual([422]);
		});

		it('updates a task assignment', async () => {
			const t = taskAssignment('MA', 'Programming');
			const { json } = await onAssignment('taskAssignment', 'update', t, {
				updateFields: { billable: false, isActive: false },
			});
			expect(json[0]).toEqual(
				expect.objectContaining({ id: t.id, billable: false, is_active: false }),
			);
			expect(sandbox().log[0].body).toEqual({ is_active: false, billable: false });
			expect(store().taskAssignments.get(t.id)).toEqual(
				expect.objectContaining({ billable: false, is_active: false }),
			);
		});

		it('deletes a task assignment', async () => {
			const t = taskAssignment('MA', 'Programming');
			const { json } = await onAssignment('taskAssignment', 'delete', t);
			expect(json).toEqual([{ deleted: true, id: t.id }]);
			expect(store().taskAssignments.get(t.id)).toBeUndefined();
		});

		it('a blocked delete says to archive with Update instead', async () => {
			const t = taskAssignment('OS1', 'Programming');
			const { error } = await onAssignment('taskAssignment', 'delete', t);
			expect(error?.message).toBe(
				'This task assignment is not removable. It still has time entries. [HTTP 422]',
			);
			expect(error?.description).toMatch(/use Update with Active off/);
			expect(sandbox().log.map((r) => [r.method, r.status])).toEqual([['DELETE', 422]]);
			expect(store().taskAssignments.get(t.id)).toBeDefined();
		});

		it('a member token gets Harvest’s 403', async () => {
			const { error } = await run(
				{ resource: 'taskAssignment', operation: 'getAll', scope: 'all', returnAll: true },
				'member',
			);
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
		});
	});
});
