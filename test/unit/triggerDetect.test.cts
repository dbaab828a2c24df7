import type { IDataObject } from 'n8n-workflow';

import {
	detectChanges,
	emptySnapshot,
	type DetectOptions,
	type TriggerEvent,
} from '../../nodes/HarvestUsers/trigger/detect';
import { storedFields, watchedFields } from '../../nodes/HarvestUsers/trigger/fields';
import type { Snapshot } from '../../nodes/HarvestUsers/trigger/state';

const ALL: TriggerEvent[] = ['created', 'updated', 'archived', 'reactivated', 'deleted'];

function user(id: number, updatedAt: string, extra: IDataObject = {}): IDataObject {
	return {
		id,
		first_name: `First${id}`,
		last_name: 'Doe',
		email: `u${id}@example.com`,
		is_active: true,
		weekly_capacity: 126000,
		roles: ['Developer'],
		access_roles: ['member'],
		created_at: '2026-01-01T00:00:00Z',
		updated_at: updatedAt,
		...extra,
	};
}

function options(over: Partial<DetectOptions> & { watch?: string[] } = {}): DetectOptions {
	const watched = watchedFields(over.watch ?? []);
	return {
		fields: storedFields(watched),
		watched,
		events: new Set(ALL),
		fullRoster: false,
		tracksDeletions: false,
		serverTime: '2026-06-01T12:00:00Z',
		...over,
	};
}

/** The snapshot after seeding with `users` (a full roster, nothing emitted). */
function seeded(
	users: IDataObject[],
	over: Partial<DetectOptions> & { watch?: string[] } = {},
): Snapshot {
	const seed = detectChanges(
		emptySnapshot(),
		users,
		options({ ...over, events: new Set(), fullRoster: true }),
	);
	expect(seed.items).toEqual([]);
	return seed.next;
}

const T1 = '2026-06-01T10:00:00Z';
const T2 = '2026-06-01T11:00:00Z';

