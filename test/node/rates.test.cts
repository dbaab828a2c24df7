/**
 * Billable and cost rates through n8n's runtime against the sandbox: histories, one rate, new
 * rates with and without a start date (Harvest's replacement rules), checks made before sending,
 * permissions and Continue On Fail.
 */
import { DateTime } from 'luxon';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { patCredential, runNode, useSandbox, type TokenKind } from '../harness/index.cjs';
import { byEmail, byId } from './people.cjs';

const daysAgo = (days: number) => DateTime.now().minus({ days }).toISODate() as string;
const daysAhead = (days: number) => DateTime.now().plus({ days }).toISODate() as string;

describe('billable and cost rates', () => {
	const sandbox = useSandbox();
	const sam = () => sandbox().tokens.admin.userId;
	const leo = () => sandbox().tokens.member.userId;
	const run = (
		parameters: INodeParameters,
		who: TokenKind = 'admin',
		extra: { input?: IDataObject[]; continueOnFail?: boolean } = {},
	) => runNode({ parameters, credentials: patCredential(sandbox(), who), ...extra });

	describe.each([
		{
			resource: 'billableRate',
			title: 'Billable Rate',
			segment: 'billable_rates',
			history: () => sandbox().store.billableRates,
			field: 'default_hourly_rate',
		},
		{
			resource: 'costRate',
			title: 'Cost Rate',
			segment: 'cost_rates',
			history: () => sandbox().store.costRates,
			field: 'cost_rate',
		},
	] as const)('$resource', ({ resource, title, segment, history, field }) => {
		it('lists the whole history of a user, oldest first, in one request', async () => {
			const expected = history().list(sam());
			const { status, json } = await run({
				resource,
				operation: 'getAll',
				userId: byId(sam()),
				returnAll: true,
			});
			expect(status).toBe('success');
			expect(json.map((r) => r.id)).toEqual(expected.map((r) => r.id));
			expect(json[0]).toEqual(
				expect.objectContaining({ amount: expected[0].amount, start_date: expected[0].start_date }),
			);
			expect(sandbox().log.map((r) => [r.method, r.path, r.query])).toEqual([
				['GET', `/v2/users/${sam()}/${segment}`, { per_page: '2000' }],
			]);
		});

		it('honours Limit with per_page', async () => {
			history().create(leo(), { amount: 60, start_date: daysAgo(20) });
			history().create(leo(), { amount: 65, start_date: daysAgo(10) });
			const { json } = await run({
				resource,
				operation: 'getAll',
				userId: byId(leo()),
				returnAll: false,
				limit: 2,
			});
			expect(json).toHaveLength(2);
			expect(sandbox().log[0].query).toEqual({ per_page: '2' });
		});

		it('finds the user by email before reading the history', async () => {
			const { json } = await run({
				resource,
				operation: 'getAll',
				userId: byEmail(' Leo.Fischer@Example.com '),
				returnAll: true,
			});
			expect(json.map((r) => r.id)).toEqual(
				history()
					.list(leo())
					.map((r) => r.id),
			);
			expect(sandbox().log.map((r) => r.path)).toEqual([
				'/v2/users/me',
				'/v2/users',
				`/v2/users/${leo()}/${segment}`,
			]);
		});

		it('gets one rate by its ID', async () => {
			const rate = history().list(sam()).at(-1)!;
			const { json } = await run({
				resource,
				operation: 'get',
				userId: byId(sam()),
				[`${resource}Id`]: rate.id,
			});
			expect(json).toEqual([
				{
					id: rate.id,
					amount: rate.amount,
					start_date: rate.start_date,
					end_date: null,
					created_at: rate.created_at,
					updated_at: rate.updated_at,
				},
			]);
			expect(sandbox().log.map((r) => [r.method, r.path])).toEqual([
				['GET', `/v2/users/${sam()}/${segment}/${rate.id}`],
			]);
		});

		it('creates a rate from a past start date: Harvest closes the previous one the day before', async () => {
			const before = history()
				.list(sam())
				.map((r) => r.id);
			const start = daysAgo(5);
			const { status, json } = await run({
				resource,
				operation: 'create',
				userId: byId(sam()),
				amount: 175.5,
				startDate: `${start}T00:00:00`,
			});
			expect(status).toBe('success');
			expect(json[0]).toEqual(
				expect.objectContaining({ amount: 175.5, start_date: start, end_date: null }),
			);
			const [post] = sandbox().log;
			expect([post.method, post.path, post.body, post.status]).toEqual([
				'POST',
				`/v2/users/${sam()}/${segment}`,
				{ amount: 175.5, start_date: start },
				201,
			]);
			const after = history().list(sam());
			expect(after.map((r) => r.id)).toEqual([...before, json[0].id]);
			expect(after.at(-2)!.end_date).toBe(daysAgo(6));
			expect(sandbox().store.users.get(sam())![field]).toBe(175.5);
		});

		it('without a start date replaces the whole history, as the field hint warns', async () => {
			expect(history().list(sam()).length).toBeGreaterThan(0);
			const { json } = await run({
				resource,
				operation: 'create',
				userId: byId(sam()),
				amount: 99,
			});
			expect(sandbox().log[0].body).toEqual({ amount: 99 });
			expect(
				history()
					.list(sam())
					.map((r) => r.id),
			).toEqual([json[0].id]);
			expect(json[0]).toEqual(
				expect.objectContaining({ amount: 99, start_date: null, end_date: null }),
			);
		});

		it('keeps the calendar date written in an ISO string with an offset', async () => {
			const start = daysAgo(3);
			await run({
				resource,
				operation: 'create',
				userId: byId(leo()),
				amount: 70,
				startDate: `={{ "${start}T23:30:00+09:00" }}`,
			});
			expect(sandbox().log[0].body).toEqual({ amount: 70, start_date: start });
		});

		it('refuses a start date in the future before sending anything', async () => {
			const { status, error } = await run({
				resource,
				operation: 'create',
				userId: byId(sam()),
				amount: 100,
				startDate: `${daysAhead(3)}T00:00:00`,
			});
			expect(status).toBe('error');
			expect(error?.message).toMatch(new RegExp(`Start date ${daysAhead(3)} is in the future`));
			expect(error?.description).toMatch(new RegExp(`^Item 0 \\(${title} → Create\\)`));
			expect(sandbox().log).toHaveLength(0);
		});

		it('refuses a negative amount from an expression before sending anything', async () => {
			const { error } = await run({
				resource,
				operation: 'create',
				userId: byId(sam()),
				amount: '={{ -5 }}',
			});
			expect(error?.message).toMatch(/Amount must be a number of 0 or more, got -5/);
			expect(sandbox().log).toHaveLength(0);
		});

		it('refuses a start date that is not a date', async () => {
			const { error } = await run({
				resource,
				operation: 'create',
				userId: byId(sam()),
				amount: 1,
				startDate: '={{ "next tuesday" }}',
			});
			expect(error?.message).toMatch(/Start date is not a date: "next tuesday"/);
			expect(sandbox().log).toHaveLength(0);
		});

		it('says what to check when the create may have reached Harvest, and never repeats it', async () => {
			sandbox().inject({ kind: 'reset', afterApply: true, match: { method: 'POST' } });
			const { error } = await run({
				resource,
				operation: 'create',
				userId: byId(sam()),
				amount: 140,
				startDate: daysAgo(1),
			});
			expect(error?.message).toMatch(/^Outcome unknown/);
			expect(error?.description).toMatch(/history/);
			expect(sandbox().log.filter((r) => r.method === 'POST')).toHaveLength(1);
			expect(history().list(sam()).at(-1)!.amount).toBe(140);
		});

		it('with Continue On Fail, a bad item becomes { error } and the others go on, each paired', async () => {
			const { status, items } = await run(
				{ resource, operation: 'getAll', userId: byId('={{ $json.user }}'), returnAll: true },
				'admin',
				{ input: [{ user: sam() }, { user: 424242 }, { user: leo() }], continueOnFail: true },
			);
			expect(status).toBe('success');
			const samCount = history().list(sam()).length;
			expect(items.map((i) => i.pairedItem)).toEqual([
				...Array(samCount).fill({ item: 0 }),
				{ item: 1 },
				...Array(history().list(leo()).length).fill({ item: 2 }),
			]);
			expect(items[samCount].json).toEqual(
				expect.objectContaining({
					error: 'No Harvest user with ID 424242 [HTTP 404]',
					itemIndex: 1,
					operation: `${title} → Get Many`,
				}),
			);
			expect(sandbox().log.map((r) => r.status)).toEqual([200, 404, 200]);
		});
	});

	it('a member token gets Harvest’s 403 for rates', async () => {
		const { error } = await run(
			{ resource: 'billableRate', operation: 'getAll', userId: byId(sam()), returnAll: true },
			'member',
		);
		expect(error?.message).toBe('Not authorized! [HTTP 403]');
		expect(sandbox().log.map((r) => [r.path, r.status])).toEqual([
			[`/v2/users/${sam()}/billable_rates`, 403],
		]);
	});

	it('a manager who may edit billable rates reads them, but cost rates stay administrator-only', async () => {
		const billable = await run(
			{ resource: 'billableRate', operation: 'getAll', userId: byId(leo()), returnAll: true },
			'manager',
		);
		expect(billable.status).toBe('success');
		const cost = await run(
			{ resource: 'costRate', operation: 'getAll', userId: byId(leo()), returnAll: true },
			'manager',
		);
		expect(cost.error?.message).toBe('Not authorized! [HTTP 403]');
		expect(sandbox().log.map((r) => r.status)).toEqual([200, 403]);
	});

	it('a rate ID from an expression must be a positive whole number', async () => {
		const { error } = await run({
			resource: 'costRate',
			operation: 'get',
			userId: byId(sam()),
			costRateId: '={{ "1/../x" }}',
		});
		expect(error?.message).toMatch(/Cost Rate ID must be a positive whole number/);
		expect(sandbox().log).toHaveLength(0);
	});
});
