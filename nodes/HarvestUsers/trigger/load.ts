/**
 * Which stored state a poll continues from, across the layouts a saved workflow may hold: today's
 * (values kept, v1) and the small one (Previous Values = None, v2). A state that keeps more
 * fields than now needed is narrowed, and values are turned into digests, without starting over:
 * nothing is re-emitted and no change in between is lost. Only what cannot be rebuilt (values
 * that were never kept, a field not watched before) starts over.
 */
import type { IDataObject } from 'n8n-workflow';

import { COMPACT_VERSION, compactSnapshot, decodeCompactUsers } from './compact';
import { IDENTITY_FIELDS } from './fields';
import { snapshotOf, type Snapshot } from './snapshot';
import { headerDamage, readState, type ReadState } from './state';

export interface StateKey {
	/** The fingerprint a state of this account with these fields and layout carries. */
	fingerprint: (fields: readonly string[], compact: boolean) => string;
	/** The fields this poll stores, in the state's order. */
	fields: readonly string[];
	/** Previous Values = None. */
	compact: boolean;
	maxCursor: number;
}

export interface LoadedState extends ReadState {
	/** The stored layout differs from the one this poll writes: write even if nothing changed. */
	migrated?: boolean;
}

function storedFieldsOf(raw: IDataObject): string[] | undefined {
	const fields = raw.fields;
	return Array.isArray(fields) && fields.every((f) => typeof f === 'string')
		? (fields as string[])
		: undefined;
}

/** Keeps only `fields` of a snapshot whose values line up with `stored`. */
function narrow(
	snapshot: Snapshot,
	stored: readonly string[],
	fields: readonly string[],
): Snapshot {
	const at = fields.map((f) => stored.indexOf(f));
	for (const user of snapshot.users.values()) user.values = at.map((i) => user.values[i]);
	return snapshot;
}

function readCompact(raw: IDataObject, key: StateKey): LoadedState {
	const damage = headerDamage(raw, key.maxCursor);
	const users = damage ?? decodeCompactUsers(raw.users, key.fields);
	return typeof users === 'string' ? { damage: users } : { snapshot: snapshotOf(raw, users) };
}

export function loadState(raw: IDataObject, key: StateKey): LoadedState {
	const stored = storedFieldsOf(raw);
	const same = stored !== undefined && stored.join(',') === key.fields.join(',');
	// Only the identity fields a Deleted event no longer needs are dropped; another watch list
	// starts over, as the Watch Fields option says.
	const covers =
		stored !== undefined &&
		key.fields.every((f) => stored.includes(f)) &&
		stored.every((f) => key.fields.includes(f) || IDENTITY_FIELDS.includes(f));
	if (raw.v === COMPACT_VERSION && stored) {
		// Digests cannot be narrowed or turned back into values.
		if (raw.fp !== key.fingerprint(stored, true) || !same || !key.compact) return {};
		return readCompact(raw, key);
	}
	if (!covers)
		return readState(raw, key.fingerprint(key.fields, key.compact), key.fields, key.maxCursor);
	const read = readState(raw, key.fingerprint(stored, false), stored, key.maxCursor);
	if (!read.snapshot) return read;
	const narrowed = same ? read.snapshot : narrow(read.snapshot, stored, key.fields);
	if (!key.compact) return { snapshot: narrowed, migrated: !same };
	return { snapshot: compactSnapshot(narrowed, key.fields), migrated: true };
}
