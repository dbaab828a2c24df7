/** What the trigger remembers between polls, as state.ts encodes it and compact.ts packs it. */
import type { IDataObject } from 'n8n-workflow';

import { fromEpochSeconds } from './clock';

export interface KnownUser {
	/** updated_at, epoch seconds (Harvest's timestamps have second precision). */
	at: number;
	active: boolean;
	/** valueKey() of each stored field, in the state's field order (Previous Values = None: a digest of it). */
	values: string[];
	/** Previous Values = None: a digest of all stored fields' values together. */
	sum?: string;
}

export interface Snapshot {
	/** Harvest's time when the last recorded poll read its first page (ISO 8601, seconds). */
	cursor: string | null;
	/** Whether the last recorded poll listed every user for Deleted (so deletions since then can be told). */
	roster: boolean;
	users: Map<number, KnownUser>;
	/** The n8n host's clock (epoch seconds) at that poll: tells a jump back of Harvest's clock. */
	polledAt?: number;
}

/** The snapshot of a checked state, around its decoded users. */
export function snapshotOf(raw: IDataObject, users: Map<number, KnownUser>): Snapshot {
	const cursor = typeof raw.cursor === 'string' ? raw.cursor : null;
	return {
		cursor,
		roster: raw.roster === true,
		users,
		...(typeof raw.polled === 'number' ? { polledAt: raw.polled } : {}),
	};
}

/** For Deleted events: the last values the trigger knew (none when it keeps digests only). */
export function knownFields(user: KnownUser, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	if (user.sum === undefined)
		fields.forEach((f, i) => (out[f] = JSON.parse(user.values[i]) as IDataObject[string]));
	out.is_active = user.active;
	out.updated_at = fromEpochSeconds(user.at);
	return out;
}
