/**
 * Issue 21, point 3: an email is a bare address. Decorated forms from HR exports and mail clients
 * (`mailto:x@…`, `<x@…>`, `Name <x@…>`) are refused with an item error that shows the value and
 * the bare address to map instead; nothing decorated reaches Harvest, and a refused row is never
 * a reason to archive anyone. Through n8n's runtime against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import type { Sandbox } from '../../sandbox/src/index.cjs';

const writesOf = (sandbox: Sandbox) => sandbox.log.filter((r) => r.method !== 'GET');

function demoRoster(sandbox: Sandbox): IDataObject[] {
	return sandbox.store.users
		.list()
		.filter((u) => u.is_active)
		.map((u) => ({ email: u.email, first_name: u.first_name, last_name: u.last_name }));
}

const reconcile = (
	sandbox: Sandbox,
	input: IDataObject[],
	extra: IDataObject = {},
	continueOnFail = false,
) =>
	runNode({
		parameters: {
			resource: 'user',
			operation: 'reconcile',
			dryRun: false,
			archiveMissing: true,
			maxArchivePercent: 50,
			...extra,
		},
		input,
		credentials: patCredential(sandbox),
		continueOnFail,
	});

const DECORATED: Array<[string, string]> = [
	['mailto:nina.berg@example.com', 'nina.berg@example.com'],
	['<nina.berg@example.com>', 'nina.berg@example.com'],
	['Nina Berg <nina.berg@example.com>', 'nina.berg@example.com'],
	['"Nina Berg" <nina.berg@example.com>', 'nina.berg@example.com'],
	['MAILTO:nina.berg@example.com?subject=hi', 'nina.berg@example.com'],
	['nina.berg@example.com (Nina Berg)', 'nina.berg@example.com'],
	['nina.berg@example.com;', 'nina.berg@example.com'],
];

describe('decorated emails', () => {
	const sandbox = useSandbox();

	it.each(DECORATED)(
		'create refuses %j with an item error naming the value and the bare address; nothing is sent',
		async (value, bare) => {
			const run = await runNode({
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Nina',
					lastName: 'Berg',
					email: value,
				},
				credentials: patCredential(sandbox()),
				continueOnFail: true,
			});
			expect(writesOf(sandbox())).toEqual([]);
			const error = String(run.json[0].error);
			expect(error).toContain(JSON.stringify(value.trim()));
			expect(error).toContain(bare);
		},
	);

	it('create or update refuses a decorated email per item; the other items go through', async () => {
		const run = await runNode({
			parameters: {
				resource: 'user',
				operation: 'upsert',
				email: '={{ $json.email }}',
				firstName: 'Nina',
				lastName: '={{ $json.last }}',
			},
			input: [
				{ email: '<leo.fischer@example.com>', last: 'Fischer' },
				{ email: 'nina.berg@example.com', last: 'Berg' },
			],
			credentials: patCredential(sandbox()),
			continueOnFail: true,
		});
		expect(run.json[0].error).toMatch(
			/"<leo.fischer@example.com>" is not a bare address.*leo.fischer@example.com/,
		);
		expect(run.json[1]).toMatchObject({ action: 'created', email: 'nina.berg@example.com' });
		expect(writesOf(sandbox()).map((w) => (w.body as IDataObject).email)).toEqual([
			'nina.berg@example.com',
		]);
	});

	it('reconcile: decorated rows of two real people neither create users nor archive those people', async () => {
		const rows = demoRoster(sandbox()).map((r) =>
			r.email === 'grace.okafor@example.com'
				? { ...r, email: 'mailto:grace.okafor@example.com' }
				: r.email === 'daniel.kim@example.com'
					? { ...r, email: 'Daniel Kim <daniel.kim@example.com>' }
					: r,
		);
		const run = await reconcile(sandbox(), rows, {}, true);
		expect(writesOf(sandbox())).toEqual([]);
		for (const email of ['grace.okafor@example.com', 'daniel.kim@example.com'])
			expect(sandbox().store.users.findByEmail(email)?.is_active).toBe(true);
		const failed = run.json.filter((j) => j.action === 'failed');
		expect(failed.map((j) => j.email)).toEqual([
			'mailto:grace.okafor@example.com',
			'Daniel Kim <daniel.kim@example.com>',
		]);
		expect(String(failed[0].error)).toContain('grace.okafor@example.com');
		expect(run.json[run.json.length - 1]).toMatchObject({
			counts: { created: 0, archived: 0, failed: 2 },
		});
	});

	it('reconcile without Continue On Fail: the run fails naming the rows, and still nobody is archived', async () => {
		const rows = demoRoster(sandbox()).map((r) =>
			r.email === 'grace.okafor@example.com' ? { ...r, email: '<grace.okafor@example.com>' } : r,
		);
		const run = await reconcile(sandbox(), rows);
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toMatch(/could not be reconciled/);
		expect(writesOf(sandbox())).toEqual([]);
	});

	it('reconcile: a row whose email names nobody (no bare address inside) means nobody is archived on this run', async () => {
		const rows = demoRoster(sandbox()).map((r) =>
			r.email === 'grace.okafor@example.com' ? { ...r, email: 'grace.okafor' } : r,
		);
		const dry = await reconcile(sandbox(), rows, { dryRun: true });
		const summary = dry.json[dry.json.length - 1];
		expect(summary).toMatchObject({ planned: { archive: 0, failed: 1 } });
		expect(summary.notArchived).toEqual([
			{ email: 'grace.okafor@example.com', reason: 'unreadable input email' },
		]);
		await reconcile(sandbox(), rows, {}, true);
		expect(writesOf(sandbox())).toEqual([]);
		expect(sandbox().store.users.findByEmail('grace.okafor@example.com')?.is_active).toBe(true);
	});

	it('reconcile still archives people who really are missing when every row is readable', async () => {
		const rows = demoRoster(sandbox()).filter((r) => r.email !== 'grace.okafor@example.com');
		const run = await reconcile(sandbox(), rows);
		expect(run.status).toBe('success');
		expect(writesOf(sandbox())).toEqual([
			expect.objectContaining({ method: 'PATCH', body: { is_active: false } }),
		]);
	});
});
