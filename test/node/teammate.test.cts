/**
 * Teammates of a manager through n8n's runtime against the sandbox. Harvest only replaces the
 * whole list, so Add and Remove must read it first and keep everyone they do not name.
 */
import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { byEmail, byId, calls, idOf, writes } from './people.cjs';

describe('teammate operations', () => {
	const sandbox = useSandbox();
	const admin = () => patCredential(sandbox(), 'admin');
	const team = (first: string) => sandbox().store.teammates.ids(idOf(sandbox(), first)).sort();
	const ids = (...firsts: string[]) => firsts.map((f) => idOf(sandbox(), f));

	it('gets many: one item per teammate, Limit sent as per_page', async () => {
		const maya = idOf(sandbox(), 'Maya');
		const all = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'getAll',
				userId: byId(maya),
				returnAll: true,
			},
			credentials: admin(),
		});
		expect(all.json.map((t) => t.first_name).sort()).toEqual(['Ana', 'Kenji', 'Leo']);
		expect(Object.keys(all.json[0]).sort()).toEqual(['email', 'first_name', 'id', 'last_name']);
		sandbox().clearLog();
		const two = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'getAll',
				userId: byEmail('maya.patel@example.com'),
				limit: 2,
			},
			credentials: admin(),
		});
		expect(two.json).toHaveLength(2);
		// By email: the role check (an email lookup needs the whole user list), then the list.
		expect(calls(sandbox())).toEqual([
			'GET /v2/users/me',
			'GET /v2/users',
			`GET /v2/users/${maya}/teammates`,
		]);
		expect(sandbox().log[2].query).toEqual({ per_page: '2' });
	});

	it('add keeps the current teammates (read, then PATCH the whole list)', async () => {
		const maya = idOf(sandbox(), 'Maya');
		const [grace, sam] = ids('Grace', 'Sam');
		const { json } = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'add',
				userId: byId(maya),
				teammateIds: [grace, sam],
			},
			credentials: admin(),
		});
		expect(calls(sandbox())).toEqual([
			`GET /v2/users/${maya}/teammates`,
			`PATCH /v2/users/${maya}/teammates`,
		]);
		const sent = (writes(sandbox())[0].body as { teammate_ids: number[] }).teammate_ids;
		expect([...sent].sort()).toEqual(ids('Leo', 'Ana', 'Kenji', 'Grace', 'Sam').sort());
		expect(team('Maya')).toEqual([...sent].sort());
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ managerId: maya, added: [grace, sam], removed: [] });
		expect((json[0].teammate_ids as number[]).sort()).toEqual([...sent].sort());
		expect((json[0].teammates as Array<{ id: number }>).map((t) => t.id).sort()).toEqual(
			[...sent].sort(),
		);
	});

	it('add sends no PATCH when everyone is already a teammate', async () => {
		const maya = idOf(sandbox(), 'Maya');
		const { json } = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'add',
				userId: byId(maya),
				teammateIds: ids('Leo'),
			},
			credentials: admin(),
		});
		expect(calls(sandbox())).toEqual([`GET /v2/users/${maya}/teammates`]);
		expect(json[0]).toMatchObject({ added: [], removed: [] });
		expect((json[0].teammate_ids as number[]).sort()).toEqual(ids('Leo', 'Ana', 'Kenji').sort());
	});

	it('remove keeps the other teammates', async () => {
		const maya = idOf(sandbox(), 'Maya');
		const [ana] = ids('Ana');
		const { json } = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'remove',
				userId: byId(maya),
				teammateIds: `${ana}`,
			},
			credentials: admin(),
		});
		expect(writes(sandbox())).toEqual([
			{
				method: 'PATCH',
				path: `/v2/users/${maya}/teammates`,
				query: {},
				body: { teammate_ids: expect.arrayContaining(ids('Leo', 'Kenji')) },
			},
		]);
		expect((writes(sandbox())[0].body as { teammate_ids: number[] }).teammate_ids).toHaveLength(2);
		expect(team('Maya')).toEqual(ids('Leo', 'Kenji').sort());
		expect(json[0]).toMatchObject({ added: [], removed: [ana] });
	});

	it('set replaces the whole list; an empty list unassigns everyone and still outputs one item', async () => {
		const maya = idOf(sandbox(), 'Maya');
		const [grace] = ids('Grace');
		const replaced = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'set',
				userId: byId(maya),
				teammateIds: [grace],
			},
			credentials: admin(),
		});
		expect(writes(sandbox())).toEqual([
			{
				method: 'PATCH',
				path: `/v2/users/${maya}/teammates`,
				query: {},
				body: { teammate_ids: [grace] },
			},
		]);
		expect(replaced.json[0]).toMatchObject({ teammate_ids: [grace], added: [grace] });
		expect((replaced.json[0].removed as number[]).sort()).toEqual(
			ids('Leo', 'Ana', 'Kenji').sort(),
		);

		sandbox().clearLog();
		const emptied = await runNode({
			parameters: { resource: 'teammate', operation: 'set', userId: byId(maya), teammateIds: [] },
			credentials: admin(),
		});
		expect(writes(sandbox())[0].body).toEqual({ teammate_ids: [] });
		expect(emptied.json).toEqual([
			{ managerId: maya, teammate_ids: [], teammates: [], added: [], removed: [grace] },
		]);
		expect(sandbox().store.users.get(maya)!.access_roles).not.toContain('people_manager');
	});

	it('says who is not a manager and what to do, without sending a PATCH', async () => {
		const leo = idOf(sandbox(), 'Leo');
		const { status, error } = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'add',
				userId: byId(leo),
				teammateIds: ids('Grace'),
			},
			credentials: admin(),
		});
		expect(status).toBe('error');
		expect(error?.message).toBe(
			'Leo Fischer <leo.fischer@example.com> is not a manager, so they cannot have teammates',
		);
		expect(error?.description).toMatch(/Give them the Manager access role first/);
		expect(error?.description).toMatch(
			/Harvest said: The user must be a Manager to have assigned teammates/,
		);
		expect(calls(sandbox())).toEqual([`GET /v2/users/${leo}/teammates`, `GET /v2/users/${leo}`]);
	});

	it('refuses Add without teammates (an expression giving none) before sending anything', async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'add',
				userId: byId(idOf(sandbox(), 'Maya')),
				teammateIds: '={{ $json.ids }}',
			},
			input: [{ ids: [] }],
			credentials: admin(),
		});
		expect(error?.message).toBe('No teammates given');
		expect(sandbox().log).toHaveLength(0);
	});

	it('surfaces 403 for a member token (teammates are administrator-only)', async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'getAll',
				userId: byId(idOf(sandbox(), 'Maya')),
				returnAll: true,
			},
			credentials: patCredential(sandbox(), 'member'),
		});
		expect(error?.message).toBe('Not authorized! [HTTP 403]');
	});

	it('with Continue On Fail: managers, a non-manager and a bad ID each get their own paired item', async () => {
		const [maya, leo, daniel, grace] = ids('Maya', 'Leo', 'Daniel', 'Grace');
		const { status, items } = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'add',
				userId: byId('={{ $json.manager }}'),
				teammateIds: [grace],
			},
			input: [{ manager: maya }, { manager: leo }, { manager: 'x' }, { manager: daniel }],
			credentials: admin(),
			continueOnFail: true,
		});
		expect(status).toBe('success');
		expect(items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json).toMatchObject({ managerId: maya, added: [grace] });
		expect(items[1].json).toMatchObject({
			error: expect.stringMatching(/^Leo Fischer .* is not a manager/),
			itemIndex: 1,
		});
		expect(items[2].json.error).toMatch(/User ID must be a positive whole number/);
		expect(items[3].json).toMatchObject({
			managerId: daniel,
			teammate_ids: [grace],
			added: [grace],
		});
		expect(team('Daniel')).toEqual([grace]);
		expect(sandbox().store.users.get(daniel)!.access_roles).toContain('people_manager');
	});
});
