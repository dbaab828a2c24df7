/**
 * The trigger's memory, kept in n8n's workflow static data: per user only what classifying a
 * change needs (updated_at, is_active and the stored fields' values), so 10,000 users fit in
 * well under a megabyte. Values are interned: timezones, roles, capacities and rates repeat
 * across users, and each distinct value is written once.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { COMPACT_VERSION, encodeCompactUsers } from './compact';
import { snapshotOf, type KnownUser, type Snapshot } from './snapshot';

export type { KnownUser, Snapshot } from './snapshot';

const VERSION = 1;

/** 9999-12-31T23:59:59Z: any later stamp is damage, not a date. */
const LAST_SECOND = 253_402_300_799;

/**
 * Column by column, so the state is a handful of arrays rather than 10,000 small objects (n8n
 * wraps every nested object of static data in a proxy when it loads a workflow).
 */
interface StoredUsers extends IDataObject {
	/** Ascending user ids, each as the difference to the previous one (ids are mostly dense). */
	ids: number[];
	/** updated_at, epoch seconds. */
	at: number[];
	/** is_active, one "1" or "0" per user. */
	active: string;
	/** Per stored field, an index into `values` per user. */
	columns: number[][];
}

interface StoredState extends IDataObject {
	v: number;
	/** Digest of account, base URL and stored fields; never the token. */
	fp: string;
	cursor: string | null;
	roster: boolean;
	fields: string[];
	/** Distinct field values, the most frequent first. */
	values: unknown[];
	users: StoredUsers;
	/** Host clock at the poll that wrote it, epoch seconds. */
	polled?: number;
}

const STATE_KEYS: ReadonlyArray<keyof StoredState> = [
	'v',
	'fp',
	'cursor',
	'roster',
	'fields',
	'values',
	'users',
	'polled',
];

/**
 * Which Harvest account and which layout the state belongs to. A different account (or base URL)
 * means the remembered users are someone else's; different fields mean the stored values no
 * longer line up. Either way the trigger starts over.
 */
export function stateFingerprint(
	baseUrl: string,
	accountId: string,
	fields: readonly string[],
	compact = false,
): string {
	// `compact` only adds to the text, so a state saved before Previous Values existed still matches.
	return createHash('sha256')
		.update(
			`${baseUrl.replace(/\/+$/, '').toLowerCase()}\n${accountId.trim()}\n${fields.join(',')}${compact ? '\nnone' : ''}`,
		)
		.digest('hex')
		.slice(0, 16);
}

export function encodeState(
	snapshot: Snapshot,
	fingerprint: string,
	fields: readonly string[],
	compact = false,
): StoredState {
	const ids = [...snapshot.users.keys()].sort((a, b) => a - b);
	const rows = ids.map((id) => snapshot.users.get(id) as KnownUser);
	if (compact) {
		const header = {
			v: COMPACT_VERSION,
			fp: fingerprint,
			cursor: snapshot.cursor,
			roster: snapshot.roster,
			fields: [...fields],
		};
		const polled = snapshot.polledAt === undefined ? {} : { polled: snapshot.polledAt };
		return { ...header, users: encodeCompactUsers(ids, rows), ...polled } as unknown as StoredState;
	}
	// The most frequent values get the shortest indexes: a shared timezone costs one digit per
	// user, and only unique values (emails) pay for a long one.
	const counts = new Map<string, number>();
	for (const row of rows) for (const key of row.values) counts.set(key, (counts.get(key) ?? 0) + 1);
	const keys = [...counts.keys()].sort(
		(a, b) => (counts.get(b) as number) - (counts.get(a) as number),
	);
	const index = new Map(keys.map((key, i) => [key, i]));
	return {
		v: VERSION,
		fp: fingerprint,
		cursor: snapshot.cursor,
		roster: snapshot.roster,
		fields: [...fields],
		values: keys.map((key) => JSON.parse(key) as unknown),
		users: {
			ids: ids.map((id, i) => id - (i > 0 ? ids[i - 1] : 0)),
			at: rows.map((row) => row.at),
			active: rows.map((row) => (row.active ? '1' : '0')).join(''),
			columns: fields.map((_, f) => rows.map((row) => index.get(row.values[f]) as number)),
		},
		...(snapshot.polledAt === undefined ? {} : { polled: snapshot.polledAt }),
	};
}

function isNumberList(value: unknown, length: number): value is number[] {
	return (
		Array.isArray(value) && value.length === length && value.every((n) => typeof n === 'number')
	);
}

