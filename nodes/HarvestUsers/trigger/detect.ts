/**
 * Change detection: the users Harvest returned, compared with what the trigger remembers.
 *
 * The remembered snapshot is the de-duplication memory. A user re-read in the overlapping window
 * (or by a poll that runs twice) matches what is remembered and emits nothing; that makes
 * "created" keyed on the id alone and "updated" on id + updated_at, as anchors §C.9 asks, and
 * it also catches a second change stamped with the same second, which an id + updated_at key
 * alone would swallow. Nothing here filters on the cursor again (Airbyte #2828).
 */
import type { IDataObject } from 'n8n-workflow';

import { later, toEpochSeconds } from './clock';
import { valueKey, type WatchableField } from './fields';
import { knownFields, type KnownUser, type Snapshot } from './state';

export const TRIGGER_EVENTS = ['created', 'updated', 'archived', 'reactivated', 'deleted'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export interface DetectOptions {
	/** The state's layout: the fields remembered per user. */
	fields: readonly WatchableField[];
	/** Fields whose change makes an Updated event. */
	watched: readonly WatchableField[];
	events: ReadonlySet<TriggerEvent>;
	/** `users` is the whole account, so a remembered user missing from it was deleted. */
	fullRoster: boolean;
	/**
	 * Deleted is selected (even while seeding, when nothing is emitted): this roster becomes the
	 * baseline the next poll's deletions are told against.
	 */
	tracksDeletions: boolean;
	/** Harvest's Date at the first page; the next cursor. */
	serverTime?: string;
	/** Users missing from the roster that the token may no longer see: forgotten, not deleted. */
	hidden?: ReadonlySet<number>;
}

export interface Detection {
	/** Output items, oldest change first, deletions last. */
	items: IDataObject[];
	next: Snapshot;
	/** Whether `next` differs from the previous snapshot (otherwise nothing needs saving). */
	changed: boolean;
}

export function emptySnapshot(): Snapshot {
	return { cursor: null, roster: false, users: new Map() };
}

interface Emitted {
	at: number;
	id: number;
	json: IDataObject;
}

type Changes = Record<string, { previous: unknown; current: unknown }>;

export function detectChanges(previous: Snapshot, users: readonly IDataObject[], options: DetectOptions): Detection {
	const { fields, events } = options;
	const watched = new Set<string>(options.watched);
	const known = new Map(previous.users);
	const emitted: Emitted[] = [];
	const seen = new Set<number>();
	const roster = options.fullRoster && options.tracksDeletions;
	let changed = roster !== previous.roster;
	let newest: string | null = null;

	for (const user of users) {
		const id = Number(user.id);
		const at = toEpochSeconds(user.updated_at);
		if (!Number.isSafeInteger(id) || id <= 0 || at === undefined) continue;
		seen.add(id);
		newest = later(newest, user.updated_at as string);
		const current: KnownUser = { at, active: user.is_active !== false, values: fields.map((f) => valueKey(user[f])) };
		const before = known.get(id);
		if (!before) {
			known.set(id, current);
			changed = true;
			if (events.has('created')) emitted.push({ at, id, json: { ...user, event: 'created' } });
			continue;
		}
		// An older copy than the one remembered (a lagging replica): it tells nothing new.
		if (at < before.at) continue;
		const differing = fields.filter((_, i) => before.values[i] !== current.values[i]);
		if (at === before.at && before.active === current.active && differing.length === 0) continue;
		known.set(id, current);
		changed = true;

		const changes: Changes = {};
		for (const field of differing) {
			if (!watched.has(field)) continue;
			const i = fields.indexOf(field);
			changes[field] = { previous: JSON.parse(before.values[i]), current: JSON.parse(current.values[i]) };
		}
		const fieldsChanged = Object.keys(changes).length > 0;
		let event: TriggerEvent | undefined;
		if (before.active !== current.active) {
			changes.is_active = { previous: before.active, current: current.active };
			event = current.active ? 'reactivated' : 'archived';
			// Archived / reactivated not selected: the watched fields that changed with it still count.
			if (!events.has(event)) event = fieldsChanged ? 'updated' : undefined;
		} else if (fieldsChanged) {
			event = 'updated';
		}
		if (event && events.has(event)) emitted.push({ at, id, json: { ...user, event, changes } });
	}

	const deleted: IDataObject[] = [];
	if (options.fullRoster) {
		for (const [id, user] of known) {
			if (seen.has(id)) continue;
			known.delete(id);
			changed = true;
			// Only a roster listed last time can tell a deletion since then; when Deleted was just
			// selected, users that vanished earlier are dropped quietly instead of reported late.
			const reported = previous.roster && events.has('deleted') && !options.hidden?.has(id);
			if (reported) deleted.push({ id, ...knownFields(user, fields), event: 'deleted' });
		}
	}

	emitted.sort((a, b) => a.at - b.at || a.id - b.id);
	const cursor = options.serverTime ?? later(previous.cursor, newest);
	return {
		items: [...emitted.map((e) => e.json), ...deleted],
		next: { cursor, roster, users: known },
		changed,
	};
}
