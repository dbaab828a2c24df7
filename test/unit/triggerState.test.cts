import type { IDataObject } from 'n8n-workflow';

import { later, serverTime, updatedSince } from '../../nodes/HarvestUsers/trigger/clock';
import { detectChanges, emptySnapshot } from '../../nodes/HarvestUsers/trigger/detect';
import {
	storedFields,
	valueKey,
	watchedFields,
	WATCHABLE_FIELDS,
} from '../../nodes/HarvestUsers/trigger/fields';
import {
	encodeState,
	readState,
	stateFingerprint,
	writeState,
	type Snapshot,
} from '../../nodes/HarvestUsers/trigger/state';

/** The stored snapshot, or undefined when it may not be continued (any cursor up to year 9999 accepted). */
const decodeState = (
	raw: IDataObject,
	fingerprint: string,
	fields: readonly string[],
): Snapshot | undefined => readState(raw, fingerprint, fields, 253_402_300_799).snapshot;

const TIMEZONES = [
	'Eastern Time (US & Canada)',
	'Pacific Time (US & Canada)',
	'London',
	'Berlin',
	'Tokyo',
	'Brasilia',
];
const FIRST = [
	'Alex',
	'Blake',
	'Casey',
	'Devon',
	'Emery',
	'Finley',
	'Harper',
	'Jordan',
	'Kai',
	'Logan',
	'Morgan',
	'Noel',
];

/** A realistic account: unique names and emails, shared timezones, roles, capacities and rates. */
function account(n: number): IDataObject[] {
	return Array.from({ length: n }, (_, k) => {
		const i = k + 1;
		const first = FIRST[i % FIRST.length];
		const last = `Lastname${(i * 7919) % 6000}`;
		return {
			id: 4_100_000 + i * (1 + (i % 3)),
			first_name: first,
			last_name: last,
			email: `${first}.${last}.${i}@example-company.com`.toLowerCase(),
			telephone: i % 3 ? '' : `+1 555 ${String(i).padStart(5, '0')}`,
			timezone: TIMEZONES[i % TIMEZONES.length],
			has_access_to_all_future_projects: i % 5 === 0,
			is_contractor: i % 9 === 0,
			is_active: i % 11 !== 0,
			weekly_capacity: [126000, 144000, 72000][i % 3],
			default_hourly_rate: 80 + (i % 5) * 10,
			cost_rate: 40 + (i % 4) * 5,
			roles: i % 4 ? ['Developer'] : ['Designer', 'QA'],
			access_roles: i % 17 ? ['member'] : ['manager', 'project_creator'],
			avatar_url: 'https://acme.harvestapp.com/assets/profile_images/big_ben.png?1485372046',
			created_at: '2024-01-01T00:00:00Z',
			updated_at: new Date(1.75e12 + i * 7_919_000).toISOString().replace('.000Z', 'Z'),
		};
	});
}

function snapshotOf(
	users: IDataObject[],
	watch: string[] = [],
): { snapshot: Snapshot; fields: ReturnType<typeof storedFields> } {
	const watched = watchedFields(watch);
	const fields = storedFields(watched);
	const { next } = detectChanges(emptySnapshot(), users, {
		fields,
		watched,
		events: new Set(),
		fullRoster: true,
		tracksDeletions: false,
		serverTime: '2026-06-01T12:00:00Z',
	});
	return { snapshot: next, fields };
}

