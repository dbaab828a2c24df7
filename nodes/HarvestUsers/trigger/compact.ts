/**
 * The trigger's small memory, for Previous Values = None: per user its updated_at, whether it is
 * active and short digests of the watched fields' values instead of the values. That is enough
 * to tell created, updated, archived, reactivated and deleted apart, and to name the field that
 * changed, in about 24 bytes a user (60,000 users in under 1.5 MB), at the price of `previous`.
 */
import type { IDataObject } from 'n8n-workflow';

import { digestChars, fromChars, toChars } from './hash';
import { valueKey } from './fields';
import type { KnownUser, Snapshot } from './snapshot';

export const COMPACT_VERSION = 2;

/** updated_at * 2 + is_active in 6 characters (36 bits): stamps up to the year 3058. */
const STAMP_WIDTH = 6;
const MAX_STAMP = 2 ** 35 - 1;

/**
 * The whole-record digest: with the one-character field digests, a change goes unnoticed only if
 * both collide (2^-24 with every field watched, less with fewer). 16 characters in all per user.
 */
export function sumWidth(fieldCount: number): number {
	return Math.min(8, Math.max(3, 16 - fieldCount));
}

/** The one-character digest of one field's value key, and the record digest of all of them. */
export function digestsOf(
	fields: readonly string[],
	keys: readonly string[],
): { values: string[]; sum: string } {
	return {
		values: fields.map((field, i) => digestChars(`${field}\u0000${keys[i]}`, 1, 3)),
		sum: digestChars(keys.join('\u0001'), sumWidth(fields.length), 4),
	};
}

/** What the small memory keeps of a user Harvest returned. */
export function compactUser(user: IDataObject, at: number, fields: readonly string[]): KnownUser {
	return {
		at,
		active: user.is_active !== false,
		...digestsOf(
			fields,
			fields.map((f) => valueKey(user[f])),
		),
	};
}

/** A snapshot with values (today's state) turned into the small one: nothing re-emitted, nothing lost. */
export function compactSnapshot(snapshot: Snapshot, fields: readonly string[]): Snapshot {
	const users = new Map<number, KnownUser>();
	for (const [id, user] of snapshot.users)
		users.set(id, { at: user.at, active: user.active, ...digestsOf(fields, user.values) });
	return { ...snapshot, users };
}

export function encodeCompactUsers(
	ids: readonly number[],
	rows: readonly KnownUser[],
): IDataObject {
	return {
		ids: ids.map((id, i) => id - (i > 0 ? ids[i - 1] : 0)),
		rec: rows
			.map(
				(row) =>
					toChars(Math.min(row.at, MAX_STAMP) * 2 + (row.active ? 1 : 0), STAMP_WIDTH) +
					row.values.join('') +
					(row.sum ?? ''),
			)
			.join(''),
	};
}

/** The users of a stored small state, or why they cannot be read. */
export function decodeCompactUsers(
	stored: unknown,
	fields: readonly string[],
): Map<number, KnownUser> | string {
	const { ids, rec } = (stored ?? {}) as { ids?: unknown; rec?: unknown };
	if (
		!Array.isArray(ids) ||
		!ids.every((step) => Number.isSafeInteger(step) && (step as number) > 0)
	) {
		return 'has user IDs that are not ascending whole numbers';
	}
	const sum = sumWidth(fields.length);
	const width = STAMP_WIDTH + fields.length + sum;
	if (
		typeof rec !== 'string' ||
		rec.length !== ids.length * width ||
		!/^[A-Za-z0-9_-]*$/.test(rec)
	) {
		return 'has user records that do not line up';
	}
	const users = new Map<number, KnownUser>();
	let id = 0;
	for (let u = 0; u < ids.length; u++) {
		id += ids[u] as number;
		const row = rec.slice(u * width, (u + 1) * width);
		const stamp = fromChars(row.slice(0, STAMP_WIDTH));
		const digests = row.slice(STAMP_WIDTH);
		users.set(id, {
			at: Math.floor(stamp / 2),
			active: stamp % 2 === 1,
			values: [...digests.slice(0, fields.length)],
			sum: digests.slice(fields.length),
		});
	}
	if (!Number.isSafeInteger(id)) return 'has user IDs beyond 2^53';
	return users;
}
