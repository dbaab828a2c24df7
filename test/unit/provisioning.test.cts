/**
 * The pure planning behind upsert and reconcile: the desired user read from an item, the field
 * diff, each person's decision, the roster plan and the archive guard.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { desiredUser } from '../../nodes/HarvestUsers/actions/user/provisioning/desiredUser';
import { changedValues, diffUser } from '../../nodes/HarvestUsers/actions/user/provisioning/diff';
import {
	checkArchiveGuard,
	DEFAULT_ARCHIVE_LIMITS,
} from '../../nodes/HarvestUsers/actions/user/provisioning/guard';
import {
	duplicateEmails,
	planPerson,
	planReconcile,
	type RosterEntry,
} from '../../nodes/HarvestUsers/actions/user/provisioning/plan';
import { description as reconcileDescription } from '../../nodes/HarvestUsers/actions/user/reconcile.operation';
import { description as upsertDescription } from '../../nodes/HarvestUsers/actions/user/upsert.operation';

const harvestUser = (overrides: IDataObject = {}): IDataObject => ({
	id: 1,
	first_name: 'Jane',
	last_name: 'Doe',
	email: 'jane.doe@example.com',
	timezone: 'Berlin',
	is_contractor: false,
	is_active: true,
	weekly_capacity: 126000,
	roles: ['Designer', 'Developer'],
	access_roles: ['manager', 'project_creator', 'people_manager'],
	...overrides,
});

const entry = (itemIndex: number, fields: IDataObject): RosterEntry => {
	const desired = desiredUser(fields);
	return { itemIndex, key: desired.key, email: desired.email, desired };
};

describe('desired user from an item', () => {
	it('takes Harvest field names, drops blanks and keeps rates and Is Active for creation only', () => {
		expect(
			desiredUser({
				email: '  Jane.Doe@Example.com ',
				firstName: 'Jane',
				lastName: '',
				weeklyCapacity: '37.5',
				timezone: null,
				roles: 'Designer, Developer',
				defaultHourlyRate: 120,
				isActive: true,
			}),
		).toEqual({
			email: 'Jane.Doe@Example.com',
			key: 'jane.doe@example.com',
			profile: { first_name: 'Jane', weekly_capacity: 135000, roles: ['Designer', 'Developer'] },
			createOnly: { default_hourly_rate: 120, is_active: true },
		});
	});

	it('reads access roles exported as one list, and refuses what Harvest would refuse', () => {
		expect(
			desiredUser({ email: 'a@b.co', accessRole: 'Manager, project_creator' }).profile,
		).toEqual({
			access_roles: ['manager', 'project_creator'],
		});
		expect(
			desiredUser({ email: 'a@b.co', accessRole: ['member', 'people_manager'] }).profile
				.access_roles,
		).toEqual(['member']);
		// An empty permission list on its own says nothing about the role.
		expect(desiredUser({ email: 'a@b.co', managerPermissions: [] }).profile).toEqual({});
		expect(() =>
			desiredUser({
				email: 'a@b.co',
				accessRole: 'member',
				managerPermissions: ['project_creator'],
			}),
		).toThrow(/apply only to the Manager access role/);
		expect(() => desiredUser({ email: 'a@b.co', weeklyCapacity: 37.3 })).toThrow(/half-hour steps/);
		expect(() => desiredUser({ email: 'nobody' })).toThrow(/"nobody" is not an email address/);
	});
});

describe('field diff', () => {
	it('reports only real differences: sets in any order, no people_manager, capacity in seconds, trimmed text', () => {
		const current = harvestUser();
		expect(
			diffUser(current, {
				first_name: ' Jane ',
				roles: ['Developer', 'Designer'],
				access_roles: ['project_creator', 'manager'],
				weekly_capacity: 126000,
				timezone: 'Berlin',
				is_contractor: false,
			}),
		).toEqual({});
		const changes = diffUser(current, {
			roles: ['Designer'],
			weekly_capacity: 144000,
			is_contractor: true,
			telephone: '1',
		});
		expect(changes).toEqual({
			roles: { previous: ['Designer', 'Developer'], current: ['Designer'] },
			weekly_capacity: { previous: 126000, current: 144000 },
			is_contractor: { previous: false, current: true },
			telephone: { previous: null, current: '1' },
		});
		expect(changedValues(changes)).toEqual({
			roles: ['Designer'],
			weekly_capacity: 144000,
			is_contractor: true,
			telephone: '1',
		});
	});
});

describe('one person’s plan (upsert)', () => {
	const jane = desiredUser({
		email: 'JANE.DOE@example.com',
		firstName: 'Jane',
		lastName: 'Doe',
		weeklyCapacity: 40,
		costRate: 50,
	});
	const off = { restoreArchived: false };

	it('creates with every given field, the email as given and the creation-only rates', () => {
		expect(planPerson(jane, [], off)).toEqual({
			action: 'created',
			email: 'JANE.DOE@example.com',
			body: {
				email: 'JANE.DOE@example.com',
				first_name: 'Jane',
				last_name: 'Doe',
				weekly_capacity: 144000,
				cost_rate: 50,
			},
			changes: {
				email: { previous: null, current: 'JANE.DOE@example.com' },
				first_name: { previous: null, current: 'Jane' },
				last_name: { previous: null, current: 'Doe' },
				weekly_capacity: { previous: null, current: 144000 },
				cost_rate: { previous: null, current: 50 },
			},
		});
		expect(() => planPerson(desiredUser({ email: 'x@y.co', firstName: 'X' }), [], off)).toThrow(
			/creating one needs a last name/,
		);
	});

	it('updates only what differs, never the email’s case, and sends nothing when all is equal', () => {
		const updated = planPerson(jane, [harvestUser()], off);
		expect(updated).toMatchObject({ action: 'updated', body: { weekly_capacity: 144000 } });
		expect(planPerson(jane, [harvestUser({ weekly_capacity: 144000 })], off)).toMatchObject({
			action: 'unchanged',
			changes: {},
		});
		expect(planPerson(jane, [harvestUser({ weekly_capacity: 144000 })], off).body).toBeUndefined();
	});

	it('restores an archived user only when asked, in one PATCH with the other changes', () => {
		const archived = harvestUser({ is_active: false, last_name: 'Old' });
		const left = planPerson(jane, [archived], off);
		expect(left).toMatchObject({
			action: 'unchanged',
			changes: {},
			note: expect.stringMatching(/Restore Archived Users/),
		});
		expect(left.body).toBeUndefined();
		expect(planPerson(jane, [archived], { restoreArchived: true })).toMatchObject({
			action: 'restored',
			body: { is_active: true, last_name: 'Doe', weekly_capacity: 144000 },
		});
	});

	it('refuses an email that several Harvest users share', () => {
		expect(() => planPerson(jane, [harvestUser({ id: 7 }), harvestUser({ id: 9 })], off)).toThrow(
			'2 Harvest users have the email JANE.DOE@example.com (IDs 7, 9); merge or rename them in Harvest so the email names one person',
		);
	});
});

describe('the roster plan (reconcile)', () => {
	const users = [
		harvestUser({ id: 1, email: 'jane.doe@example.com' }),
		harvestUser({ id: 2, email: 'owner@example.com' }),
		harvestUser({ id: 3, email: 'leaver@example.com' }),
		harvestUser({ id: 4, email: 'gone@example.com', is_active: false }),
		harvestUser({ id: 5, email: 'bot@example.com' }),
	];
	const roster = [
		entry(0, { email: 'Jane.Doe@example.com', weeklyCapacity: 35 }),
		entry(1, { email: 'new@example.com', firstName: 'New', lastName: 'Person' }),
		{
			itemIndex: 2,
			key: 'broken@example.com',
			email: 'broken@example.com',
			error: 'Access role must be …',
		},
	];
	const options = {
		restoreArchived: false,
		archiveMissing: true,
		protectedEmails: [' BOT@example.com'],
		selfId: 2,
	};

	it('plans each person in input order, then archives the absent active users except protected ones and the credential owner', () => {
		const plan = planReconcile(roster, users, options);
		expect(plan.people.map((p) => [p.itemIndex, p.plan?.action ?? p.error])).toEqual([
			[0, 'unchanged'],
			[1, 'created'],
			[2, 'Access role must be …'],
		]);
		expect(plan.archives.map((a) => [a.email, a.body])).toEqual([
			['leaver@example.com', { is_active: false }],
		]);
		expect(plan.kept).toEqual([
			{ email: 'owner@example.com', reason: 'credential owner' },
			{ email: 'bot@example.com', reason: 'protected' },
		]);
		expect([plan.userCount, plan.activeCount]).toEqual([5, 4]);
	});

	it('archives nobody unless asked, and never someone whose item failed to read', () => {
		expect(planReconcile(roster, users, { ...options, archiveMissing: false }).archives).toEqual(
			[],
		);
		const withBroken = planReconcile(
			roster,
			[...users, harvestUser({ id: 6, email: 'broken@example.com' })],
			options,
		);
		expect(withBroken.archives.map((a) => a.email)).toEqual(['leaver@example.com']);
	});

	it('never archives a user whose email is on the input, even when the entry slipped past the email rules', () => {
		// Entries built by hand: a key and an email still holding invisible and control characters.
		const sneaky = [
			{
				itemIndex: 0,
				key: 'leaver\u0007@example.com',
				email: 'leaver\u0007@example.com',
				error: 'unreadable',
			},
			{ itemIndex: 1, key: 'x', email: 'OWNER@exa\u200Fmple.com', error: 'unreadable' },
		];
		const plan = planReconcile(sneaky, users, {
			...options,
			selfId: undefined,
			protectedEmails: [],
		});
		expect(plan.archives.map((a) => a.email).sort()).toEqual([
			'bot@example.com',
			'jane.doe@example.com',
		]);
	});

	it('finds emails listed twice, whatever their case', () => {
		expect(duplicateEmails([...roster, entry(5, { email: ' jane.doe@EXAMPLE.com' })])).toEqual([
			{ email: 'Jane.Doe@example.com', itemIndexes: [0, 5] },
		]);
	});
});

describe('archive guard', () => {
	it('trips above either limit, and says which', () => {
		expect(checkArchiveGuard(2, 100, DEFAULT_ARCHIVE_LIMITS)).toMatchObject({
			tripped: false,
			archivePercent: 2,
		});
		expect(checkArchiveGuard(10, 50, DEFAULT_ARCHIVE_LIMITS)).toMatchObject({
			tripped: false,
			archivePercent: 20,
		});
		expect(checkArchiveGuard(11, 1000, DEFAULT_ARCHIVE_LIMITS).exceeded).toEqual([
			'more than 10 users',
		]);
		expect(checkArchiveGuard(3, 10, DEFAULT_ARCHIVE_LIMITS).exceeded).toEqual([
			'more than 20% of the active users',
		]);
		expect(checkArchiveGuard(50, 100, DEFAULT_ARCHIVE_LIMITS)).toMatchObject({
			tripped: true,
			archivePercent: 50,
			exceeded: ['more than 10 users', 'more than 20% of the active users'],
		});
		expect(checkArchiveGuard(0, 0, DEFAULT_ARCHIVE_LIMITS).tripped).toBe(false);
		expect(
			checkArchiveGuard(1, 3, { maxArchiveCount: 0, maxArchivePercent: 100 }).exceeded,
		).toEqual(['more than 0 users']);
	});
});

describe('descriptions', () => {
	const byName = (props: INodeProperties[]) => Object.fromEntries(props.map((p) => [p.name, p]));

	it('reconcile is safe by default: dry run on, archiving off, the guard at its documented limits', () => {
		const props = byName(reconcileDescription);
		expect(props.dryRun.default).toBe(true);
		expect(props.archiveMissing.default).toBe(false);
		expect(props.maxArchiveCount.default).toBe(DEFAULT_ARCHIVE_LIMITS.maxArchiveCount);
		expect(props.maxArchivePercent.default).toBe(DEFAULT_ARCHIVE_LIMITS.maxArchivePercent);
		expect(props.email.default).toBe('={{ $json.email }}');
		for (const name of ['protectedEmails', 'maxArchiveCount', 'maxArchivePercent']) {
			expect(props[name].displayOptions?.show).toMatchObject({
				operation: ['reconcile'],
				archiveMissing: [true],
			});
		}
		// Archiving is decided by the roster, not a per-person field.
		expect((props.additionalFields.options as INodeProperties[]).map((o) => o.name)).not.toContain(
			'isActive',
		);
	});

	it('upsert keeps the public parameter names', () => {
		const props = byName(upsertDescription);
		expect(Object.keys(props).sort()).toEqual([
			'additionalFields',
			'email',
			'firstName',
			'lastName',
			'options',
			'output',
			'outputFields',
		]);
		expect((props.options.options as INodeProperties[]).map((o) => o.name)).toEqual([
			'restoreArchived',
		]);
		expect(props.email.required).toBe(true);
	});
});
