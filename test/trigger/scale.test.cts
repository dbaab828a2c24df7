/**
 * Harvest Users Trigger at scale (issue 22): a state that costs nothing when nothing changes and
 * little when asked (Previous Values = None), a stable eventId on every item, no storm when Harvest
 * touches every user, and saved states carried over without re-emitting or losing a change.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import {
	ALL_EVENTS,
	eventsOf,
	NODE_STATE_KEY,
	poller,
	useTriggerSandbox,
	type Poller,
} from './helpers.cjs';

/** Everything n8n would store for the trigger, as JSON text (what "n8n writes nothing" compares). */
const stored = (p: Poller) => JSON.stringify(p.staticData);
const stateBytes = (p: Poller) => Buffer.byteLength(JSON.stringify(p.staticData[NODE_STATE_KEY]));

/**
 * Whether the last poll wrote to n8n's static data object at all. n8n saves static data only when
 * its observable object saw a write (`__dataChanged`); a spy on the context records every object the
 * node was handed, and a Proxy-free check reads n8n's own flag on the workflow's static data.
 */
let written: boolean[] = [];
type StaticDataGetter = PollContext['getWorkflowStaticData'];
/** Wraps whatever answers getWorkflowStaticData now (the helpers' pass-through spy, if installed); returns the undo. */
function watchWrites(): () => void {
	const proto = PollContext.prototype;
	const current = proto.getWorkflowStaticData;
	const spied = jest.isMockFunction(current);
	const inner = (spied ? current.getMockImplementation() : current) as StaticDataGetter;
	const spy = spied ? current : jest.spyOn(proto, 'getWorkflowStaticData');
	spy.mockImplementation(function (this: PollContext, type) {
		const data = inner.call(this, type);
		const flags = written;
		const index = flags.push(false) - 1;
		return new Proxy(data, {
			set(target, key, value) {
				flags[index] = true;
				return Reflect.set(target, key, value);
			},
			deleteProperty(target, key) {
				flags[index] = true;
				return Reflect.deleteProperty(target, key);
			},
		});
	});
	return () => (spied ? spy.mockImplementation(inner) : spy.mockRestore());
}

describe('Harvest Users Trigger: an idle poll writes nothing', () => {
	const { sandbox, store, userByEmail } = useTriggerSandbox();
	let undo: () => void = () => undefined;
	// The helpers install their own spy on the first poll; let them, then wrap it.
	beforeAll(async () => void (await poller(sandbox).poll()));
	beforeEach(() => {
		written = [];
		undo = watchWrites();
	});
	afterEach(() => undo());

	it.each(['keep', 'none'])(
		'Previous Values %s: idle polls leave static data deep-equal and untouched, also right after a change',
		async (previousValues) => {
			const trigger = poller(sandbox, { previousValues });
			await trigger.poll();
			const seeded = stored(trigger);
			written = [];
			expect(await trigger.poll()).toEqual([]);
			expect(stored(trigger)).toBe(seeded);
			expect(written).toEqual([false]);

			const leo = userByEmail('leo.fischer@example.com');
			store().users.update(leo.id, { timezone: 'Vienna' });
			expect(eventsOf(await trigger.poll())).toEqual([`updated:${leo.id}`]);
			const after = stored(trigger);
			written = [];
			// Leo is re-read (the lookback window) but tells nothing new: nothing is written either.
			expect(await trigger.poll()).toEqual([]);
			expect(await trigger.poll()).toEqual([]);
			expect(stored(trigger)).toBe(after);
			expect(written).toEqual([false, false]);
		},
	);

	it('with Deleted selected, an idle poll (a whole roster read) writes nothing either', async () => {
		const trigger = poller(sandbox, { events: ALL_EVENTS });
		await trigger.poll();
		await trigger.poll();
		const before = stored(trigger);
		written = [];
		expect(await trigger.poll()).toEqual([]);
		expect(stored(trigger)).toBe(before);
		expect(written).toEqual([false]);
	});
});

