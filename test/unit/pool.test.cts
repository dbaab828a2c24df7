/**
 * The ordered pool behind Parallel Requests: order, bounded concurrency, one record at a time,
 * and first-failure semantics. Tasks finish when the test says so (no clocks involved).
 */
import { firstFailure, runInOrder, type Outcome } from '../../nodes/HarvestUsers/concurrency/pool';
import {
	normaliseRecordValue,
	recordKey,
	RECORD_PARAMETER,
} from '../../nodes/HarvestUsers/actions/recordKey';
import { operations } from '../../nodes/HarvestUsers/actions/operations';
import type { IExecuteFunctions } from 'n8n-workflow';

/** Tasks that start when the pool starts them and settle when the test says so. */
function controlled(count: number) {
	const started: number[] = [];
	const settle: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = [];
	let running = 0;
	let most = 0;
	const task = (index: number) =>
		new Promise<string>((resolve, reject) => {
			started.push(index);
			most = Math.max(most, ++running);
			settle[index] = {
				resolve: (v) => {
					running--;
					resolve(v);
				},
				reject: (e) => {
					running--;
					reject(e);
				},
			};
		});
	const tick = () => new Promise((resolve) => setImmediate(resolve));
	return { started, settle, task, tick, most: () => most, count };
}

describe('runInOrder', () => {
	it('returns outcomes in index order whatever order the tasks finish in, at most `concurrency` at once', async () => {
		const c = controlled(6);
		const done = runInOrder(6, c.task, { concurrency: 3, stopOnFailure: false });
		await c.tick();
		expect(c.started).toEqual([0, 1, 2]);
		for (const index of [2, 0, 1, 5, 3, 4]) {
			await c.tick();
			c.settle[index]?.resolve(`r${index}`);
			await c.tick();
		}
		const outcomes = await done;
		expect(outcomes.map((o) => (o as { value: string }).value)).toEqual([
			'r0',
			'r1',
			'r2',
			'r3',
			'r4',
			'r5',
		]);
		expect(c.most()).toBe(3);
		expect(c.started).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('with concurrency 1 runs one task after another, like a loop', async () => {
		const c = controlled(3);
		const done = runInOrder(3, c.task, { concurrency: 1, stopOnFailure: false });
		for (let i = 0; i < 3; i++) {
			await c.tick();
			expect(c.started).toEqual([...Array(i + 1).keys()]);
			c.settle[i].resolve('ok');
		}
		await done;
		expect(c.most()).toBe(1);
		expect(await runInOrder(0, c.task, { concurrency: 4, stopOnFailure: true })).toEqual([]);
	});

	it('runs tasks with the same key one after another in index order, others alongside', async () => {
		const keys = ['a', 'b', 'a', undefined, 'a'];
		const c = controlled(5);
		const done = runInOrder(5, c.task, {
			concurrency: 5,
			stopOnFailure: false,
			keyOf: (i) => keys[i],
		});
		await c.tick();
		// 2 and 4 wait for 0 (key a); 1 and 3 run alongside.
		expect(c.started).toEqual([0, 1, 3]);
		c.settle[0].resolve('0');
		await c.tick();
		expect(c.started).toEqual([0, 1, 3, 2]);
		c.settle[2].resolve('2');
		await c.tick();
		expect(c.started).toEqual([0, 1, 3, 2, 4]);
		for (const i of [1, 3, 4]) c.settle[i].resolve(String(i));
		expect((await done).every((o) => o?.ok)).toBe(true);
	});

	it('a key that cannot be worked out leaves the task independent (it fails on its own)', async () => {
		const outcomes = await runInOrder(2, async (i) => i, {
			concurrency: 2,
			stopOnFailure: false,
			keyOf: () => {
				throw new Error('broken expression');
			},
		});
		expect(outcomes).toEqual([
			{ ok: true, value: 0 },
			{ ok: true, value: 1 },
		]);
	});

	it('without stopOnFailure every task runs and each failure stays its own', async () => {
		const outcomes = await runInOrder(
			4,
			async (i) => {
				if (i % 2) throw new Error(`bad ${i}`);
				return i;
			},
			{ concurrency: 2, stopOnFailure: false },
		);
		expect(outcomes.map((o) => (o?.ok ? o.value : (o?.error as Error).message))).toEqual([
			0,
			'bad 1',
			2,
			'bad 3',
		]);
	});

	it('with stopOnFailure starts nothing after a failure, lets running tasks finish, and reports the lowest failing index', async () => {
		const c = controlled(8);
		const done = runInOrder(8, c.task, { concurrency: 3, stopOnFailure: true });
		await c.tick();
		expect(c.started).toEqual([0, 1, 2]);
		c.settle[0].resolve('0');
		await c.tick();
		expect(c.started).toEqual([0, 1, 2, 3]);
		// 3 fails first in time; 1 and 2 are still running.
		c.settle[3].reject(new Error('three'));
		await c.tick();
		expect(c.started).toEqual([0, 1, 2, 3]);
		c.settle[2].resolve('2');
		c.settle[1].reject(new Error('one'));
		const outcomes = await done;
		expect(c.started).toEqual([0, 1, 2, 3]);
		expect(outcomes.slice(4)).toEqual([undefined, undefined, undefined, undefined]);
		expect(firstFailure(outcomes)).toEqual({ index: 1, error: new Error('one') });
	});

	it('a task waiting for its key does not start after a failure', async () => {
		const c = controlled(3);
		const done = runInOrder(3, c.task, {
			concurrency: 3,
			stopOnFailure: true,
			keyOf: (i) => (i === 1 ? 'x' : i === 2 ? 'x' : undefined),
		});
		await c.tick();
		expect(c.started).toEqual([0, 1]);
		c.settle[0].reject(new Error('zero'));
		await c.tick();
		c.settle[1].resolve('1');
		const outcomes: Array<Outcome<string> | undefined> = await done;
		expect(c.started).toEqual([0, 1]);
		expect(outcomes[2]).toBeUndefined();
		expect(firstFailure(outcomes)?.index).toBe(0);
	});

	it('firstFailure is undefined when nothing failed', () => {
		expect(firstFailure([{ ok: true, value: 1 }, undefined])).toBeUndefined();
	});
});

describe('record keys', () => {
	it('lists every operation of every resource, so a new one cannot run in parallel by accident', () => {
		const listed = Object.entries(RECORD_PARAMETER).flatMap(([resource, ops]) =>
			Object.keys(ops).map((op) => `${resource}.${op}`),
		);
		const actual = Object.entries(operations).flatMap(([resource, ops]) =>
			Object.entries(ops as Record<string, object>)
				.filter(([, module]) => 'execute' in module)
				.map(([op]) => `${resource}.${op}`),
		);
		expect(listed.sort()).toEqual(actual.sort());
	});

	it('each writing operation has the parameter that names its record', () => {
		const missing = Object.entries(RECORD_PARAMETER).flatMap(([resource, ops]) =>
			Object.entries(ops)
				.filter(([, parameter]) => parameter !== null)
				.filter(([operation, parameter]) => {
					const module = (
						operations as unknown as Record<
							string,
							Record<string, { description: Array<{ name: string }> }>
						>
					)[resource][operation];
					return !module.description.some((property) => property.name === parameter);
				})
				.map(([operation, parameter]) => `${resource}.${operation}: ${parameter}`),
		);
		expect(missing).toEqual([]);
	});

	it('names the record by the parameter of the operation; reads have none; unlisted operations share one key', () => {
		const params: Record<string, unknown> = {
			userId: { __rl: true, mode: 'list', value: '42' },
			email: ' Ana@Example.com ',
			roleId: 7,
		};
		const ctx = {
			getNodeParameter: (name: string) => params[name],
		} as unknown as IExecuteFunctions;
		expect(recordKey(ctx, 'user', 'update', 0)).toBe('userId:id:42');
		expect(recordKey(ctx, 'user', 'upsert', 0)).toBe('email:ana@example.com');
		expect(recordKey(ctx, 'role', 'addUsers', 0)).toBe('roleId:7');
		expect(recordKey(ctx, 'user', 'get', 0)).toBeUndefined();
		expect(recordKey(ctx, 'user', 'somethingNew', 0)).toBe('*');
	});

	it('treats list and ID locators alike and compares emails as Harvest does', () => {
		expect(normaliseRecordValue({ __rl: true, mode: 'id', value: ' 42' })).toBe(
			normaliseRecordValue({ __rl: true, mode: 'list', value: 42 }),
		);
		expect(normaliseRecordValue({ __rl: true, mode: 'email', value: 'A@B.io ' })).toBe(
			'email:a@b.io',
		);
	});
});
