/**
 * Issue 24, point 4: Harvest keeps a rate history, so "set the rate" on every run rewrites it. With
 * Only If Different, a rate that is already current is left alone: a re-run sends no write and
 * the recorded history (entry ids, dates) stays as it was.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';

const sandbox = useSandbox();
const byId = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });

describe.each([
	{
		resource: 'billableRate',
		segment: 'billable_rates',
		history: () => sandbox().store.billableRates,
	},
	{ resource: 'costRate', segment: 'cost_rates', history: () => sandbox().store.costRates },
] as const)('$resource → Create, Only If Different', ({ resource, segment, history }) => {
	const userId = () => sandbox().tokens.admin.userId;
	const create = (amount: number, extra: IDataObject = {}) =>
		runNode({
			parameters: {
				resource,
				operation: 'create',
				userId: byId(userId()),
				amount,
				onlyIfDifferent: true,
				...extra,
			},
			credentials: patCredential(sandbox()),
		});
	const snapshot = () =>
		history()
			.list(userId())
			.map((r) => ({ ...r }));
	const writes = () => sandbox().log.filter((r) => r.method !== 'GET');

	it('the same amount twice: the first run writes it, the second sends no write and the history stays', async () => {
		const first = await create(321.5);
		expect(first.status).toBe('success');
		expect(first.json[0]).toMatchObject({ amount: 321.5 });
		expect(first.json[0].unchanged).toBeUndefined();
		const recorded = snapshot();
		sandbox().clearLog();

		const second = await create(321.5);
		expect(second.status).toBe('success');
		expect(second.json[0]).toMatchObject({
			amount: 321.5,
			unchanged: true,
			id: recorded[recorded.length - 1].id,
		});
		expect(writes()).toEqual([]);
		expect(sandbox().log.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v2/users/${userId()}/${segment}`,
		]);
		expect(snapshot()).toEqual(recorded);
	});

	it('a different amount is written', async () => {
		await create(100);
		sandbox().clearLog();
		const { json } = await create(110);
		expect(json[0]).toMatchObject({ amount: 110 });
		expect(writes().map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', `/v2/users/${userId()}/${segment}`, { amount: 110 }],
		]);
	});

	it('off (the default), every run writes: the history entry is replaced each time', async () => {
		await create(90, { onlyIfDifferent: false });
		const before = snapshot();
		await create(90, { onlyIfDifferent: false });
		expect(writes().filter((r) => r.method === 'POST')).toHaveLength(2);
		expect(snapshot().map((r) => r.id)).not.toEqual(before.map((r) => r.id));
	});
});
