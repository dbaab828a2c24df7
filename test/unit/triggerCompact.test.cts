/**
 * The small trigger state (Previous Values = Don't Keep) and the event identity: pure functions.
 */
import {
	compactUser,
	decodeCompactUsers,
	digestsOf,
	encodeCompactUsers,
	sumWidth,
} from '../../nodes/HarvestUsers/trigger/compact';
import { valueKey } from '../../nodes/HarvestUsers/trigger/fields';
import { eventIdOf, fromChars, hash53, toChars } from '../../nodes/HarvestUsers/trigger/hash';

const FIELDS = ['first_name', 'email', 'weekly_capacity', 'roles'];

describe('trigger digests', () => {
	it('toChars / fromChars round-trip, fixed width, JSON-safe', () => {
		for (const n of [0, 1, 63, 64, 2 ** 35 * 2 - 1, 3_540_000_001]) {
			const text = toChars(n, 6);
			expect(text).toHaveLength(6);
			expect(fromChars(text)).toBe(n);
			expect(JSON.stringify(text)).toBe(`"${text}"`);
		}
		expect(fromChars('a"b')).toBeNaN();
	});

	it('the same values give the same digests; lists compare as sets; any one changed field is named', () => {
		const user = {
			first_name: 'Leo',
			email: 'leo@example.com',
			weekly_capacity: 126000,
			roles: ['Dev', 'QA'],
			is_active: true,
		};
		const a = compactUser(user, 1_700_000_000, FIELDS);
		expect(compactUser({ ...user, roles: ['QA', 'Dev'] }, 1_700_000_000, FIELDS)).toEqual(a);
		expect(a.values).toHaveLength(FIELDS.length);
		expect(a.sum).toHaveLength(sumWidth(FIELDS.length));
		const b = compactUser({ ...user, weekly_capacity: 90000 }, 1_700_000_001, FIELDS);
		expect(b.sum).not.toBe(a.sum);
		expect(
			digestsOf(
				FIELDS,
				FIELDS.map((f) => valueKey((user as Record<string, unknown>)[f])),
			),
		).toEqual({ values: a.values, sum: a.sum });
		expect(hash53('x')).toBe(hash53('x'));
		expect(hash53('x', 1)).not.toBe(hash53('x', 2));
	});

	it('encodes users in about 16 + 6 characters each and decodes them back; refuses records that do not line up', () => {
		const users = [3, 4, 10].map((id, i) => ({
			id,
			row: compactUser(
				{ first_name: `U${id}`, email: `u${id}@x.io`, is_active: i !== 1 },
				1_700_000_000 + i,
				FIELDS,
			),
		}));
		const stored = encodeCompactUsers(
			users.map((u) => u.id),
			users.map((u) => u.row),
		);
		expect(stored.ids).toEqual([3, 1, 6]);
		expect((stored.rec as string).length).toBe(3 * (6 + FIELDS.length + sumWidth(FIELDS.length)));
		const back = decodeCompactUsers(JSON.parse(JSON.stringify(stored)), FIELDS);
		expect(back).toEqual(new Map(users.map((u) => [u.id, u.row])));
		expect(decodeCompactUsers({ ...stored, rec: (stored.rec as string).slice(1) }, FIELDS)).toMatch(
			/do not line up/,
		);
		expect(decodeCompactUsers({ ...stored, ids: [3, -1, 6] }, FIELDS)).toMatch(/not ascending/);
		expect(decodeCompactUsers(stored, [...FIELDS, 'timezone'])).toMatch(/do not line up/);
	});

	it('eventId: the same change gives the same id, whatever the key order; another change another id', () => {
		const id = eventIdOf(7, 'updated', '2026-01-01T00:00:00Z', { email: 'a@x.io', roles: ['Dev'] });
		expect(
			eventIdOf(7, 'updated', '2026-01-01T00:00:00Z', { roles: ['Dev'], email: 'a@x.io' }),
		).toBe(id);
		expect(id).toMatch(/^updated-7-[A-Za-z0-9_-]{12}$/);
		expect(
			eventIdOf(7, 'updated', '2026-01-01T00:00:01Z', { email: 'a@x.io', roles: ['Dev'] }),
		).not.toBe(id);
		expect(
			eventIdOf(7, 'updated', '2026-01-01T00:00:00Z', { email: 'b@x.io', roles: ['Dev'] }),
		).not.toBe(id);
		expect(
			eventIdOf(8, 'updated', '2026-01-01T00:00:00Z', { email: 'a@x.io', roles: ['Dev'] }),
		).not.toBe(id);
	});
});
