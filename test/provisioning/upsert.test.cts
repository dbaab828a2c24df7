/**
 * user → upsert ("Create or Update") through n8n's runtime against the sandbox: found by email,
 * created when missing, changed only where it differs, safe to run twice.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { unprocessable } from '../../sandbox/src/errors.cjs';

describe('user → upsert', () => {
	const sandbox = useSandbox();

	const upsert = (input: IDataObject[], extra: IDataObject = {}, continueOnFail = false) =>
		runNode({
			parameters: {
				resource: 'user',
				operation: 'upsert',
				email: '={{ $json.email }}',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				...extra,
			},
			input,
			credentials: patCredential(sandbox()),
			continueOnFail,
		});

	const writes = () => sandbox().log.filter((r) => r.method !== 'GET');

	it('creates the missing, updates what differs, and a second run changes nothing and invites nobody again', async () => {
		const input = [
			{ email: 'nina.berg@example.com', first: 'Nina', last: 'Berg', hours: 30 },
			{ email: 'leo.fischer@example.com', first: 'Leo', last: 'Fischer', hours: 30 },
		];
		const params = {
			additionalFields: { weeklyCapacity: '={{ $json.hours }}', timezone: 'Berlin' },
		};

		const first = await upsert(input, params);
		expect(first.status).toBe('success');
		expect(first.json.map((u) => [u.email, u.action])).toEqual([
			['nina.berg@example.com', 'created'],
			['leo.fischer@example.com', 'updated'],
		]);
		expect(first.json[0]).toMatchObject({
			first_name: 'Nina',
			weekly_capacity: 108000,
			timezone: 'Berlin',
		});
		expect(first.json[0].changes).toMatchObject({
			email: { previous: null, current: 'nina.berg@example.com' },
			weekly_capacity_hours: { previous: null, current: 30 },
		});
		// Leo already works in Berlin: only his capacity differs, and only it is sent.
		expect(first.json[1].changes).toEqual({ weekly_capacity_hours: { previous: 35, current: 30 } });
		expect(writes().map((r) => [r.method, r.path, r.body])).toEqual([
			[
				'POST',
				'/v2/users',
				{
					email: 'nina.berg@example.com',
					first_name: 'Nina',
					last_name: 'Berg',
					timezone: 'Berlin',
					weekly_capacity: 108000,
				},
			],
			[
				'PATCH',
				`/v2/users/${sandbox().store.users.findByEmail('leo.fischer@example.com')!.id}`,
				{ weekly_capacity: 108000 },
			],
		]);

		const second = await upsert(input, params);
		expect(second.status).toBe('success');
		expect(second.json.map((u) => u.action)).toEqual(['unchanged', 'unchanged']);
		expect(second.json.map((u) => u.changes)).toEqual([{}, {}]);
		expect(second.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(writes().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(writes()).toHaveLength(2);
		expect(sandbox().invitations.map((i) => i.email)).toEqual(['nina.berg@example.com']);
	});

	it('matches emails whatever their case and surrounding spaces, within one run and across runs', async () => {
		const { status, json } = await upsert([
			{ email: '  LEO.Fischer@Example.COM ', first: 'Leo', last: 'Fischer' },
			{ email: 'Nina.Berg@Example.com', first: 'Nina', last: 'Berg' },
			{ email: ' nina.berg@EXAMPLE.com', first: 'Nina', last: 'Berg' },
		]);
		expect(status).toBe('success');
		expect(json.map((u) => u.action)).toEqual(['unchanged', 'created', 'unchanged']);
		expect(json[2].id).toBe(json[1].id);
		expect(writes().map((r) => r.method)).toEqual(['POST']);
		// One role check and one read of the user list however many items look users up.
		expect(
			sandbox()
				.log.filter((r) => r.method === 'GET')
				.map((r) => r.path),
		).toEqual(['/v2/users/me', '/v2/users']);
		expect(sandbox().invitations).toHaveLength(1);
	});

	it('compares roles as sets, ignores the derived people_manager and compares capacity in seconds', async () => {
		const maya = { email: 'maya.patel@example.com', first: 'Maya', last: 'Patel' };
		const fields = {
			accessRole: 'manager',
			// Harvest holds project_creator, billable_rates_manager and the derived people_manager.
			managerPermissions: ['billable_rates_manager', 'project_creator'],
			roles: ['Engineering Lead'],
			weeklyCapacity: 35,
			timezone: 'Pacific Time (US & Canada)',
			isContractor: false,
			defaultHourlyRate: 999,
		};
		const same = await upsert([maya], { additionalFields: fields });
		expect(same.json[0]).toMatchObject({ action: 'unchanged', changes: {} });
		expect(writes()).toHaveLength(0);

		const changed = await upsert([maya], {
			additionalFields: {
				...fields,
				managerPermissions: ['project_creator'],
				weeklyCapacity: 37.5,
			},
		});
		expect(changed.json[0].action).toBe('updated');
		expect(changed.json[0].changes).toEqual({
			access_roles: {
				previous: ['manager', 'project_creator', 'billable_rates_manager', 'people_manager'],
				current: ['manager', 'project_creator'],
			},
			weekly_capacity_hours: { previous: 35, current: 37.5 },
		});
		// The default hourly rate is for new users only: an existing user's rate goes through the rate endpoints.
		expect(writes().map((r) => r.body)).toEqual([
			{ access_roles: ['manager', 'project_creator'], weekly_capacity: 135000 },
		]);
		expect(sandbox().store.users.findByEmail('maya.patel@example.com')).toMatchObject({
			weekly_capacity: 135000,
			default_hourly_rate: 120,
		});
	});

	// Whether Harvest takes a rename in the request that restores a user is unconfirmed: the
	// package restores first, then changes, and must be right under both sandbox behaviours.
	describe.each([true, false])(
		'when Harvest lets a restoring PATCH rename (renameWhileRestoring=%s)',
		(allowed) => {
			beforeEach(() => sandbox().setBehaviour({ renameWhileRestoring: allowed }));
			afterEach(() => sandbox().setBehaviour({ renameWhileRestoring: true }));

			it('leaves an archived user archived unless Restore Archived Users is on, then restores first and changes second', async () => {
				const olivia = { email: 'olivia.brown@example.com', first: 'Olivia', last: 'Brown-Hale' };
				const left = await upsert([olivia]);
				expect(left.json[0]).toMatchObject({ action: 'unchanged', is_active: false, changes: {} });
				expect(left.json[0].note).toMatch(/archived in Harvest.*Restore Archived Users/);
				expect(writes()).toHaveLength(0);

				const restored = await upsert([olivia], { options: { restoreArchived: true } });
				expect(restored.status).toBe('success');
				expect(restored.json[0]).toMatchObject({
					action: 'restored',
					is_active: true,
					last_name: 'Brown-Hale',
				});
				expect(restored.json[0].changes).toEqual({
					is_active: { previous: false, current: true },
					last_name: { previous: 'Brown', current: 'Brown-Hale' },
				});
				expect(writes().map((r) => r.body)).toEqual([
					{ is_active: true },
					{ last_name: 'Brown-Hale' },
				]);
				expect(sandbox().store.users.findByEmail('olivia.brown@example.com')).toMatchObject({
					is_active: true,
					last_name: 'Brown-Hale',
				});
			});

			it('when the change after the restore fails, says the user is restored but unchanged, and a re-run finishes it', async () => {
				const olivia = { email: 'olivia.brown@example.com', first: 'Olivia', last: 'Brown-Hale' };
				const users = sandbox().store.users;
				const update = users.update.bind(users);
				// Harvest refusing the second request (the sandbox has no rule that would, so one is planted).
				const spy = jest.spyOn(users, 'update').mockImplementation((id, body, opts) => {
					if (!('is_active' in body)) throw unprocessable('Last name is reserved');
					return update(id, body, opts);
				});
				const { items } = await upsert([olivia], { options: { restoreArchived: true } }, true);
				spy.mockRestore();
				expect(items[0].json).toMatchObject({
					error:
						'olivia.brown@example.com was restored, but the other changes were not applied: Last name is reserved [HTTP 422]',
					itemIndex: 0,
				});
				expect(items[0].json.description).toMatch(/active again.*Run again/);
				expect(users.findByEmail('olivia.brown@example.com')).toMatchObject({
					is_active: true,
					last_name: 'Brown',
				});

				const again = await upsert([olivia], { options: { restoreArchived: true } });
				expect(again.json[0]).toMatchObject({
					action: 'updated',
					last_name: 'Brown-Hale',
					changes: { last_name: { previous: 'Brown', current: 'Brown-Hale' } },
				});
			});
		},
	);

	it('fails only the item whose email several Harvest users share, or who cannot be created as given', async () => {
		const leo = sandbox().store.users.findByEmail('leo.fischer@example.com')!;
		// Harvest keeps emails unique; an imported duplicate has to be planted behind the API's back.
		const twin = sandbox().store.users.table.insert({
			...leo,
			id: sandbox().store.users.table.nextId(),
			email: 'Leo.Fischer@example.com ',
		});
		const { status, items } = await upsert(
			[
				{ email: 'leo.fischer@example.com', first: 'Leo', last: 'Fischer' },
				{ email: 'nameless@example.com' },
				{ email: 'not-an-email', first: 'No', last: 'Mail' },
				{ email: 'kai.lund@example.com', first: 'Kai', last: 'Lund' },
			],
			{},
			true,
		);
		expect(status).toBe('success');
		expect(items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.error).toBe(
			`2 Harvest users have the email leo.fischer@example.com (IDs ${twin.id}, ${leo.id}); merge or rename them in Harvest so the email names one person`,
		);
		expect(items[1].json.error).toMatch(
			/No Harvest user has the email nameless@example.com, and creating one needs a first name and a last name/,
		);
		expect(items[2].json.error).toMatch(/"not-an-email" is not an email address/);
		expect(items[3].json).toMatchObject({ action: 'created', email: 'kai.lund@example.com' });
		expect(writes().map((r) => [r.method, (r.body as IDataObject).email])).toEqual([
			['POST', 'kai.lund@example.com'],
		]);
	});
});