describe('trigger state', () => {
	it('survives a JSON round trip exactly (as n8n stores it)', () => {
		const { snapshot, fields } = snapshotOf(account(300));
		const fp = stateFingerprint('https://api.harvestapp.com', '123', fields);
		const stored = JSON.parse(JSON.stringify(encodeState(snapshot, fp, fields))) as IDataObject;
		expect(decodeState(stored, fp, fields)).toEqual(snapshot);
	});

	it('takes about 100 bytes a user with every field watched (10,000 users: about 1 MB), less with a few', () => {
		const users = account(10_000);
		const all = snapshotOf(users);
		const few = snapshotOf(users, [
			'email',
			'access_roles',
			'roles',
			'weekly_capacity',
			'is_contractor',
		]);
		const size = (s: ReturnType<typeof snapshotOf>) =>
			JSON.stringify(encodeState(s.snapshot, 'f'.repeat(16), s.fields)).length;
		const allBytes = size(all);
		const fewBytes = size(few);
		console.log(
			`state for 10,000 users: ${allBytes} bytes (all fields), ${fewBytes} bytes (5 watched)`,
		);
		expect(allBytes).toBeLessThan(1_100_000);
		expect(fewBytes).toBeLessThan(allBytes);
	});

	it('gives the most frequent values the shortest indexes', () => {
		const { snapshot, fields } = snapshotOf(account(50), ['timezone']);
		const stored = encodeState(snapshot, 'x', fields);
		const tzColumn = stored.users.columns[fields.indexOf('timezone')];
		expect(Math.max(...tzColumn)).toBeLessThan(TIMEZONES.length);
	});

	it('is not continued for another account, base URL, field list or version, nor when damaged', () => {
		const { snapshot, fields } = snapshotOf(account(5));
		const fp = stateFingerprint('https://api.harvestapp.com', '123', fields);
		const stored = JSON.parse(JSON.stringify(encodeState(snapshot, fp, fields))) as IDataObject;
		expect(
			decodeState(stored, stateFingerprint('https://api.harvestapp.com', '124', fields), fields),
		).toBeUndefined();
		expect(
			decodeState(stored, stateFingerprint('https://proxy.example.com', '123', fields), fields),
		).toBeUndefined();
		const fewer = fields.slice(1);
		expect(
			decodeState(stored, stateFingerprint('https://api.harvestapp.com', '123', fewer), fewer),
		).toBeUndefined();
		expect(decodeState({ ...stored, v: 2 }, fp, fields)).toBeUndefined();
		const users = stored.users as IDataObject;
		expect(
			decodeState({ ...stored, users: { ...users, active: '1' } }, fp, fields),
		).toBeUndefined();
		expect(decodeState({ ...stored, values: [] }, fp, fields)).toBeUndefined();
		expect(decodeState({}, fp, fields)).toBeUndefined();
	});

	it('fingerprints ignore a trailing slash or letter case in the base URL', () => {
		expect(stateFingerprint('https://API.harvestapp.com/', ' 123 ', ['email'])).toBe(
			stateFingerprint('https://api.harvestapp.com', '123', ['email']),
		);
	});

	it('writeState replaces the trigger’s keys and drops unknown ones', () => {
		const { snapshot, fields } = snapshotOf(account(2));
		const staticData: IDataObject = { lastTimeChecked: 'old', v: 0 };
		writeState(staticData, encodeState(snapshot, 'fp', fields));
		expect(Object.keys(staticData).sort()).toEqual([
			'cursor',
			'fields',
			'fp',
			'roster',
			'users',
			'v',
			'values',
		]);
	});
});

describe('trigger clock and fields', () => {
	it('reads Harvest’s Date header to the second, and reaches back 120 s from the cursor', () => {
		expect(serverTime('Thu, 26 Nov 2026 10:00:05 GMT')).toBe('2026-11-26T10:00:05Z');
		expect(serverTime(undefined)).toBeUndefined();
		expect(serverTime('not a date')).toBeUndefined();
		expect(updatedSince('2026-11-26T10:00:05Z')).toBe('2026-11-26T09:58:05Z');
		expect(later('2026-11-26T10:00:05Z', '2026-11-26T09:00:00Z')).toBe('2026-11-26T10:00:05Z');
		expect(later(null, undefined)).toBeNull();
	});

	it('watches every field when none is chosen, and always remembers who a user is', () => {
		expect(watchedFields([])).toEqual([...WATCHABLE_FIELDS]);
		expect(storedFields(watchedFields(['roles', 'email']))).toEqual([
			'first_name',
			'last_name',
			'email',
			'roles',
		]);
		expect(valueKey(['b', 'a'])).toBe(valueKey(['a', 'b']));
		expect(valueKey(undefined)).toBe(valueKey(null));
		expect(valueKey(0)).not.toBe(valueKey('0'));
	});
});