describe('Harvest Users Trigger: Previous Values = None tells every event apart', () => {
	const { sandbox, store, userByEmail } = useTriggerSandbox();

	it('created, updated (without previous), archived, reactivated and deleted, each once', async () => {
		const trigger = poller(sandbox, { events: ALL_EVENTS, previousValues: 'none' });
		await trigger.poll();
		const leo = userByEmail('leo.fischer@example.com');
		const grace = userByEmail('grace.okafor@example.com');
		const kenji = userByEmail('kenji.watanabe@example.com');
		store().users.update(leo.id, { weekly_capacity: 36000, timezone: 'Vienna' });
		store().users.update(grace.id, { is_active: false });
		const nia = store().users.create({
			first_name: 'Nia',
			last_name: 'Okoro',
			email: 'nia.okoro@example.com',
		});
		store().users.delete(kenji.id, { force: true });
		const items = await trigger.poll();
		expect(eventsOf(items).sort()).toEqual(
			[
				`updated:${leo.id}`,
				`archived:${grace.id}`,
				`created:${nia.id}`,
				`deleted:${kenji.id}`,
			].sort(),
		);
		const byId = (id: number) => items.find((i) => i.id === id) as IDataObject;
		expect(byId(leo.id).changes).toEqual({
			timezone: { current: 'Vienna' },
			weekly_capacity_hours: { current: 10 },
		});
		expect(byId(grace.id).changes).toEqual({ is_active: { previous: true, current: false } });
		expect(byId(kenji.id)).toEqual({
			id: kenji.id,
			is_active: true,
			updated_at: expect.any(String),
			event: 'deleted',
			eventId: expect.any(String),
		});
		expect(await trigger.poll()).toEqual([]);

		store().users.update(grace.id, { is_active: true });
		expect(eventsOf(await trigger.poll())).toEqual([`reactivated:${grace.id}`]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('only watched fields make Updated; a second change in the same second is still told', async () => {
		const trigger = poller(sandbox, { previousValues: 'none', watchFields: ['weekly_capacity'] });
		await trigger.poll();
		const ana = userByEmail('ana.souza@example.com');
		store().users.update(ana.id, { timezone: 'Vienna' });
		expect(await trigger.poll()).toEqual([]);
		store().users.update(ana.id, { weekly_capacity: 36000 });
		const stamp = ana.updated_at;
		expect(eventsOf(await trigger.poll())).toEqual([`updated:${ana.id}`]);
		store().users.update(ana.id, { weekly_capacity: 54000 });
		ana.updated_at = stamp;
		const items = await trigger.poll();
		expect(items.map((i) => i.changes)).toEqual([{ weekly_capacity_hours: { current: 15 } }]);
	});
});

describe('Harvest Users Trigger: saved states carry over', () => {
	const { sandbox, store, userByEmail } = useTriggerSandbox();

	it("a state saved with values (today's format) turns into the small one without re-emitting or losing a change", async () => {
		const trigger = poller(sandbox, { events: ALL_EVENTS });
		await trigger.poll();
		expect(trigger.state.v).toBe(1);
		const leo = userByEmail('leo.fischer@example.com');
		store().users.update(leo.id, { first_name: 'Leonard' });
		const nia = store().users.create({
			first_name: 'Nia',
			last_name: 'Okoro',
			email: 'nia.okoro@example.com',
		});
		trigger.parameters = { ...trigger.parameters, previousValues: 'none' };
		const items = await trigger.poll();
		expect(eventsOf(items).sort()).toEqual([`updated:${leo.id}`, `created:${nia.id}`].sort());
		expect(trigger.state.v).toBe(2);
		expect(await trigger.poll()).toEqual([]);
	});

	it('without Deleted, a saved state drops the identity fields nobody watches, without starting over', async () => {
		const trigger = poller(sandbox, { watchFields: ['weekly_capacity'], events: ALL_EVENTS });
		await trigger.poll();
		expect(trigger.state.fields).toEqual(['first_name', 'last_name', 'email', 'weekly_capacity']);
		const ana = userByEmail('ana.souza@example.com');
		store().users.update(ana.id, { weekly_capacity: 36000 });
		trigger.parameters = { ...trigger.parameters, events: ['updated'] };
		const items = await trigger.poll();
		expect(items.map((i) => i.changes)).toEqual([
			{ weekly_capacity_hours: { previous: 35, current: 10 } },
		]);
		expect(trigger.state.fields).toEqual(['weekly_capacity']);
		expect(await trigger.poll()).toEqual([]);
	});

	it("Don't Keep back to Keep starts over quietly (the old values were never kept)", async () => {
		const trigger = poller(sandbox, { previousValues: 'none' });
		await trigger.poll();
		trigger.parameters = { ...trigger.parameters, previousValues: 'keep' };
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.state.v).toBe(1);
		const leo = userByEmail('leo.fischer@example.com');
		store().users.update(leo.id, { timezone: 'Vienna' });
		expect((await trigger.poll())[0].changes).toEqual({
			timezone: { previous: 'Berlin', current: 'Vienna' },
		});
	});
});

describe('Harvest Users Trigger: eventId', () => {
	const { sandbox, store, userByEmail } = useTriggerSandbox();

	it('the same change polled twice (a poll that ran twice) has the same eventId; each change its own', async () => {
		const trigger = poller(sandbox, { events: ALL_EVENTS });
		await trigger.poll();
		const leo = userByEmail('leo.fischer@example.com');
		const grace = userByEmail('grace.okafor@example.com');
		store().users.update(leo.id, { timezone: 'Vienna' });
		store().users.update(grace.id, { is_active: false });
		store().users.create({ first_name: 'Nia', last_name: 'Okoro', email: 'nia.okoro@example.com' });
		store().users.delete(userByEmail('kenji.watanabe@example.com').id, { force: true });
		const saved = JSON.parse(JSON.stringify(trigger.staticData)) as IDataObject;
		const first = await trigger.poll();
		// n8n's durable scheduler may run a poll twice from the same committed state.
		const twice = poller(sandbox, trigger.parameters);
		twice.staticData = saved;
		const second = await twice.poll();
		// and another instance keeping digests only names the same changes alike
		const small = poller(sandbox, { ...trigger.parameters, previousValues: 'none' });
		expect(first).toHaveLength(4);
		expect(second.map((i) => i.eventId)).toEqual(first.map((i) => i.eventId));
		expect(new Set(first.map((i) => i.eventId)).size).toBe(4);
		for (const item of first) expect(item.eventId).toMatch(/^[a-z]+-\d+-[A-Za-z0-9_-]{12}$/);

		store().users.update(leo.id, { timezone: 'Berlin' });
		const [back] = await trigger.poll();
		expect(back.eventId).not.toBe(first.find((i) => i.id === leo.id)?.eventId);
		await small.poll();
		store().users.update(leo.id, { timezone: 'Lisbon' });
		const [kept, digested] = [await trigger.poll(), await small.poll()];
		expect(digested.map((i) => i.eventId)).toEqual(kept.map((i) => i.eventId));
	});

	it('Simplify keeps eventId', async () => {
		const trigger = poller(sandbox, { simple: true });
		await trigger.poll();
		const leo = userByEmail('leo.fischer@example.com');
		store().users.update(leo.id, { last_name: 'Fisher' });
		const [item] = await trigger.poll();
		expect(item.eventId).toEqual(expect.stringMatching(/^updated-/));
	});
});

describe('Harvest Users Trigger: 60,000 users', () => {
	const { sandbox } = useTriggerSandbox({ seed: { users: 60_000 }, rateLimit: false });

	it("Don't Keep: at most 25 bytes a user; idle in 1 request writing nothing; one change in 1", async () => {
		const trigger = poller(sandbox, { previousValues: 'none' });
		await trigger.poll();
		const n = sandbox().store.users.list().length;
		const bytes = stateBytes(trigger);
		console.log(
			`trigger state, Previous Values = None, ${n} users, all fields watched: ${bytes} bytes (${(bytes / n).toFixed(1)} a user)`,
		);
		expect(bytes).toBeLessThanOrEqual(1_500_000);
		expect(bytes / n).toBeLessThanOrEqual(25);

		sandbox().clearLog();
		const before = stored(trigger);
		expect(await trigger.poll()).toEqual([]);
		expect(sandbox().log.length).toBeLessThanOrEqual(3);
		expect(stored(trigger)).toBe(before);

		sandbox().clearLog();
		const user = sandbox().store.users.list()[30_000];
		sandbox().store.users.update(user.id, { email: 'renamed@example.com' });
		expect(eventsOf(await trigger.poll())).toEqual([`updated:${user.id}`]);
		expect(sandbox().log.length).toBeLessThanOrEqual(2);
	}, 300_000);
});

describe('Harvest Users Trigger: no storm', () => {
	const { sandbox, store, userByEmail } = useTriggerSandbox();

	it.each(['keep', 'none'])(
		'Previous Values %s: Harvest touching every user emits nothing, and a real change right after is told',
		async (previousValues) => {
			const trigger = poller(sandbox, { events: ALL_EVENTS, previousValues });
			await trigger.poll();
			const size = stateBytes(trigger);
			// Harvest moves updated_at of every user, and nothing else (harvest-observed-2.md §1.6).
			expect(store().users.touchAll()).toBe(store().users.list().length);
			expect(await trigger.poll()).toEqual([]);
			expect(stateBytes(trigger)).toBeLessThanOrEqual(size + 64);
			const leo = userByEmail('leo.fischer@example.com');
			store().users.update(leo.id, { timezone: 'Vienna' });
			expect(eventsOf(await trigger.poll())).toEqual([`updated:${leo.id}`]);
		},
	);
});
