/**
 * Drives the Harvest Users Trigger poll after poll, the way n8n does: static data goes to the
 * database (JSON) after a successful poll and comes back for the next one; a failed poll
 * persists nothing.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	patCredential,
	runPoll,
	transportSettings,
	useSandbox,
	type CredentialData,
} from '../harness/index.cjs';
import type { Sandbox, SandboxOptions } from '../../sandbox/src/index.cjs';

export const NODE_STATE_KEY = 'node:Harvest Users Trigger';

/** The node's default: everything that costs one request per poll. */
export const DEFAULT_EVENTS = ['created', 'updated', 'archived', 'reactivated'];
export const ALL_EVENTS = [...DEFAULT_EVENTS, 'deleted'];

/**
 * useSandbox() plus what every trigger test wants: the store, users by email, and the page size
 * put back to Harvest's 2000 after tests that shrink it to force pagination.
 */
export function useTriggerSandbox(options?: SandboxOptions) {
	const sandbox = useSandbox(options);
	afterEach(() => transportSettings().configureTransport({ pageSize: 2000 }));
	const store = () => sandbox().store;
	const userByEmail = (email: string) => {
		const user = store().users.findByEmail(email);
		if (!user) throw new Error(`no sandbox user ${email}`);
		return user;
	};
	return { sandbox, store, userByEmail };
}

/**
 * The live static data object the node received in the current poll. n8n keeps an activated
 * workflow's static data in memory between polls, so a poll that throws must not have changed it
 * either; runPoll() loses that object on a throw, so a pass-through spy keeps a reference.
 */
let live: IDataObject | undefined;
let watching = false;
function watchStaticData(): void {
	if (watching) return;
	watching = true;
	const original = PollContext.prototype.getWorkflowStaticData;
	jest.spyOn(PollContext.prototype, 'getWorkflowStaticData').mockImplementation(function (
		this: PollContext,
		type,
	) {
		const data = original.call(this, type);
		if (type === 'node') live = data;
		return data;
	});
}

export interface Poller {
	/** One poll in trigger mode; the output items (empty when poll() returned null). */
	poll(): Promise<IDataObject[]>;
	/** "Fetch Test Event": manual mode with the same stored state. */
	manual(): Promise<IDataObject[]>;
	/** Static data as n8n would have stored it after the last successful poll. */
	staticData: IDataObject;
	/** The trigger's own part of it. */
	readonly state: IDataObject;
	/** After a poll threw: the trigger's static data as that poll left it in memory (undefined if never read). */
	stateAfterFailure?: IDataObject;
	/** Whether the last poll returned null (n8n starts no execution then). */
	lastWasNull: boolean;
	parameters: INodeParameters;
	credentials: CredentialData;
}

export function poller(
	sandbox: () => Sandbox,
	parameters: INodeParameters = {},
	credentials?: CredentialData,
): Poller {
	const p: Poller = {
		staticData: {},
		lastWasNull: false,
		parameters: { events: DEFAULT_EVENTS, ...parameters },
		credentials: credentials ?? patCredential(sandbox()),
		get state() {
			return (p.staticData[NODE_STATE_KEY] ?? {}) as IDataObject;
		},
		async poll() {
			watchStaticData();
			live = undefined;
			let run;
			try {
				run = await runPoll({
					parameters: p.parameters,
					credentials: p.credentials,
					staticData: p.staticData,
				});
			} catch (error) {
				p.stateAfterFailure =
					live === undefined ? undefined : (JSON.parse(JSON.stringify(live)) as IDataObject);
				throw error;
			}
			p.staticData = run.staticData;
			p.lastWasNull = run.result === null;
			return (run.result?.[0] ?? []).map((item) => item.json);
		},
		async manual() {
			const run = await runPoll({
				parameters: p.parameters,
				credentials: p.credentials,
				staticData: p.staticData,
				mode: 'manual',
			});
			p.lastWasNull = run.result === null;
			expect(run.staticData).toEqual(p.staticData);
			return (run.result?.[0] ?? []).map((item) => item.json);
		},
	};
	return p;
}

/** The user-list requests the last polls sent (oldest first). */
export function userListRequests(sandbox: Sandbox) {
	return sandbox.log.filter((r) => r.method === 'GET' && r.path === '/v2/users');
}

/** event + id pairs, to compare emissions without the whole user objects. */
export function eventsOf(items: IDataObject[]): string[] {
	return items.map((i) => `${i.event}:${i.id}`);
}

/** A deterministic PRNG (mulberry32), so a randomised test replays the same sequence. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
