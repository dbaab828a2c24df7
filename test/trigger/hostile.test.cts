/**
 * The trigger never gets stuck and never loses a change (issue 10, class 8): damaged stored
 * state, a Date header far in the future, Harvest's clock jumping years ahead and an hour back.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject } from 'n8n-workflow';

import { eventsOf, NODE_STATE_KEY, poller, useTriggerSandbox } from './helpers.cjs';

const YEARS_3 = 3 * 365 * 24 * 3600_000;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('Harvest Users Trigger in a hostile world', () => {
	const { sandbox, store, userByEmail } = useTriggerSandbox();
	let warn: jest.SpyInstance;
	beforeEach(() => {
		warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => undefined);
	});
	afterEach(() => warn.mockRestore());

	const change = (email: string, weeklyHours: number) => {
		const user = userByEmail(email);
		store().users.update(user.id, { weekly_capacity: weeklyHours * 3600 });
		return `updated:${user.id}`;
	};

	const damages: Array<[string, (state: IDataObject) => void]> = [
		['users is text', (s) => (s.users = 'garbage')],
		['an id repeated (a zero step)', (s) => ((s.users as { ids: number[] }).ids[1] = 0)],
		['an updated_at that is not a number', (s) => ((s.users as { at: unknown[] }).at[0] = 'soon')],
		['a negative updated_at', (s) => ((s.users as { at: number[] }).at[0] = -5)],
		['a cursor in the year 2999', (s) => (s.cursor = '2999-01-01T00:00:00Z')],
		['a cursor that is no date', (s) => (s.cursor = 'yesterday')],
		['roster that is no boolean', (s) => (s.roster = 'yes')],
		['a version written as text', (s) => (s.v = '1')],
		[
			'active flags that are not 0 or 1',
			(s) =>
				(s.users = {
					...(s.users as object),
					active: 'x'.repeat((s.users as { ids: number[] }).ids.length),
				}),
		],
	];

	it.each(damages)(
		'damaged state (%s): a logged notice, a fresh seed, and the next change is emitted',
		async (_, damage) => {
			const trigger = poller(sandbox);
			await trigger.poll();
			damage(trigger.staticData[NODE_STATE_KEY] as IDataObject);

			expect(await trigger.poll()).toEqual([]);
			expect(warn).toHaveBeenCalledWith(
				expect.stringMatching(/Harvest Users Trigger: its stored state .* was discarded/),
				expect.anything(),
			);
			expect(typeof trigger.state.cursor).toBe('string');
			expect(Date.parse(trigger.state.cursor as string)).toBeLessThan(Date.now() + DAY);

			const expected = change('grace.okafor@example.com', 12);
			expect(eventsOf(await trigger.poll())).toEqual([expected]);
			expect(await trigger.poll()).toEqual([]);
		},
	);

	it('an intact state is read without a notice', async () => {
		const trigger = poller(sandbox);
		await trigger.poll();
		await trigger.poll();
		expect(warn).not.toHaveBeenCalled();
	});

	it('an idle poll keeps the cursor where it was (issue 22: n8n then stores nothing); a later change is read from there', async () => {
		const trigger = poller(sandbox);
		await trigger.poll();
		const seeded = trigger.state.cursor as string;
		sandbox().setClockOffset(60_000);
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.state.cursor).toBe(seeded);
		const item = change('grace.okafor@example.com', 12);
		expect(eventsOf(await trigger.poll())).toEqual([item]);
		expect(Date.parse(trigger.state.cursor as string)).toBeGreaterThanOrEqual(
			Date.parse(seeded) + 59_000,
		);
	});

	it('a Date header years in the future does not push the cursor past later changes', async () => {
		const trigger = poller(sandbox);
		await trigger.poll();
		const first = change('grace.okafor@example.com', 12);
		sandbox().inject({
			kind: 'rewrite',
			headers: { Date: 'Tue, 01 Jan 2036 00:00:00 GMT' },
			match: { path: '/v2/users' },
		});
		expect(eventsOf(await trigger.poll())).toEqual([first]);
		expect(Date.parse(trigger.state.cursor as string)).toBeLessThan(Date.now() + DAY);

		const second = change('leo.fischer@example.com', 12);
		expect(eventsOf(await trigger.poll())).toEqual([second]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('Harvest’s clock moved years ahead, then back: every change is emitted once', async () => {
		const trigger = poller(sandbox);
		await trigger.poll();
		sandbox().setClockOffset(YEARS_3);
		const a = change('grace.okafor@example.com', 12);
		expect(eventsOf(await trigger.poll())).toEqual([a]);
		expect(Date.parse(trigger.state.cursor as string)).toBeLessThan(Date.now() + DAY);
		const b = change('leo.fischer@example.com', 12);
		expect(eventsOf(await trigger.poll())).toEqual([b]);

		sandbox().setClockOffset(-HOUR);
		const c = change('kenji.watanabe@example.com', 12);
		expect(eventsOf(await trigger.poll())).toEqual([c]);
		// Grace's remembered stamp is years ahead of Harvest's clock now: her next change still counts.
		const a2 = change('grace.okafor@example.com', 20);
		expect(eventsOf(await trigger.poll())).toEqual([a2]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('Harvest’s clock going back an hour between polls: the changes after the jump are emitted', async () => {
		const trigger = poller(sandbox);
		await trigger.poll();
		const before = change('grace.okafor@example.com', 12);
		expect(eventsOf(await trigger.poll())).toEqual([before]);
		sandbox().setClockOffset(-HOUR);
		const created = store().users.create({
			first_name: 'Nia',
			last_name: 'Okoro',
			email: 'nia.okoro@example.com',
		});
		const after = change('grace.okafor@example.com', 20);
		expect(eventsOf(await trigger.poll()).sort()).toEqual([`created:${created.id}`, after].sort());
		expect(await trigger.poll()).toEqual([]);
	});
});