function isStampList(value: unknown, length: number): value is number[] {
	return (
		isNumberList(value, length) &&
		value.every((n) => Number.isInteger(n) && n >= 0 && n <= LAST_SECOND)
	);
}

export interface ReadState {
	/** The snapshot to continue from; undefined = seed afresh. */
	snapshot?: Snapshot;
	/** Why a state that belongs here was discarded (for the log); undefined when there was none or it was fine. */
	damage?: string;
}

/**
 * The snapshot stored for this fingerprint. Nothing stored, another account or other fields:
 * nothing to continue, quietly. A state that belongs here but holds wrong types or impossible
 * values (a cursor beyond `maxCursor`, which no poll ever writes) is discarded with the reason:
 * continuing from it could throw on every poll or silently stop emitting.
 */
export function readState(
	raw: IDataObject,
	fingerprint: string,
	fields: readonly string[],
	maxCursor: number,
): ReadState {
	if (raw.v === undefined && raw.fp === undefined) return {};
	if (raw.fp !== fingerprint) return {};
	if (raw.v !== VERSION) return { damage: `has version ${JSON.stringify(raw.v)}, not ${VERSION}` };
	if (!Array.isArray(raw.fields) || raw.fields.join(',') !== fields.join(',')) return {};
	try {
		const damage = stateDamage(raw, fields, maxCursor);
		return damage ? { damage } : { snapshot: decodeUsers(raw) };
	} catch (error) {
		return { damage: `could not be read (${(error as Error).message})` };
	}
}

function stateDamage(
	raw: IDataObject,
	fields: readonly string[],
	maxCursor: number,
): string | undefined {
	const stored = raw.users as StoredUsers | undefined;
	if (!Array.isArray(raw.values)) return 'has no value list';
	if (!stored || typeof stored !== 'object' || !Array.isArray(stored.ids))
		return 'has no user list';
	const n = stored.ids.length;
	const ids = stored.ids as unknown[];
	if (!ids.every((step) => typeof step === 'number' && Number.isSafeInteger(step) && step > 0)) {
		return 'has user IDs that are not ascending whole numbers';
	}
	if (!Number.isSafeInteger(stored.ids.reduce((a, b) => a + b, 0)))
		return 'has user IDs beyond 2^53';
	if (!isStampList(stored.at, n)) return 'has update times that are not timestamps';
	if (
		typeof stored.active !== 'string' ||
		stored.active.length !== n ||
		/[^01]/.test(stored.active)
	) {
		return 'has active flags that are not 0 or 1';
	}
	const keys = (raw.values as unknown[]).length;
	const columns = Array.isArray(stored.columns) ? stored.columns : [];
	if (
		columns.length !== fields.length ||
		!columns.every(
			(c) => isNumberList(c, n) && c.every((i) => Number.isInteger(i) && i >= 0 && i < keys),
		)
	) {
		return 'has field values that do not line up';
	}
	return headerDamage(raw, maxCursor);
}

/** What both layouts share: the roster flag, the poll time and the cursor. */
export function headerDamage(raw: IDataObject, maxCursor: number): string | undefined {
	if (typeof raw.roster !== 'boolean') return 'has a roster flag that is not true or false';
	if (raw.polled !== undefined && !isStampList([raw.polled], 1))
		return 'has a poll time that is not a timestamp';
	if (raw.cursor === null) return undefined;
	const cursor = typeof raw.cursor === 'string' ? Date.parse(raw.cursor) / 1000 : NaN;
	if (!Number.isFinite(cursor))
		return `has a cursor that is not a time (${JSON.stringify(raw.cursor)})`;
	if (cursor > maxCursor) return `has a cursor in the future (${String(raw.cursor)})`;
	return undefined;
}

function decodeUsers(raw: IDataObject): Snapshot {
	const stored = raw.users as StoredUsers;
	const keys = (raw.values as unknown[]).map((v) => JSON.stringify(v));
	const users = new Map<number, KnownUser>();
	let id = 0;
	for (let u = 0; u < stored.ids.length; u++) {
		id += stored.ids[u];
		users.set(id, {
			at: stored.at[u],
			active: stored.active[u] === '1',
			values: stored.columns.map((c) => keys[c[u]]),
		});
	}
	return snapshotOf(raw, users);
}

/** Replaces the trigger's keys in n8n's static data object in one go. */
export function writeState(staticData: IDataObject, state: StoredState): void {
	for (const key of Object.keys(staticData)) if (!STATE_KEYS.includes(key)) delete staticData[key];
	for (const key of STATE_KEYS) {
		if (state[key] === undefined) delete staticData[key];
		else staticData[key] = state[key];
	}
}
