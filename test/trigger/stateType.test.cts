/**
 * Issue 21, point 4: a trigger state of the wrong type (a string, an array, a number, null where
 * n8n's static data should hold an object) fails every poll with a message that says how to
 * recover, instead of "Cannot delete property '0' of [object String]" or silence. Through n8n's
 * PollContext against the sandbox, plus the pure check.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runPoll, useSandbox } from '../harness/index.cjs';
import { stateTypeProblem } from '../../nodes/HarvestUsers/trigger/stateType';
import { DEFAULT_EVENTS, NODE_STATE_KEY } from './helpers.cjs';

const DAMAGED: Array<[string, unknown, string]> = [
	['a string', 'v=1;users=…', 'a string'],
	['an array', [{ v: 1 }], 'an array'],
	['a number', 42, 'a number'],
	['null', null, 'null'],
	['a boolean', true, 'a boolean'],
];

describe('trigger state of the wrong type', () => {
	const sandbox = useSandbox();
	const poll = (staticData: IDataObject, name?: string) =>
		runPoll({
			parameters: { events: DEFAULT_EVENTS },
			credentials: patCredential(sandbox()),
			staticData,
			...(name ? { name } : {}),
		});

	it.each(DAMAGED)(
		'%s: every poll fails with what it is and how to recover',
		async (_label, value, got) => {
			const staticData = { [NODE_STATE_KEY]: value } as IDataObject;
			for (let i = 0; i < 2; i++) {
				const failure = poll(staticData);
				await expect(failure).rejects.toThrow(`The trigger's saved state is ${got}, not an object`);
				const description = await failure.then(
					() => undefined,
					(e: { description?: string }) => e.description,
				);
				expect(String(description)).toMatch(/rename this trigger node/);
				expect(String(description)).toContain(`"${NODE_STATE_KEY}"`);
			}
		},
	);

	it('the way out works: the renamed node starts afresh, remembers everyone and announces nothing', async () => {
		const staticData = { [NODE_STATE_KEY]: 'damaged' } as IDataObject;
		const renamed = await poll(staticData, 'Harvest Users Trigger (new)');
		expect(renamed.result).toBeNull();
		const state = renamed.staticData['node:Harvest Users Trigger (new)'] as IDataObject;
		expect(state).toMatchObject({ v: expect.any(Number), roster: expect.any(Boolean) });
	});

	it('an object state (or none) is fine', () => {
		expect(stateTypeProblem({})).toBeUndefined();
		expect(stateTypeProblem({ v: 1 })).toBeUndefined();
		expect(stateTypeProblem('x')).toBe('a string');
		expect(stateTypeProblem([])).toBe('an array');
		expect(stateTypeProblem(undefined)).toBe('undefined');
	});
});
