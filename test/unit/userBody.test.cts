import { changeMembership } from '../../nodes/HarvestUsers/actions/shared/membership';
import {
	createUserFieldOptions,
	updateUserFieldOptions,
} from '../../nodes/HarvestUsers/actions/user/fields/user.descriptions';
import { toUserBody } from '../../nodes/HarvestUsers/actions/user/fields/userBody';
import { timezoneOptions } from '../../nodes/HarvestUsers/rules/timezones';

describe('user body', () => {
	it('maps the fields a person added to Harvest’s keys, converting and checking them', () => {
		expect(
			toUserBody(
				{
					firstName: ' Jane ',
					email: 'Jane@Example.com',
					weeklyCapacity: '37.5',
					accessRole: 'manager',
					managerPermissions: ['project_creator'],
					roles: 'Designer, QA, Designer',
					isContractor: 'true',
					timezone: 'Berlin',
				},
				'create',
			),
		).toEqual({
			first_name: 'Jane',
			email: 'Jane@Example.com',
			weekly_capacity: 135000,
			access_roles: ['manager', 'project_creator'],
			roles: ['Designer', 'QA'],
			is_contractor: true,
			timezone: 'Berlin',
		});
	});

	it('sends no access roles unless a role or permissions were given; permissions alone mean member on create', () => {
		expect(toUserBody({ lastName: 'Doe' }, 'update')).toEqual({ last_name: 'Doe' });
		expect(toUserBody({ accessRole: 'administrator' }, 'update')).toEqual({
			access_roles: ['administrator'],
		});
		expect(() => toUserBody({ managerPermissions: ['estimates_manager'] }, 'create')).toThrow(
			/apply only to the Manager access role/,
		);
		expect(() => toUserBody({ managerPermissions: [] }, 'update')).toThrow(
			/need the Access Role too/,
		);
	});

	it('refuses empty names, bad emails, negative rates, non-boolean flags, and rates on update', () => {
		expect(() => toUserBody({ firstName: '  ' }, 'update')).toThrow('First Name cannot be empty');
		expect(() => toUserBody({ email: 'jane' }, 'create')).toThrow('"jane" is not an email address');
		expect(() => toUserBody({ costRate: -1 }, 'create')).toThrow(
			/Cost Rate must be a number of 0 or more/,
		);
		expect(() => toUserBody({ isActive: 'yes' }, 'create')).toThrow(
			'Is Active must be true or false, got "yes"',
		);
		expect(() => toUserBody({ costRate: 50 }, 'update')).toThrow(/use the Cost Rate resource/);
		expect(toUserBody({ costRate: '50', defaultHourlyRate: 0, isActive: false }, 'create')).toEqual(
			{
				cost_rate: 50,
				default_hourly_rate: 0,
				is_active: false,
			},
		);
	});

	it('offers rates only on create, names only on update, with no legacy fields, sorted by name', () => {
		const names = (options: typeof createUserFieldOptions) => options.map((o) => o.name);
		expect(names(createUserFieldOptions)).toEqual(
			expect.arrayContaining(['defaultHourlyRate', 'costRate', 'isActive']),
		);
		expect(names(createUserFieldOptions)).not.toContain('email');
		expect(names(updateUserFieldOptions)).toEqual(
			expect.arrayContaining(['firstName', 'lastName', 'email']),
		);
		expect(
			names(updateUserFieldOptions).filter((n) => /defaultHourlyRate|costRate|isActive/.test(n)),
		).toEqual([]);
		for (const options of [createUserFieldOptions, updateUserFieldOptions]) {
			expect(
				names(options).filter((n) => /^(is_admin|isAdmin|isProjectManager|can)/.test(n)),
			).toEqual([]);
			const labels = options.map((o) => o.displayName);
			expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
		}
	});
});

describe('membership changes (teammates, role members)', () => {
	it('add keeps everyone and appends the new ones once', () => {
		expect(changeMembership([1, 2], [2, 3, 3], 'add')).toEqual({
			ids: [1, 2, 3],
			added: [3],
			removed: [],
			changed: true,
		});
	});

	it('remove keeps the others; removing someone absent changes nothing', () => {
		expect(changeMembership([1, 2, 3], [2], 'remove')).toEqual({
			ids: [1, 3],
			added: [],
			removed: [2],
			changed: true,
		});
		expect(changeMembership([1, 3], [9], 'remove')).toEqual({
			ids: [1, 3],
			added: [],
			removed: [],
			changed: false,
		});
	});

	it('set replaces, and an empty set removes everyone', () => {
		expect(changeMembership([1, 2], [2, 4], 'set')).toEqual({
			ids: [2, 4],
			added: [4],
			removed: [1],
			changed: true,
		});
		expect(changeMembership([1, 2], [], 'set')).toEqual({
			ids: [],
			added: [],
			removed: [1, 2],
			changed: true,
		});
	});
});

describe('timezones', () => {
	it('offers Harvest’s names as values (not IANA ones), each once', () => {
		const options = timezoneOptions();
		expect(options).toContainEqual({
			name: 'Berlin',
			value: 'Berlin',
			description: 'Europe/Berlin',
		});
		expect(options).toContainEqual({
			name: 'Eastern Time (US & Canada)',
			value: 'Eastern Time (US & Canada)',
			description: 'America/New_York',
		});
		expect(options.map((o) => o.value).filter((v) => v.includes('/'))).toEqual([]);
		expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
		expect(options).toHaveLength(65);
	});
});
