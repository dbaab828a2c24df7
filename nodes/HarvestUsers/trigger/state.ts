/**
 * The trigger's memory, kept in n8n's workflow static data: per user only what classifying a
 * change needs (updated_at, is_active and the stored fields' values), so 10,000 users fit in
 * well under a megabyte. Values are interned: timezones, roles, capacities and rates repeat
 * across users, and each distinct value is written once.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { fromEpochSeconds } from './clock';

export interface KnownUser {
	/** updated_at, epoch seconds (Harvest's timestamps have second precision). */
	at: number;
	active: boolean;
	/** valueKey() of each stored field, in the state's field order. */
	values: string[];
}

export interface Snapshot {
	/** Harvest's time when the last recorded poll read its first page (ISO 8601, seconds). */
	cursor: string | null;
	/** Whether the last recorded poll listed every user for Deleted (so deletions since then can be told). */
	roster: boolean;
	users: Map<number, KnownUser>;
}

const VERSION = 1;

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
}

const STATE_KEYS: ReadonlyArray<keyof StoredState> = ['v', 'fp', 'cursor', 'roster', 'fields', 'values', 'users'];

/**
 * Which Harvest account and which layout the state belongs to. A different account (or base URL)
 * means the remembered users are someone else's; different fields mean the stored values no
 * longer line up. Either way the trigger starts over.
 */
export function stateFingerprint(baseUrl: string, accountId: string, fields: readonly string[]): string {
	return createHash('sha256')
		.update(`${baseUrl.replace(/\/+$/, '').toLowerCase()}\n${accountId.trim()}\n${fields.join(',')}`)
		.digest('hex')
		.slice(0, 16);
}

export function encodeState(snapshot: Snapshot, fingerprint: string, fields: readonly string[]): StoredState {
	const ids = [...snapshot.users.keys()].sort((a, b) => a - b);
	const rows = ids.map((id) => snapshot.users.get(id) as KnownUser);
	// The most frequent values get the shortest indexes: a shared timezone costs one digit per
	// user, and only unique values (emails) pay for a long one.
	const counts = new Map<string, number>();
	for (const row of rows) for (const key of row.values) counts.set(key, (counts.get(key) ?? 0) + 1);
	const keys = [...counts.keys()].sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number));
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
	};
}

function isNumberList(value: unknown, length: number): value is number[] {
	return Array.isArray(value) && value.length === length && value.every((n) => typeof n === 'number');
}

/**
 * The snapshot stored for this fingerprint, or undefined when there is none to continue from
 * (first activation, another account, other fields, or a state this version cannot read); the
 * caller then seeds afresh rather than guessing.
 */
export function decodeState(raw: IDataObject, fingerprint: string, fields: readonly string[]): Snapshot | undefined {
	if (raw.v !== VERSION || raw.fp !== fingerprint) return undefined;
	if (!Array.isArray(raw.fields) || raw.fields.join(',') !== fields.join(',')) return undefined;
	const stored = raw.users as StoredUsers | undefined;
	if (!Array.isArray(raw.values) || !stored || !Array.isArray(stored.ids)) return undefined;
	const n = stored.ids.length;
	const keys = (raw.values as unknown[]).map((v) => JSON.stringify(v));
	const columns = Array.isArray(stored.columns) ? stored.columns : [];
	const valid =
		isNumberList(stored.ids, n) &&
		isNumberList(stored.at, n) &&
		typeof stored.active === 'string' &&
		stored.active.length === n &&
		columns.length === fields.length &&
		columns.every((c) => isNumberList(c, n) && c.every((i) => keys[i] !== undefined));
	if (!valid) return undefined;
	const users = new Map<number, KnownUser>();
	let id = 0;
	for (let u = 0; u < n; u++) {
		id += stored.ids[u];
		users.set(id, { at: stored.at[u], active: stored.active[u] === '1', values: columns.map((c) => keys[c[u]]) });
	}
	const cursor = typeof raw.cursor === 'string' ? raw.cursor : null;
	return { cursor, roster: raw.roster === true, users };
}

/** Replaces the trigger's keys in n8n's static data object in one go. */
export function writeState(staticData: IDataObject, state: StoredState): void {
	for (const key of Object.keys(staticData)) if (!STATE_KEYS.includes(key)) delete staticData[key];
	for (const key of STATE_KEYS) staticData[key] = state[key];
}

/** For Deleted events: the last values the trigger knew. */
export function knownFields(user: KnownUser, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	fields.forEach((f, i) => (out[f] = JSON.parse(user.values[i]) as IDataObject[string]));
	out.is_active = user.active;
	out.updated_at = fromEpochSeconds(user.at);
	return out;
}
