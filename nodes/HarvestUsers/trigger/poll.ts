/**
 * One poll of the Harvest Users Trigger. The order of things is the guarantee:
 * read the state once, read Harvest, compute the new state on the side, build the output, and
 * only then write the state. Any failure before that (the transport has already retried 429s
 * and 5xx) throws with the state untouched, so the next poll re-reads the same window and
 * nothing is lost; a poll that runs twice re-reads users it already remembers and emits nothing.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { simplifyUser } from '../display/simplifyUser';
import {
	configureExecution,
	harvestList,
	readTarget,
	requireWholeRoster,
	settings,
	toId,
} from '../transport';
import { missedSince, SKEW_ALLOWANCE_SECONDS, updatedSince } from './clock';
import { detectChanges, emptySnapshot, TRIGGER_EVENTS, type TriggerEvent } from './detect';
import { isWatchableField, storedFields, watchedFields, type WatchableField } from './fields';
import { confirmMissing, readUsers } from './read';
import { loadState } from './load';
import { encodeState, stateFingerprint, writeState, type ReadState, type Snapshot } from './state';
import { requireStateObject } from './stateType';

/** How many users "Fetch Test Event" shows. */
const SAMPLE_SIZE = 5;

function readEvents(ctx: IPollFunctions): Set<TriggerEvent> {
	const chosen = ctx.getNodeParameter('events', []) as string[];
	const unknown = chosen.filter((e) => !(TRIGGER_EVENTS as readonly string[]).includes(e));
	if (chosen.length === 0 || unknown.length > 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			unknown.length > 0 ? `Unknown event: ${unknown.join(', ')}` : 'No event selected',
			{ description: `Select at least one of the events: ${TRIGGER_EVENTS.join(', ')}.` },
		);
	}
	return new Set(chosen as TriggerEvent[]);
}

function readWatchedFields(ctx: IPollFunctions): WatchableField[] {
	const chosen = ctx.getNodeParameter('watchFields', []) as string[];
	const unknown = chosen.filter((f) => !isWatchableField(f));
	if (unknown.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `Unknown field to watch: ${unknown.join(', ')}`, {
			description:
				'Pick the fields from the Watch Fields list, or leave it empty to watch all of them.',
		});
	}
	return watchedFields(chosen);
}

/** Account and base URL from the credential, digested with a state layout; the token never enters. */
async function fingerprintFor(
	ctx: IPollFunctions,
): Promise<(fields: readonly string[], compact: boolean) => string> {
	const { baseUrl, accountId } = await readTarget(ctx);
	return (fields, compact) => stateFingerprint(baseUrl, accountId, fields, compact);
}

/** The most recently updated users, marked as a sample; stored state is neither read nor written. */
function sampleOf(users: readonly IDataObject[], size = SAMPLE_SIZE): IDataObject[] {
	return [...users]
		.sort(
			(a, b) =>
				String(b.updated_at).localeCompare(String(a.updated_at)) ||
				(toId(b.id) ?? 0) - (toId(a.id) ?? 0),
		)
		.slice(0, size)
		.map((user) => ({ ...user, event: 'sample' }));
}

/** Simplify applies here, to every emitted user, and only to the output: the state keeps what it compares. */
function output(ctx: IPollFunctions, items: IDataObject[]): INodeExecutionData[][] | null {
	const simple = ctx.getNodeParameter('simple', false) === true;
	const shaped = simple
		? items.map((item) => simplifyUser(item, ['event', 'eventId', 'changes']))
		: items;
	return shaped.length > 0 ? [shaped.map((json) => ({ json }))] : null;
}