describe('trigger change detection', () => {
	it('seeding remembers everyone, emits nothing and takes Harvest’s time as the cursor', () => {
		const seed = detectChanges(
			emptySnapshot(),
			[user(1, T1), user(2, T2)],
			options({ events: new Set(), fullRoster: true, tracksDeletions: true }),
		);
		expect(seed.items).toEqual([]);
		expect([...seed.next.users.keys()]).toEqual([1, 2]);
		expect(seed.next).toMatchObject({ cursor: '2026-06-01T12:00:00Z', roster: true });
		expect(seed.changed).toBe(true);
	});

	it('without a Date header the cursor is the newest updated_at (never moving back)', () => {
		const prev = seeded([user(1, T1)], { serverTime: undefined });
		expect(prev.cursor).toBe(T1);
		const d = detectChanges(
			prev,
			[user(1, T2, { email: 'x@example.com' })],
			options({ serverTime: undefined }),
		);
		expect(d.next.cursor).toBe(T2);
		const again = detectChanges(
			{ ...prev, cursor: '2026-06-02T00:00:00Z' },
			[user(1, T2)],
			options({ serverTime: undefined }),
		);
		expect(again.next.cursor).toBe('2026-06-02T00:00:00Z');
	});

	it('a re-read user that has not changed emits nothing and leaves the state unchanged', () => {
		const prev = seeded([user(1, T1), user(2, T1)]);
		const d = detectChanges(prev, [user(1, T1), user(2, T1)], options());
		expect(d.items).toEqual([]);
		expect(d.changed).toBe(false);
	});

	it('classifies created, updated, archived and reactivated, oldest change first', () => {
		const prev = seeded([user(1, T1), user(2, T1), user(3, T1, { is_active: false })]);
		const d = detectChanges(
			prev,
			[
				user(4, '2026-06-01T11:30:00Z'),
				user(1, T2, { weekly_capacity: 72000 }),
				user(2, '2026-06-01T11:10:00Z', { is_active: false }),
				user(3, T2, { is_active: true }),
			],
			options(),
		);
		expect(d.items.map((i) => `${i.event}:${i.id}`)).toEqual([
			'updated:1',
			'reactivated:3',
			'archived:2',
			'created:4',
		]);
		expect(d.items[0].changes).toEqual({ weekly_capacity_hours: { previous: 35, current: 20 } });
		expect(d.items[2].changes).toEqual({ is_active: { previous: true, current: false } });
		expect(d.items[3].changes).toBeUndefined();
	});

	it('a second change stamped in the same second is still an update; a stale older copy is ignored', () => {
		const prev = seeded([user(1, T1)]);
		const same = detectChanges(prev, [user(1, T1, { email: 'new@example.com' })], options());
		expect(same.items.map((i) => i.changes)).toEqual([
			{ email: { previous: 'u1@example.com', current: 'new@example.com' } },
		]);

		const stale = detectChanges(
			same.next,
			[user(1, '2026-06-01T09:59:59Z', { email: 'u1@example.com' })],
			options(),
		);
		expect(stale.items).toEqual([]);
		expect(stale.changed).toBe(false);
	});

	it('lists compare as sets: a reordered roles list is no change', () => {
		const prev = seeded([user(1, T1, { roles: ['A', 'B'] })]);
		const d = detectChanges(prev, [user(1, T2, { roles: ['B', 'A'] })], options());
		expect(d.items).toEqual([]);
		expect(d.changed).toBe(true); // the newer updated_at is remembered
	});

	it('watch fields: a change to an unwatched field updates the memory quietly, and `changes` lists watched fields only', () => {
		const watch = ['weekly_capacity'];
		const prev = seeded([user(1, T1)], { watch });
		const quiet = detectChanges(prev, [user(1, T2, { first_name: 'Renamed' })], options({ watch }));
		expect(quiet.items).toEqual([]);
		expect(quiet.changed).toBe(true);
		const loud = detectChanges(
			quiet.next,
			[user(1, '2026-06-01T11:05:00Z', { first_name: 'Again', weekly_capacity: 1800 })],
			options({ watch }),
		);
		expect(loud.items[0].changes).toEqual({
			weekly_capacity_hours: { previous: 35, current: 0.5 },
		});
	});

	it('an archive is an update when only Updated is selected and a watched field changed with it; otherwise nothing', () => {
		const prev = seeded([user(1, T1), user(2, T1)]);
		const d = detectChanges(
			prev,
			[user(1, T2, { is_active: false, weekly_capacity: 0 }), user(2, T2, { is_active: false })],
			options({ events: new Set<TriggerEvent>(['updated']) }),
		);
		expect(d.items.map((i) => `${i.event}:${i.id}`)).toEqual(['updated:1']);
		expect(d.items[0].changes).toEqual({
			weekly_capacity_hours: { previous: 35, current: 0 },
			is_active: { previous: true, current: false },
		});
		expect([...d.next.users.values()].map((u) => u.active)).toEqual([false, false]);
	});

	it('deleted: a remembered user missing from a full roster, with the last known identity; not when hidden, nor without a roster baseline', () => {
		const watch = ['weekly_capacity'];
		const prev = seeded([user(1, T1), user(2, T1)], { watch, tracksDeletions: true });
		const d = detectChanges(
			prev,
			[user(2, T1)],
			options({ fullRoster: true, tracksDeletions: true, watch }),
		);
		expect(d.items).toEqual([
			{
				id: 1,
				first_name: 'First1',
				last_name: 'Doe',
				email: 'u1@example.com',
				weekly_capacity: 126000,
				is_active: true,
				updated_at: T1,
				event: 'deleted',
				eventId: expect.stringMatching(/^deleted-1-/),
			},
		]);
		expect([...d.next.users.keys()]).toEqual([2]);

		const hidden = detectChanges(
			prev,
			[user(2, T1)],
			options({ fullRoster: true, tracksDeletions: true, watch, hidden: new Set([1]) }),
		);
		expect(hidden.items).toEqual([]);
		expect([...hidden.next.users.keys()]).toEqual([2]);

		const noBaseline = detectChanges(
			{ ...prev, roster: false },
			[user(2, T1)],
			options({ fullRoster: true, tracksDeletions: true, watch }),
		);
		expect(noBaseline.items).toEqual([]);
		expect([...noBaseline.next.users.keys()]).toEqual([2]);
	});

	it('an updated_since window (not a full roster) never reports deletions and clears the roster baseline once', () => {
		const prev = seeded([user(1, T1), user(2, T1)], { tracksDeletions: true });
		expect(prev.roster).toBe(true);
		const d = detectChanges(prev, [], options());
		expect(d.items).toEqual([]);
		expect(d.next.users.size).toBe(2);
		expect(d.next.roster).toBe(false);
		expect(d.changed).toBe(true);
		expect(detectChanges(d.next, [], options()).changed).toBe(false);
	});

	it('skips records without a usable id or updated_at instead of remembering garbage', () => {
		const d = detectChanges(
			emptySnapshot(),
			[{ id: 'x', updated_at: T1 }, { id: 5 }, user(6, T1)],
			options({ fullRoster: true }),
		);
		expect([...d.next.users.keys()]).toEqual([6]);
	});
});
