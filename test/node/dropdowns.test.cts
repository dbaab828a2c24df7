/**
 * The dropdowns and searchable lists a person picks from in the editor, run through n8n's
 * LoadOptionsContext against the sandbox: nobody should have to look up an ID by hand.
 */
import { patCredential, runListSearch, runLoadOptions, useSandbox } from '../harness/index.cjs';
import { byId, idOf } from './people.cjs';

describe('dropdowns and searchable lists', () => {
	const sandbox = useSandbox();
	const creds = () => patCredential(sandbox());
	const project = () =>
		sandbox()
			.store.projects.newest()
			.find((p) => p.is_active)!;

	it('searches users as "First Last <email>" and filters by what is typed', async () => {
		const all = await runListSearch('searchUsers', {}, creds());
		expect(all.results.length).toBe(sandbox().store.users.list().length);
		expect(all.results).toContainEqual({
			name: 'Leo Fischer <leo.fischer@example.com>',
			value: idOf(sandbox(), 'Leo'),
		});
		const found = await runListSearch('searchUsers', {}, creds(), 'fisch');
		expect(found.results.map((r) => r.value)).toEqual([idOf(sandbox(), 'Leo')]);
		expect(found.results.find((r) => /\(archived\)/.test(r.name))).toBeUndefined();
		const archived = await runListSearch('searchUsers', {}, creds(), 'olivia');
		expect(archived.results[0].name).toMatch(
			/Olivia Brown <olivia.brown@example.com> \(archived\)/,
		);
	});

	it('pages through long user lists with the cursor as pagination token', async () => {
		sandbox().reset({ users: 2500 });
		const first = await runListSearch('searchUsers', {}, creds());
		expect(first.results).toHaveLength(2000);
		expect(first.paginationToken).toMatch(/cursor=/);
		const second = await runListSearch(
			'searchUsers',
			{},
			creds(),
			undefined,
			first.paginationToken as string,
		);
		expect(first.results.length + second.results.length).toBe(sandbox().store.users.list().length);
		expect(second.paginationToken).toBeUndefined();
	});

	it('searches projects as "Client – Project [code]"', async () => {
		const { results } = await runListSearch('searchProjects', {}, creds());
		const p = project();
		expect(results).toContainEqual({
			name: expect.stringContaining(`– ${p.name}`),
			value: p.id,
			url: `https://sandbox-co.harvestapp.com/projects/${p.id}`,
		});
		expect(results.every((r) => / – /.test(r.name))).toBe(true);
	});

	it('offers active users and role names', async () => {
		const users = await runLoadOptions('getUsers', {}, creds());
		expect(users).toContainEqual(
			expect.objectContaining({
				name: 'Leo Fischer <leo.fischer@example.com>',
				value: idOf(sandbox(), 'Leo'),
			}),
		);
		expect(users.find((u) => String(u.name).startsWith('Olivia'))).toBeUndefined();
		const roleNames = await runLoadOptions('getRoleNames', {}, creds());
		expect(roleNames.map((r) => r.value).sort()).toEqual(
			sandbox()
				.store.roles.list()
				.map((r) => r.name)
				.sort(),
		);
	});

	it('searches tasks, and the assignments of the chosen project (by ID, from the list or by URL)', async () => {
		const tasks = await runListSearch('searchTasks', {}, creds());
		expect(tasks.results.length).toBe(
			sandbox()
				.store.tasks.newest()
				.filter((t) => t.is_active).length,
		);
		const p = project();
		const none = await runListSearch('searchUserAssignments', {}, creds());
		expect(none.results).toEqual([]);
		const people = await runListSearch(
			'searchUserAssignments',
			{ projectId: { __rl: true, mode: 'id', value: String(p.id) } },
			creds(),
		);
		expect(people.results.length).toBeGreaterThan(0);
		expect(sandbox().log.at(-1)!.path).toBe(`/v2/projects/${p.id}/user_assignments`);
		const taskAssignments = await runListSearch(
			'searchTaskAssignments',
			{ projectId: { __rl: true, mode: 'list', value: p.id } },
			creds(),
		);
		expect(taskAssignments.results.length).toBeGreaterThan(0);
		const url = {
			__rl: true,
			mode: 'url',
			value: `https://sandbox-co.harvestapp.com/projects/${p.id}`,
		};
		expect(
			(await runListSearch('searchTaskAssignments', { projectId: url }, creds())).results,
		).toEqual(taskAssignments.results);
	});

	it('offers the chosen user’s rate history', async () => {
		const leo = idOf(sandbox(), 'Leo');
		const billable = await runLoadOptions('getBillableRates', { userId: byId(leo) }, creds());
		const cost = await runLoadOptions('getCostRates', { userId: byId(leo) }, creds());
		expect(billable.length).toBe(sandbox().store.billableRates.list(leo).length);
		expect(cost.length).toBe(sandbox().store.costRates.list(leo).length);
		expect(billable.some((r) => /\(current\)/.test(String(r.name)))).toBe(true);
	});
});