export async function pollUsers(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { events, watched } = await prepare(ctx);
	if (ctx.getMode() === 'manual') {
		// One page, newest first: enough for a sample without listing a large account.
		const users = await harvestList(ctx, {
			path: '/v2/users',
			key: 'users',
			limit: settings.pageSize,
		});
		return output(ctx, sampleOf(users));
	}

	const compact = ctx.getNodeParameter('previousValues', 'keep') === 'none';
	const fields = storedFields(watched, !compact && events.has('deleted'));
	const staticData = requireStateObject(ctx, ctx.getWorkflowStaticData('node'));
	const now = Math.floor(Date.now() / 1000);
	const fingerprint = await fingerprintFor(ctx);
	const read = loadState(staticData, {
		fingerprint,
		fields,
		compact,
		maxCursor: now + SKEW_ALLOWANCE_SECONDS,
	});
	const previous = previousSnapshot(ctx, read);
	const listing = await readChanges(ctx, previous, events, now);
	const detection = detectChanges(previous ?? emptySnapshot(), listing.users, {
		fields,
		watched,
		// First activation (or a new account or field list): remember everyone, announce nothing.
		events: previous ? events : new Set(),
		fullRoster: listing.fullRoster,
		tracksDeletions: events.has('deleted'),
		hidden: new Set(listing.hidden),
		serverTime: listing.serverTime,
		maxCursor: now + SKEW_ALLOWANCE_SECONDS,
		polledAt: now,
		compact,
	});
	const result = output(ctx, detection.items);
	// An idle poll writes nothing, so n8n stores nothing: the cursor stays where it was, which is
	// safe (the next poll reads a little more), until a poll has something to remember or re-read
	// more than a page (after a burst, moving on keeps the following polls at one request).
	if (
		!previous ||
		read.migrated ||
		detection.changed ||
		(!listing.fullRoster && listing.pages > 1)
	) {
		writeState(
			staticData,
			encodeState(detection.next, fingerprint(fields, compact), fields, compact),
		);
	}
	return result;
}

/** The poll's settings, and the role check the Deleted event needs before anything is read. */
async function prepare(
	ctx: IPollFunctions,
): Promise<{ events: Set<TriggerEvent>; watched: WatchableField[] }> {
	const options = ctx.getNodeParameter('requestOptions', {}) as IDataObject;
	configureExecution(ctx, {
		maxRetries: typeof options.maxRetries === 'number' ? options.maxRetries : undefined,
	});
	const events = readEvents(ctx);
	const watched = readWatchedFields(ctx);
	if (events.has('deleted')) {
		await requireWholeRoster(ctx, {
			what: 'The Deleted event',
			instead: 'unselect Deleted to be told only of changes to the people this user may see',
		});
	}
	return { events, watched };
}

/** The state to continue from; damaged state is logged and dropped, so the poll seeds afresh. */
function previousSnapshot(ctx: IPollFunctions, read: ReadState): Snapshot | undefined {
	if (read.damage) {
		ctx.logger.warn(
			`Harvest Users Trigger: its stored state ${read.damage}, so it was discarded; this poll remembers the current users again and emits nothing (as on activation)`,
			{ node: ctx.getNode().name },
		);
	}
	return read.snapshot;
}

interface Changes {
	users: IDataObject[];
	serverTime?: string;
	pages: number;
	fullRoster: boolean;
	hidden: number[];
}

/** The users to compare: changed ones (or all, for Deleted or without a cursor), plus confirmations. */
async function readChanges(
	ctx: IPollFunctions,
	previous: Snapshot | undefined,
	events: Set<TriggerEvent>,
	now: number,
): Promise<Changes> {
	// Deleted needs every user; so does a state without a cursor (first poll, nothing to continue).
	const since =
		previous?.cursor && !events.has('deleted') ? updatedSince(previous.cursor) : undefined;
	const listing = await readUsers(ctx, since ? { updated_since: since } : {});
	let pages = listing.pages;
	if (since) {
		const missed = missedSince(previous?.cursor, previous?.polledAt, listing.serverTime, now);
		const more = missed ? await readUsers(ctx, { updated_since: missed }) : undefined;
		if (more) listing.users.push(...more.users);
		pages += more?.pages ?? 0;
	}
	let hidden: number[] = [];
	if (previous?.roster && events.has('deleted')) {
		const listed = new Set(listing.users.map((u) => toId(u.id)));
		const confirmed = await confirmMissing(
			ctx,
			[...previous.users.keys()].filter((id) => !listed.has(id)),
		);
		listing.users.push(...confirmed.present);
		hidden = confirmed.hidden;
	}
	return {
		users: listing.users,
		serverTime: listing.serverTime,
		pages,
		fullRoster: since === undefined,
		hidden,
	};
}
