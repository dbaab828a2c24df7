/**
 * Roles (business labels) through n8n's runtime against the sandbox. `user_ids` replaces the
 * membership, so Add Users and Remove Users read the role first and keep the other members.
 */
import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { calls, idOf, roleIdOf, writes } from './people.cjs';

describe('role operations', () => {
	const sandbox = useSandbox();
	const admin = () => patCredential(sandbox(), 'admin');
	const members = (name: string) => [...sandbox().store.roles.findByName(name)!.user_ids].sort();
	const ids = (...firsts: string[]) => firsts.map((f) => idOf(sandbox(), f));

	it('gets many (one item per role) and one role', async () => {
		const all = await runNode({
			parameters: { resource: 'role', operation: 'getAll', returnAll: true },
			credentials: admin(),
		});
		expect(all.json.map((r) => r.name).sort()).toEqual([
			'Account Manager',
			'Designer',
			'Developer',
			'Engineering Lead',
			'Founder',
			'QA',
		]);
		sandbox().clearLog();
		const two = await runNode({
			parameters: { resource: 'role', operation: 'getAll', limit: 2 },
			credentials: admin(),
		});
		expect(two.json).toHaveLength(2);
		expect(sandbox().log[0]).toMatchObject({ path: '/v2/roles', query: { per_page: '2' } });
		sandbox().clearLog();
		const developer = roleIdOf(sandbox(), 'Developer');
		const one = await runNode({
			parameters: { resource: 'role', operation: 'get', roleId: developer },
			credentials: admin(),
		});
		expect(one.json).toEqual([expect.objectContaining({ id: developer, name: 'Developer' })]);
		expect((one.json[0].user_ids as number[]).sort()).toEqual(ids('Leo', 'Kenji').sort());
		expect(calls(sandbox())).toEqual([`GET /v2/roles/${developer}`]);
	});

	it('creates a role with members', async () => {
		const [grace, ana] = ids('Grace', 'Ana');
		const { json } = await runNode({
			parameters: {
				resource: 'role',
				operation: 'create',
				name: ' Tester ',
				userIds: [grace, ana],
			},
			credentials: admin(),
		});
		expect(writes(sandbox())).toEqual([
			{
				method: 'POST',
				path: '/v2/roles',
				query: {},
				body: { name: 'Tester', user_ids: [grace, ana] },
			},
		]);
		expect(json[0]).toMatchObject({ name: 'Tester', user_ids: [grace, ana] });
		expect(sandbox().store.users.get(grace)!.roles).toContain('Tester');
	});

	it('refuses an empty role name before sending anything', async () => {
		const { error } = await runNode({
			parameters: { resource: 'role', operation: 'create', name: '={{ $json.name }}' },
			input: [{ name: '  ' }],
			credentials: admin(),
		});
		expect(error?.message).toBe('The role name is empty');
		expect(sandbox().log).toHaveLength(0);
	});

	it('update renames only, or replaces the membership with exactly the users given', async () => {
		const qa = roleIdOf(sandbox(), 'QA');
		const [leo] = ids('Leo');
		const renamed = await runNode({
			parameters: {
				resource: 'role',
				operation: 'update',
				roleId: qa,
				updateFields: { name: 'Quality' },
			},
			credentials: admin(),
		});
		expect(writes(sandbox())).toEqual([
			{ method: 'PATCH', path: `/v2/roles/${qa}`, query: {}, body: { name: 'Quality' } },
		]);
		expect(renamed.json[0]).toMatchObject({ id: qa, name: 'Quality', user_ids: ids('Grace') });
		sandbox().clearLog();
		const replaced = await runNode({
			parameters: {
				resource: 'role',
				operation: 'update',
				roleId: qa,
				updateFields: { userIds: [leo] },
			},
			credentials: admin(),
		});
		expect(writes(sandbox())).toEqual([
			{ method: 'PATCH', path: `/v2/roles/${qa}`, query: {}, body: { user_ids: [leo] } },
		]);
		expect(replaced.json[0]).toMatchObject({ user_ids: [leo] });
		expect(sandbox().store.users.get(idOf(sandbox(), 'Grace'))!.roles).not.toContain('Quality');
	});

	it('refuses an update with no fields before sending anything', async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'role',
				operation: 'update',
				roleId: roleIdOf(sandbox(), 'QA'),
				updateFields: {},
			},
			credentials: admin(),
		});
		expect(error?.message).toBe('Nothing to update: no field was added');
		expect(sandbox().log).toHaveLength(0);
	});

	it('deletes a role and outputs { deleted: true, id }', async () => {
		const designer = roleIdOf(sandbox(), 'Designer');
		const { json } = await runNode({
			parameters: { resource: 'role', operation: 'delete', roleId: designer },
			credentials: admin(),
		});
		expect(json).toEqual([{ deleted: true, id: designer }]);
		expect(calls(sandbox())).toEqual([`DELETE /v2/roles/${designer}`]);
		expect(sandbox().store.roles.findByName('Designer')).toBeUndefined();
		expect(sandbox().store.users.get(idOf(sandbox(), 'Ana'))!.roles).toEqual([]);
	});

	it('add users keeps the current members', async () => {
		const developer = roleIdOf(sandbox(), 'Developer');
		const [grace] = ids('Grace');
		const { json } = await runNode({
			parameters: { resource: 'role', operation: 'addUsers', roleId: developer, userIds: [grace] },
			credentials: admin(),
		});
		expect(calls(sandbox())).toEqual([
			`GET /v2/roles/${developer}`,
			`PATCH /v2/roles/${developer}`,
		]);
		const sent = (writes(sandbox())[0].body as { user_ids: number[] }).user_ids;
		expect([...sent].sort()).toEqual(ids('Leo', 'Kenji', 'Grace').sort());
		expect(members('Developer')).toEqual([...sent].sort());
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ id: developer, name: 'Developer' });
		expect((json[0].user_ids as number[]).sort()).toEqual([...sent].sort());
	});

	it('remove users keeps the other members; nothing to change sends no PATCH', async () => {
		const developer = roleIdOf(sandbox(), 'Developer');
		const [leo, kenji, sam] = ids('Leo', 'Kenji', 'Sam');
		const { json } = await runNode({
			parameters: {
				resource: 'role',
				operation: 'removeUsers',
				roleId: developer,
				userIds: [kenji],
			},
			credentials: admin(),
		});
		expect(writes(sandbox())).toEqual([
			{ method: 'PATCH', path: `/v2/roles/${developer}`, query: {}, body: { user_ids: [leo] } },
		]);
		expect(json[0]).toMatchObject({ id: developer, user_ids: [leo] });
		expect(sandbox().store.users.get(kenji)!.roles).not.toContain('Developer');
		sandbox().clearLog();
		const unchanged = await runNode({
			parameters: { resource: 'role', operation: 'removeUsers', roleId: developer, userIds: [sam] },
			credentials: admin(),
		});
		expect(calls(sandbox())).toEqual([`GET /v2/roles/${developer}`]);
		expect(unchanged.json[0]).toMatchObject({ id: developer, user_ids: [leo] });
	});

	it('surfaces 403 for a member token (roles are administrator-only)', async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'role',
				operation: 'addUsers',
				roleId: roleIdOf(sandbox(), 'QA'),
				userIds: ids('Leo'),
			},
			credentials: patCredential(sandbox(), 'member'),
		});
		expect(error?.message).toBe('Not authorized! [HTTP 403]');
		expect(writes(sandbox())).toEqual([]);
	});

	it('with Continue On Fail: good, unknown and malformed role IDs each get their own paired item', async () => {
		const [qa, founder] = [roleIdOf(sandbox(), 'QA'), roleIdOf(sandbox(), 'Founder')];
		const [leo] = ids('Leo');
		const { status, items } = await runNode({
			parameters: {
				resource: 'role',
				operation: 'addUsers',
				roleId: '={{ $json.role }}',
				userIds: [leo],
			},
			input: [{ role: qa }, { role: 999999 }, { role: 'QA' }, { role: founder }],
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
		expect(items[0].json).toMatchObject({ id: qa, name: 'QA' });
		expect(items[1].json).toMatchObject({
			error: 'No Harvest role with ID 999999 [HTTP 404]',
			itemIndex: 1,
		});
		expect(items[2].json.error).toBe('Role ID must be a positive whole number, got "QA"');
		expect(items[3].json).toMatchObject({ id: founder, name: 'Founder' });
		expect(sandbox().store.users.get(leo)!.roles.sort()).toEqual(['Developer', 'Founder', 'QA']);
	});
});
