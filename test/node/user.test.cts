/**
 * User operations through n8n's runtime against the sandbox: what the node sends (method, path,
 * body) and what it outputs, including the checks made before anything is sent.
 */
import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { byEmail, byId, calls, duplicateEmailOf, idOf, writes } from './people.cjs';

describe('user operations', () => {
	const sandbox = useSandbox();
	const admin = () => patCredential(sandbox(), 'admin');

	describe('create', () => {
		it('sends first/last/email, capacity in seconds (37.5 h = 135000), access roles and business roles, and outputs the user', async () => {
			const { status, json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Jane',
					lastName: 'Doe',
					email: ' jane.doe@example.com ',
					additionalFields: {
						accessRole: 'manager',
						managerPermissions: ['project_creator', 'estimates_manager'],
						roles: ['Designer', 'QA'],
						weeklyCapacity: 37.5,
						timezone: 'Berlin',
						isContractor: true,
						hasAccessToAllFutureProjects: false,
						defaultHourlyRate: 120,
						costRate: 60,
					},
				},
				credentials: admin(),
			});
			expect(status).toBe('success');
			expect(writes(sandbox())).toEqual([
				{
					method: 'POST',
					path: '/v2/users',
					query: {},
					body: {
						first_name: 'Jane',
						last_name: 'Doe',
						email: 'jane.doe@example.com',
						access_roles: ['manager', 'project_creator', 'estimates_manager'],
						roles: ['Designer', 'QA'],
						weekly_capacity: 135000,
						timezone: 'Berlin',
						is_contractor: true,
						has_access_to_all_future_projects: false,
						default_hourly_rate: 120,
						cost_rate: 60,
					},
				},
			]);
			expect(json).toHaveLength(1);
			expect(json[0]).toMatchObject({
				email: 'jane.doe@example.com',
				weekly_capacity: 135000,
				roles: ['Designer', 'QA'],
			});
			const stored = sandbox().store.users.findByEmail('jane.doe@example.com')!;
			expect(stored.id).toBe(json[0].id);
			expect(stored.access_roles).toEqual(['manager', 'project_creator', 'estimates_manager']);
			expect(sandbox().invitations.map((i) => i.email)).toEqual(['jane.doe@example.com']);
		});

		it('sends only the required fields when nothing else is added, and no legacy fields', async () => {
			const { status } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Min',
					lastName: 'Imal',
					email: 'min@example.com',
				},
				credentials: admin(),
			});
			expect(status).toBe('success');
			expect(writes(sandbox())[0].body).toEqual({
				first_name: 'Min',
				last_name: 'Imal',
				email: 'min@example.com',
			});
			expect(sandbox().store.users.findByEmail('min@example.com')!.access_roles).toEqual([
				'member',
			]);
		});

		it('applies Manager Permissions only with the Manager access role: hidden for Member, refused in the labels the user sees when an expression resolves to Member', async () => {
			const create = (accessRole: string) =>
				runNode({
					parameters: {
						resource: 'user',
						operation: 'create',
						firstName: 'Jane',
						lastName: 'Doe',
						email: 'jane.doe@example.com',
						additionalFields: {
							accessRole,
							managerPermissions: ['billable_rates_manager', 'project_creator'],
						},
					},
					credentials: admin(),
				});
			// An expression shows the field (n8n cannot know the role yet); the node checks the result.
			const { status, error } = await create('={{ "member" }}');
			expect(status).toBe('error');
			expect(error?.message).toBe(
				'Manager Permissions (See and Edit Billable Rates, Create Projects) apply only to the Manager access role; set Access Role to Manager or remove them',
			);
			expect(error?.description).toMatch(/^Item 0 \(User → Create\)\. Nothing was sent to Harvest/);
			expect(sandbox().log).toHaveLength(0);
			// Member chosen in the editor: the field is hidden there, so n8n leaves its old value out.
			const hidden = await create('member');
			expect(hidden.status).toBe('success');
			expect(
				writes(sandbox()).map((w) => (w.body as { access_roles: string[] }).access_roles),
			).toEqual([['member']]);
		});

		it('refuses an email that is not an address, and a capacity off the half-hour grid, before sending', async () => {
			const { items } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Jane',
					lastName: 'Doe',
					email: '={{ $json.email }}',
					additionalFields: { weeklyCapacity: '={{ $json.hours }}' },
				},
				input: [
					{ email: 'jane.doe(at)example.com', hours: 40 },
					{ email: 'jane.doe@example.com', hours: 37.3 },
				],
				credentials: admin(),
				continueOnFail: true,
			});
			expect(items.map((i) => i.json.error)).toEqual([
				'"jane.doe(at)example.com" is not an email address',
				'Weekly Capacity (Hours) is set in half-hour steps (e.g. 37.5), got 37.3',
			]);
			expect(sandbox().log).toHaveLength(0);
		});

		it('keeps -5 and 200 hours as typed and refuses them with what to fix, instead of creating a user with 5 or 168 hours', async () => {
			const { items } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Jane',
					lastName: 'Doe',
					email: '={{ $json.email }}',
					additionalFields: {
						weeklyCapacity: '={{ $json.hours }}',
						defaultHourlyRate: '={{ $json.rate }}',
					},
				},
				input: [
					{ email: 'a@example.com', hours: -5, rate: 100 },
					{ email: 'b@example.com', hours: 200, rate: 100 },
					{ email: 'c@example.com', hours: 30, rate: -80 },
				],
				credentials: admin(),
				continueOnFail: true,
			});
			expect(items.map((i) => i.json.error)).toEqual([
				'Weekly Capacity (Hours) must be a number from 0 to 168, got -5',
				'Weekly Capacity (Hours) must be a number from 0 to 168, got 200',
				'Default Hourly Rate must be a number of 0 or more, got -80',
			]);
			expect(sandbox().log).toHaveLength(0);
		});

		it('does not repeat a create whose answer was lost, and says to check whether the email exists', async () => {
			sandbox().inject({
				kind: 'reset',
				afterApply: true,
				match: { method: 'POST', path: '/v2/users' },
			});
			const { status, error } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Jane',
					lastName: 'Doe',
					email: 'jane.doe@example.com',
				},
				credentials: admin(),
			});
			expect(status).toBe('error');
			expect(error?.message).toMatch(/^Outcome unknown/);
			expect(error?.description).toMatch(
				/Check in Harvest → Team whether jane\.doe@example\.com exists now before running this item again/,
			);
			expect(calls(sandbox())).toEqual(['POST /v2/users']);
			expect(sandbox().invitations).toHaveLength(1);
		});

		it('surfaces 403 for a member token', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Jane',
					lastName: 'Doe',
					email: 'jane.doe@example.com',
				},
				credentials: patCredential(sandbox(), 'member'),
			});
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
			expect(sandbox().store.users.findByEmail('jane.doe@example.com')).toBeUndefined();
		});

		it('with Continue On Fail: good, invalid and already-taken items each get their own paired result', async () => {
			const { status, items } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: '={{ $json.first }}',
					lastName: 'Test',
					email: '={{ $json.email }}',
				},
				input: [
					{ first: 'One', email: 'one@example.com' },
					{ first: 'Two', email: 'not-an-email' },
					{ first: 'Three', email: 'leo.fischer@example.com' },
					{ first: 'Four', email: 'four@example.com' },
				],
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
			expect(items[0].json.email).toBe('one@example.com');
			expect(items[1].json).toMatchObject({
				error: '"not-an-email" is not an email address',
				itemIndex: 1,
			});
			expect(items[2].json).toMatchObject({
				error: 'Email has already been taken [HTTP 422]',
				httpCode: '422',
				itemIndex: 2,
			});
			expect(items[3].json.email).toBe('four@example.com');
			expect(writes(sandbox()).map((w) => (w.body as { email: string }).email)).toEqual([
				'one@example.com',
				'leo.fischer@example.com',
				'four@example.com',
			]);
		});
	});

	describe('update', () => {
		it('sends a partial JSON body with only the added fields, never a query string', async () => {
			const grace = idOf(sandbox(), 'Grace');
			const { status, json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(grace),
					updateFields: { weeklyCapacity: 37.5, timezone: 'Tokyo', isContractor: false },
				},
				credentials: admin(),
			});
			expect(status).toBe('success');
			expect(writes(sandbox())).toEqual([
				{
					method: 'PATCH',
					path: `/v2/users/${grace}`,
					query: {},
					body: { weekly_capacity: 135000, timezone: 'Tokyo', is_contractor: false },
				},
			]);
			expect(json[0]).toMatchObject({
				id: grace,
				weekly_capacity: 135000,
				timezone: 'Tokyo',
				first_name: 'Grace',
			});
			expect(sandbox().store.users.get(grace)!.weekly_capacity).toBe(135000);
		});

		it('changes names, email, access roles and business roles', async () => {
			const kenji = idOf(sandbox(), 'Kenji');
			const { json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(kenji),
					updateFields: {
						firstName: 'Ken',
						email: 'ken.watanabe@example.com',
						accessRole: 'manager',
						managerPermissions: ['client_and_task_manager'],
						roles: ['QA'],
					},
				},
				credentials: admin(),
			});
			expect(writes(sandbox())[0].body).toEqual({
				first_name: 'Ken',
				email: 'ken.watanabe@example.com',
				access_roles: ['manager', 'client_and_task_manager'],
				roles: ['QA'],
			});
			expect(json[0]).toMatchObject({
				first_name: 'Ken',
				roles: ['QA'],
				access_roles: ['manager', 'client_and_task_manager'],
			});
		});

		it('finds the user by email (one match)', async () => {
			const grace = idOf(sandbox(), 'Grace');
			const { json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byEmail('GRACE.okafor@example.com '),
					updateFields: { lastName: 'Okafor-Reed' },
				},
				credentials: admin(),
			});
			expect(json[0]).toMatchObject({ id: grace, last_name: 'Okafor-Reed' });
			expect(calls(sandbox())).toEqual([
				'GET /v2/users/me',
				'GET /v2/users',
				`PATCH /v2/users/${grace}`,
			]);
		});

		it('sends nothing when no user has the email', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byEmail('nobody@example.com'),
					updateFields: { lastName: 'X' },
				},
				credentials: admin(),
			});
			expect(error?.message).toBe(
				'No Harvest user has the email nobody@example.com: send the email of an existing user (User → Get Many lists them)',
			);
			expect(calls(sandbox())).toEqual(['GET /v2/users/me', 'GET /v2/users']);
		});

		it('sends nothing when several users share the email, and names their IDs', async () => {
			const grace = idOf(sandbox(), 'Grace');
			const copy = duplicateEmailOf(sandbox(), 'Grace');
			const { error } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byEmail('grace.okafor@example.com'),
					updateFields: { lastName: 'X' },
				},
				credentials: admin(),
			});
			expect(error?.message).toBe(
				`2 Harvest users have the email grace.okafor@example.com: send one of their IDs instead (${copy}, ${grace})`,
			);
			expect(error?.description).toMatch(/Pick the user by ID instead/);
			expect(calls(sandbox())).toEqual(['GET /v2/users/me', 'GET /v2/users']);
		});

		it('offers manager permissions only with the access role, and refuses an empty update, before sending', async () => {
			const grace = idOf(sandbox(), 'Grace');
			// Without Access Role the field is not offered; a value left over from before is not applied.
			const permissionsOnly = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(grace),
					updateFields: { managerPermissions: ['project_creator'] },
				},
				credentials: admin(),
			});
			expect(permissionsOnly.error?.message).toBe('Nothing to update: no field was added');
			const nothing = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(grace),
					updateFields: {},
				},
				credentials: admin(),
			});
			expect(nothing.error?.message).toBe('Nothing to update: no field was added');
			expect(sandbox().log).toHaveLength(0);
		});

		it('surfaces 403 when a manager changes a teammate’s email (Harvest allows managers only other fields)', async () => {
			const leo = idOf(sandbox(), 'Leo');
			const { error } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(leo),
					updateFields: { email: 'leo@example.com' },
				},
				credentials: patCredential(sandbox(), 'manager'),
			});
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
			expect(sandbox().store.users.get(leo)!.email).toBe('leo.fischer@example.com');
		});
	});

	describe('archive and restore', () => {
		it('archive sends is_active false and outputs the archived user', async () => {
			const ana = idOf(sandbox(), 'Ana');
			const { json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'archive',
					userId: byEmail('ana.souza@example.com'),
				},
				credentials: admin(),
			});
			expect(writes(sandbox())).toEqual([
				{ method: 'PATCH', path: `/v2/users/${ana}`, query: {}, body: { is_active: false } },
			]);
			expect(json[0]).toMatchObject({ id: ana, is_active: false });
			expect(sandbox().store.users.get(ana)!.is_active).toBe(false);
		});

		it('restore sends is_active true', async () => {
			const olivia = idOf(sandbox(), 'Olivia');
			const { json } = await runNode({
				parameters: { resource: 'user', operation: 'restore', userId: byId(olivia) },
				credentials: admin(),
			});
			expect(writes(sandbox())).toEqual([
				{ method: 'PATCH', path: `/v2/users/${olivia}`, query: {}, body: { is_active: true } },
			]);
			expect(json[0]).toMatchObject({ id: olivia, is_active: true });
		});

		it('surfaces 403 for a manager (Harvest lets only administrators archive)', async () => {
			const leo = idOf(sandbox(), 'Leo');
			const { error } = await runNode({
				parameters: { resource: 'user', operation: 'archive', userId: byId(leo) },
				credentials: patCredential(sandbox(), 'manager'),
			});
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
			expect(sandbox().store.users.get(leo)!.is_active).toBe(true);
		});
	});

	describe('delete', () => {
		it('deletes a user without time entries and outputs { deleted: true, id }', async () => {
			const grace = idOf(sandbox(), 'Grace');
			const { json } = await runNode({
				parameters: { resource: 'user', operation: 'delete', userId: byId(grace) },
				credentials: admin(),
			});
			expect(json).toEqual([{ deleted: true, id: grace }]);
			expect(calls(sandbox())).toEqual([`DELETE /v2/users/${grace}`]);
			expect(sandbox().store.users.get(grace)).toBeUndefined();
		});

		it('when Harvest refuses (time entries), the error says so and suggests Archive', async () => {
			const ana = idOf(sandbox(), 'Ana');
			const { status, error } = await runNode({
				parameters: { resource: 'user', operation: 'delete', userId: byId(ana) },
				credentials: admin(),
			});
			expect(status).toBe('error');
			expect(error?.message).toBe(
				'This user is not removable. It still has time entries and/or expenses. [HTTP 422]',
			);
			expect(error?.description).toMatch(
				/^Item 0 \(User → Delete\)\. Harvest keeps a user that still has time entries or expenses\. Archive the user instead: use the Archive operation, or turn on Options → "Archive Instead If Not Deletable"\./,
			);
			expect(calls(sandbox())).toEqual([`DELETE /v2/users/${ana}`]);
			expect(sandbox().store.users.get(ana)!.is_active).toBe(true);
		});

		it('with "Archive Instead If Not Deletable" archives and reports why', async () => {
			const ana = idOf(sandbox(), 'Ana');
			const { json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'delete',
					userId: byId(ana),
					options: { archiveIfNotDeletable: true },
				},
				credentials: admin(),
			});
			expect(json).toHaveLength(1);
			expect(json[0]).toMatchObject({
				deleted: false,
				archived: true,
				id: ana,
				is_active: false,
				reason: 'This user is not removable. It still has time entries and/or expenses.',
			});
			expect(writes(sandbox())).toEqual([
				{ method: 'DELETE', path: `/v2/users/${ana}`, query: {}, body: undefined },
				{ method: 'PATCH', path: `/v2/users/${ana}`, query: {}, body: { is_active: false } },
			]);
			expect(sandbox().store.users.get(ana)!.is_active).toBe(false);
		});

		it('with Continue On Fail: deleted, blocked and unknown users each get their own paired item', async () => {
			const [grace, ana] = [idOf(sandbox(), 'Grace'), idOf(sandbox(), 'Ana')];
			const { items } = await runNode({
				parameters: { resource: 'user', operation: 'delete', userId: byId('={{ $json.id }}') },
				input: [{ id: grace }, { id: ana }, { id: 424242 }],
				credentials: admin(),
				continueOnFail: true,
			});
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json).toEqual({ deleted: true, id: grace });
			expect(items[1].json).toMatchObject({
				httpCode: '422',
				itemIndex: 1,
				description: expect.stringMatching(/Archive the user instead/),
			});
			// The headline names what was not found; the description still says what to check.
			expect(items[2].json).toMatchObject({
				error: 'No Harvest user with ID 424242 [HTTP 404]',
				itemIndex: 2,
				description: expect.stringMatching(/check the ID/),
			});
		});

		it('surfaces 403 for a member token', async () => {
			const grace = idOf(sandbox(), 'Grace');
			const { error } = await runNode({
				parameters: { resource: 'user', operation: 'delete', userId: byId(grace) },
				credentials: patCredential(sandbox(), 'member'),
			});
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
			expect(sandbox().store.users.get(grace)).toBeDefined();
		});
	});

	describe('get, get many and me', () => {
		it('gets one user by ID, and by email', async () => {
			const kenji = idOf(sandbox(), 'Kenji');
			const first = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: byId(kenji) },
				credentials: admin(),
			});
			expect(first.json).toEqual([
				expect.objectContaining({ id: kenji, email: 'kenji.watanabe@example.com' }),
			]);
			sandbox().clearLog();
			const second = await runNode({
				parameters: {
					resource: 'user',
					operation: 'get',
					userId: byEmail('kenji.watanabe@example.com'),
				},
				credentials: admin(),
			});
			expect(second.json[0].id).toBe(kenji);
			// The roster read already holds the user: no second GET (issue 20).
			expect(calls(sandbox())).toEqual(['GET /v2/users/me', 'GET /v2/users']);
		});

		it('gets many: Limit asks Harvest for just that many; filters go to the query string', async () => {
			const limited = await runNode({
				parameters: { resource: 'user', operation: 'getAll', limit: 3 },
				credentials: admin(),
			});
			expect(limited.json).toHaveLength(3);
			expect(sandbox().log[0].query).toEqual({ per_page: '3' });
			sandbox().clearLog();
			const archived = await runNode({
				parameters: {
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
					filters: { is_active: 'false', updated_since: '2020-01-01T10:00:00+02:00' },
				},
				credentials: admin(),
			});
			expect(archived.json.map((u) => u.first_name)).toEqual(['Olivia']);
			expect(sandbox().log[0].query).toEqual({
				is_active: 'false',
				updated_since: '2020-01-01T08:00:00Z',
				per_page: '2000',
			});
		});

		it('gets the authenticated user, also for a member token', async () => {
			const { json } = await runNode({
				parameters: { resource: 'user', operation: 'me' },
				credentials: patCredential(sandbox(), 'member'),
			});
			expect(json).toEqual([
				expect.objectContaining({ id: sandbox().tokens.member.userId, first_name: 'Leo' }),
			]);
		});

		it('surfaces 403 for a member token listing users', async () => {
			const { error } = await runNode({
				parameters: { resource: 'user', operation: 'getAll', returnAll: true },
				credentials: patCredential(sandbox(), 'member'),
			});
			expect(error?.message).toBe('Not authorized! [HTTP 403]');
		});
	});
});
