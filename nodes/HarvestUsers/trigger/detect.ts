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

import { changesForPeople, type Changes } from '../display/changes';
import { toId } from '../transport';
import { fromEpochSeconds, later, toEpochSeconds } from './clock';
import { compactUser } from './compact';
import { valueKey, type WatchableField } from './fields';
import { eventIdOf } from './hash';
import { knownFields, type KnownUser, type Snapshot } from './snapshot';

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
	/** The latest cursor that may be kept (epoch seconds): the host's clock plus a skew allowance. */
	maxCursor?: number;
	/** The host's clock at this poll (epoch seconds), remembered for the next one. */
	polledAt?: number;
	/** Users missing from the roster that the token may no longer see: forgotten, not deleted. */
	hidden?: ReadonlySet<number>;
	/** Previous Values = None: remember digests, report changes without `previous`. */
	compact?: boolean;
}

interface Detection {
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

export function detectChanges(
	previous: Snapshot,
	users: readonly IDataObject[],
	options: DetectOptions,
): Detection {
	const known = new Map(previous.users);
	const emitted: Emitted[] = [];
	const seen = new Set<number>();
	const roster = options.fullRoster && options.tracksDeletions;
	let changed = roster !== previous.roster;
	let newest: string | null = null;
	const serverNow = toEpochSeconds(options.serverTime);

	for (const user of users) {
		const id = toId(user.id);
		const at = toEpochSeconds(user.updated_at);
		if (id === undefined || at === undefined) continue;
		seen.add(id);
		newest = later(newest, user.updated_at as string);
		const current: KnownUser = options.compact
			? compactUser(user, at, options.fields)
			: {
					at,
					active: user.is_active !== false,
					values: options.fields.map((f) => valueKey(user[f])),
				};
		const before = known.get(id);
		if (before && !isNews(before, current, serverNow)) continue;
		known.set(id, current);
		changed = true;
		const json = before
			? classify(user, before, current, options)
			: options.events.has('created')
				? created(user, id)
				: undefined;
		if (json) emitted.push({ at, id, json });
	}

	const deleted = options.fullRoster ? forgetMissing(previous, known, seen, options) : [];
	changed ||= known.size !== previous.users.size || deleted.length > 0;
	emitted.sort((a, b) => a.at - b.at || a.id - b.id);
	return {
		items: [...emitted.map((e) => e.json), ...deleted],
		next: {
			cursor: nextCursor(previous, newest, options),
			roster,
			users: known,
			polledAt: options.polledAt,
		},
		changed,
	};
}

/**
 * Whether a re-read user tells something new. A copy older than the one remembered comes from a
 * lagging replica and tells nothing, unless the remembered stamp lies in Harvest's future: then
 * Harvest's clock has gone back since, and the older-looking copy is the newer change.
 */
function isNews(before: KnownUser, current: KnownUser, serverNow: number | undefined): boolean {
	const differing =
		current.values.some((v, i) => before.values[i] !== v) ||
		before.active !== current.active ||
		before.sum !== current.sum;
	if (current.at < before.at) return differing && serverNow !== undefined && before.at > serverNow;
	return current.at !== before.at || differing;
}

/** The output item for a change of a remembered user, or undefined when no selected event fits. */
function classify(
	user: IDataObject,
	before: KnownUser,
	current: KnownUser,
	options: DetectOptions,
): IDataObject | undefined {
	const { events } = options;
	const changes = fieldChanges(user, before, current, options);
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
	if (!event || !events.has(event)) return undefined;
	const told = changesForPeople(changes);
	return {
		...user,
		event,
		eventId: eventIdOf(toId(user.id) as number, event, user.updated_at, currents(told)),
		changes: told,
	};
}

function created(user: IDataObject, id: number): IDataObject {
	return { ...user, event: 'created', eventId: eventIdOf(id, 'created', user.updated_at) };
}

/** The new values of the changed fields: what, besides who and when, makes a change this change. */
function currents(changes: Changes): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(changes).map(([field, change]) => [field, change.current]),
	);
}

/**
 * The watched fields that changed. With digests only, a field whose one-character digest
 * collided (about 1 in 64) cannot be named: the record digest still tells that something
 * watched changed, so every watched field is given with its current value then.
 */
function fieldChanges(
	user: IDataObject,
	before: KnownUser,
	current: KnownUser,
	options: DetectOptions,
): Changes {
	const watched = new Set<string>(options.watched);
	const changes: Changes = {};
	const differs = (i: number) => before.values[i] !== current.values[i];
	const named = options.fields.some((f, i) => watched.has(f) && differs(i));
	const unnamed = options.compact && !named && before.sum !== current.sum;
	options.fields.forEach((field, i) => {
		if (!watched.has(field) || !(differs(i) || unnamed)) return;
		if (options.compact) changes[field] = { current: JSON.parse(valueKey(user[field])) };
		else
			changes[field] = {
				previous: JSON.parse(before.values[i]),
				current: JSON.parse(current.values[i]),
			};
	});
	return changes;
}

/** Forgets remembered users missing from a full roster; the Deleted items for those to report. */
function forgetMissing(
	previous: Snapshot,
	known: Map<number, KnownUser>,
	seen: ReadonlySet<number>,
	options: DetectOptions,
): IDataObject[] {
	const deleted: IDataObject[] = [];
	for (const [id, user] of known) {
		if (seen.has(id)) continue;
		known.delete(id);
		// Only a roster listed last time can tell a deletion since then; when Deleted was just
		// selected, users that vanished earlier are dropped quietly instead of reported late.
		const reported = previous.roster && options.events.has('deleted') && !options.hidden?.has(id);
		if (!reported) continue;
		const last = knownFields(user, options.fields);
		deleted.push({
			id,
			...last,
			event: 'deleted',
			eventId: eventIdOf(id, 'deleted', last.updated_at),
		});
	}
	return deleted;
}

/** Harvest's time at this poll, never beyond the host's clock plus the allowance. */
function nextCursor(
	previous: Snapshot,
	newest: string | null,
	options: DetectOptions,
): string | null {
	const cursor = options.serverTime ?? later(previous.cursor, newest);
	const seconds = toEpochSeconds(cursor);
	if (seconds === undefined || options.maxCursor === undefined || seconds <= options.maxCursor)
		return cursor;
	return fromEpochSeconds(options.maxCursor);
}
