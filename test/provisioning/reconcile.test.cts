/**
 * user → reconcile through n8n's runtime against the sandbox: the input items are the roster;
 * dry run first, then apply; the guard against mass archiving; failures of single people.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INode } from 'n8n-workflow';

import { PACKAGE_ROOT, patCredential, runNode, useSandbox } from '../harness/index.cjs';
import type { Sandbox } from '../../sandbox/src/index.cjs';

/** One HR row per active demo user, as an HR export would have them (snake_case columns). */
function demoRoster(sandbox: Sandbox): IDataObject[] {
	return sandbox.store.users
		.list()
		.filter((u) => u.is_active)
		.map((u) => ({ email: u.email, first_name: u.first_name, last_name: u.last_name }));
}

const reconcile = (
	sandbox: Sandbox,
	input: IDataObject[],
	parameters: IDataObject = {},
	continueOnFail = false,
) =>
	runNode({
		parameters: { resource: 'user', operation: 'reconcile', ...parameters },
		input,
		credentials: patCredential(sandbox),
		continueOnFail,
	});

const writesOf = (sandbox: Sandbox) => sandbox.log.filter((r) => r.method !== 'GET');
const actionsOf = (json: IDataObject[]) => json.map((j) => [j.action, j.email]);
/** A dry run's items: what is planned (imperative), never an `action` that reads as done. */
const plannedOf = (json: IDataObject[]) => json.map((j) => [j.plannedAction ?? j.action, j.email]);
const summaryOf = (json: IDataObject[]) => json[json.length - 1];

describe('user → reconcile', () => {
	const sandbox = useSandbox();

	/** Hire one, rename one, change one's hours, let Grace and Daniel leave. */
	function changedRoster(): IDataObject[] {
		const rows = demoRoster(sandbox()).filter(
			(r) => r.email !== 'grace.okafor@example.com' && r.email !== 'daniel.kim@example.com',
		);
		const ana = rows.find((r) => r.email === 'ana.souza@example.com')!;
		ana.last_name = 'Souza Lima';
		const leo = rows.find((r) => r.email === 'leo.fischer@example.com')!;
		leo.weekly_hours = 20;
		return [
			...rows,
			{ email: 'New.Hire@Example.com', first_name: 'Nora', last_name: 'Hale', weekly_hours: 40 },
		];
	}
	const applyParams = {
		additionalFields: { weeklyCapacity: '={{ $json.weekly_hours }}' },
		archiveMissing: true,
		maxArchivePercent: 50,
	};

	it('dry run: outputs the plan and a summary, and sends nothing but reads', async () => {
		const { status, json, items } = await reconcile(sandbox(), changedRoster(), applyParams);
		expect(status).toBe('success');
		expect(plannedOf(json)).toEqual([
			['update', 'ana.souza@example.com'],
			['update', 'leo.fischer@example.com'],
			['create', 'New.Hire@Example.com'],
			['archive', 'daniel.kim@example.com'],
			['archive', 'grace.okafor@example.com'],
			['summary', undefined],
		]);
		// Unmistakable at a glance: every item opens with dryRun: true, and nothing says created/updated/archived.
		expect(json.map((j) => Object.entries(j)[0])).toEqual(json.map(() => ['dryRun', true]));
		expect(json.filter((j) => j.action !== undefined && j.action !== 'summary')).toEqual([]);
		expect(summaryOf(json).counts).toBeUndefined();
		expect(json[0]).toMatchObject({
			changes: { last_name: { previous: 'Souza', current: 'Souza Lima' } },
			user: { last_name: 'Souza' },
		});
		expect(json[1].changes).toEqual({ weekly_capacity_hours: { previous: 35, current: 20 } });
		expect(json[2]).toMatchObject({
			user: null,
			changes: {
				first_name: { previous: null, current: 'Nora' },
				weekly_capacity_hours: { previous: null, current: 40 },
			},
		});
		expect(summaryOf(json)).toMatchObject({
			dryRun: true,
			planned: { create: 1, update: 2, restore: 0, archive: 2, unchanged: 3, failed: 0 },
			people: 6,
			harvestUsers: 8,
			activeHarvestUsers: 7,
			requests: { reads: 2, writes: 0 },
		});
		// Change items pair with their person's input item; archives and the summary with all of them.
		expect(items[0].pairedItem).toEqual({ item: 1 });
		expect(items[2].pairedItem).toEqual({ item: 5 });
		expect(items[3].pairedItem).toHaveLength(6);
		// The role check first (it also names the credential's own user), then the users.
		expect(sandbox().log.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v2/users/me',
			'GET /v2/users',
		]);
		expect(sandbox().invitations).toHaveLength(0);
	});

	it('apply: sends exactly the planned changes, one request each, and a rerun finds nothing to do', async () => {
		const roster = changedRoster();
		const plan = await reconcile(sandbox(), roster, applyParams);
		sandbox().clearLog();

		const applied = await reconcile(sandbox(), roster, { ...applyParams, dryRun: false });
		expect(applied.status).toBe('success');
		// The same steps, now done: the dry run's "update" is "updated" here.
		const done: Record<string, string> = {
			create: 'created',
			update: 'updated',
			archive: 'archived',
			summary: 'summary',
		};
		expect(actionsOf(applied.json)).toEqual(
			plannedOf(plan.json).map(([planned, email]) => [done[planned as string], email]),
		);
		expect(actionsOf(applied.json)[0]).toEqual(['updated', 'ana.souza@example.com']);
		expect(applied.json.slice(0, -1).map((j) => j.changes)).toEqual(
			plan.json.slice(0, -1).map((j) => j.changes),
		);
		expect(summaryOf(applied.json)).toMatchObject({
			dryRun: false,
			requests: { reads: 2, writes: 5 },
		});

		const store = sandbox().store.users;
		const ids = (email: string) => store.findByEmail(email)!.id;
		expect(
			writesOf(sandbox())
				.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`)
				.sort(),
		).toEqual(
			[
				`PATCH /v2/users/${ids('ana.souza@example.com')} {"last_name":"Souza Lima"}`,
				`PATCH /v2/users/${ids('leo.fischer@example.com')} {"weekly_capacity":72000}`,
				`POST /v2/users {"email":"New.Hire@Example.com","first_name":"Nora","last_name":"Hale","weekly_capacity":144000}`,
				`PATCH /v2/users/${ids('daniel.kim@example.com')} {"is_active":false}`,
				`PATCH /v2/users/${ids('grace.okafor@example.com')} {"is_active":false}`,
			].sort(),
		);
		expect(applied.json[2].user).toMatchObject({
			id: ids('new.hire@example.com'),
			email: 'New.Hire@Example.com',
		});
		expect(store.findByEmail('grace.okafor@example.com')?.is_active).toBe(false);
		expect(store.findByEmail('ana.souza@example.com')?.last_name).toBe('Souza Lima');
		expect(sandbox().invitations.map((i) => i.email)).toEqual(['New.Hire@Example.com']);

		sandbox().clearLog();
		const again = await reconcile(sandbox(), roster, { ...applyParams, dryRun: false });
		expect(actionsOf(again.json)).toEqual([['summary', undefined]]);
		expect(summaryOf(again.json)).toMatchObject({
			counts: { unchanged: 6, failed: 0 },
			requests: { reads: 2, writes: 0 },
		});
		expect(sandbox().log.map((r) => r.method)).toEqual(['GET', 'GET']);
	});

	it('restores an archived person on the roster only with Restore Archived Users', async () => {
		const roster = [
			...demoRoster(sandbox()),
			{ email: 'olivia.brown@example.com', first_name: 'Olivia', last_name: 'Brown' },
		];
		const left = await reconcile(sandbox(), roster, { dryRun: false });
		// Only people with something to report get an item: Olivia, left archived, with a note.
		expect(actionsOf(left.json)).toEqual([
			['unchanged', 'olivia.brown@example.com'],
			['summary', undefined],
		]);
		expect(left.json[0].note).toMatch(/Restore Archived Users/);
		expect(left.items[0].pairedItem).toEqual({ item: roster.length - 1 });
		expect(writesOf(sandbox())).toHaveLength(0);

		const restored = await reconcile(sandbox(), roster, {
			dryRun: false,
			options: { restoreArchived: true },
		});
		expect(actionsOf(restored.json)).toEqual([
			['restored', 'olivia.brown@example.com'],
			['summary', undefined],
		]);
		expect(writesOf(sandbox()).map((r) => r.body)).toEqual([{ is_active: true }]);
		expect(sandbox().store.users.findByEmail('olivia.brown@example.com')?.is_active).toBe(true);
	});

	describe.each([true, false])(
		'when Harvest lets a restoring PATCH rename (renameWhileRestoring=%s)',
		(allowed) => {
			beforeEach(() => sandbox().setBehaviour({ renameWhileRestoring: allowed }));
			afterEach(() => sandbox().setBehaviour({ renameWhileRestoring: true }));

			it('restores first, then renames, counting both requests', async () => {
				const roster = [
					...demoRoster(sandbox()),
					{ email: 'olivia.brown@example.com', first_name: 'Olivia', last_name: 'Brown-Hale' },
				];
				const { status, json } = await reconcile(sandbox(), roster, {
					dryRun: false,
					options: { restoreArchived: true },
				});
				expect(status).toBe('success');
				expect(actionsOf(json)).toEqual([
					['restored', 'olivia.brown@example.com'],
					['summary', undefined],
				]);
				expect(json[0]).toMatchObject({ user: { is_active: true, last_name: 'Brown-Hale' } });
				expect(writesOf(sandbox()).map((r) => r.body)).toEqual([
					{ is_active: true },
					{ last_name: 'Brown-Hale' },
				]);
				expect(summaryOf(json)).toMatchObject({
					counts: { restored: 1, failed: 0 },
					requests: { writes: 2 },
				});
			});
		},
	);

	it('guard: an empty HR export trips it, and writes nothing', async () => {
		// n8n does not run a node that receives no items at all ...
		const none = await reconcile(sandbox(), [], { dryRun: false, archiveMissing: true });
		expect(none.status).toBe('success');
		expect(sandbox().log).toHaveLength(0);
		// ... but "Always Output Data" on the HR node hands over one empty item.
		const { status, error } = await reconcile(sandbox(), [{}], {
			dryRun: false,
			archiveMissing: true,
		});
		expect(status).toBe('error');
		expect(error?.message).toBe(
			'Nothing was written: the plan would archive 6 of 7 active users (85.7%), more than 20% of the active users',
		);
		expect(error?.description).toMatch(
			/Would archive: ana\.souza@example\.com, daniel\.kim@example\.com/,
		);
		expect(error?.description).not.toMatch(/sam\.carter/); // the credential's own user is never a candidate
		expect(writesOf(sandbox())).toHaveLength(0);
	});

	it('guard: with Continue On Fail the trip is one error item, and still nothing is written', async () => {
		const { status, json, items } = await reconcile(
			sandbox(),
			[{}, { email: 'sam.carter@example.com' }],
			{ dryRun: false, archiveMissing: true },
			true,
		);
		expect(status).toBe('success');
		// One error item for the run, not the roster passed through as if it were results.
		expect(json).toEqual([
			{
				error: expect.stringMatching(/^Nothing was written: the plan would archive 6 of 7/),
				description: expect.any(String),
				operation: 'User → Reconcile With Roster',
			},
		]);
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(writesOf(sandbox())).toHaveLength(0);
	});

	it('guard: a 50 % drop trips both limits, in a dry run too, and writes nothing', async () => {
		sandbox().reset({ users: 40 });
		const everyone = demoRoster(sandbox());
		expect(everyone).toHaveLength(47);
		const half = everyone.filter((_, i) => i % 2 === 0);
		for (const dryRun of [true, false]) {
			const { status, error } = await reconcile(sandbox(), half, { dryRun, archiveMissing: true });
			expect(status).toBe('error');
			expect(error?.message).toBe(
				'Nothing was written: the plan would archive 23 of 47 active users (48.9%), more than 10 users and more than 20% of the active users',
			);
			expect(error?.description).toMatch(/and 3 more\.$/);
		}
		expect(writesOf(sandbox())).toHaveLength(0);

		// Within both limits, the same run goes through.
		const { status, json } = await reconcile(sandbox(), half, {
			dryRun: false,
			archiveMissing: true,
			maxArchiveCount: 25,
			maxArchivePercent: 50,
		});
		expect(status).toBe('success');
		expect(summaryOf(json).counts).toMatchObject({ archived: 23, failed: 0 });
		expect(writesOf(sandbox())).toHaveLength(23);
	});

	it('refuses a guard limit typed as -5 or 150 % instead of reading it as something else, and writes nothing', async () => {
		// The editor no longer bounds these fields (its input dropped the minus sign: -5 became 5).
		const roster = demoRoster(sandbox()).filter((r) => r.email !== 'grace.okafor@example.com');
		for (const [limits, message] of [
			[{ maxArchiveCount: -5 }, /Max Users to Archive must be a whole number of 0 or more, got -5/],
			[
				{ maxArchiveCount: 2.5 },
				/Max Users to Archive must be a whole number of 0 or more, got 2.5/,
			],
			[
				{ maxArchivePercent: 150 },
				/Max Share to Archive \(%\) must be a number from 0 to 100, got 150/,
			],
		] as const) {
			const { status, error } = await reconcile(sandbox(), roster, {
				dryRun: false,
				archiveMissing: true,
				...limits,
			});
			expect(status).toBe('error');
			expect(error?.message).toMatch(message);
		}
		expect(writesOf(sandbox())).toHaveLength(0);
	});

	it('never archives protected emails or the credential’s own user', async () => {
		const roster = demoRoster(sandbox()).filter(
			(r) =>
				![
					'sam.carter@example.com',
					'kenji.watanabe@example.com',
					'grace.okafor@example.com',
				].includes(r.email as string),
		);
		const { json } = await reconcile(sandbox(), roster, {
			dryRun: false,
			archiveMissing: true,
			protectedEmails: ' Kenji.Watanabe@example.com , it-robot@example.com',
		});
		expect(actionsOf(json)).toEqual([
			['archived', 'grace.okafor@example.com'],
			['summary', undefined],
		]);
		expect(summaryOf(json).notArchived).toEqual([
			{ email: 'kenji.watanabe@example.com', reason: 'protected' },
			{ email: 'sam.carter@example.com', reason: 'credential owner' },
		]);
		expect(writesOf(sandbox()).map((r) => r.body)).toEqual([{ is_active: false }]);
		expect(sandbox().store.users.findByEmail('kenji.watanabe@example.com')?.is_active).toBe(true);
		expect(sandbox().store.users.findByEmail('sam.carter@example.com')?.is_active).toBe(true);
	});

	/** Ana renamed, Leo on 20 hours, and Ada hired: two PATCHes and the only POST. */
	function rosterWithHire(): IDataObject[] {
		const rows = demoRoster(sandbox()).map((r) =>
			r.email === 'ana.souza@example.com'
				? { ...r, last_name: 'Souza Lima' }
				: r.email === 'leo.fischer@example.com'
					? { ...r, hours: 20 }
					: r,
		);
		return [...rows, { email: 'ada@example.com', first_name: 'Ada', last_name: 'Hire' }];
	}

	it('a 422 for one person leaves the others applied; Continue On Fail reports it as that person’s item', async () => {
		const roster = [
			...rosterWithHire(),
			{ email: 'dee@example.com', first_name: 'Dee', last_name: 'Hire', role: 'owner' },
		];
		const params = {
			dryRun: false,
			additionalFields: { accessRole: '={{ $json.role }}', weeklyCapacity: '={{ $json.hours }}' },
		};
		sandbox().inject({ kind: 'status', status: 422, match: { method: 'POST', path: '/v2/users' } });

		const { status, json, items } = await reconcile(sandbox(), roster, params, true);
		expect(status).toBe('success');
		expect(actionsOf(json)).toEqual([
			['updated', 'ana.souza@example.com'],
			['updated', 'leo.fischer@example.com'],
			['failed', 'ada@example.com'],
			['failed', 'dee@example.com'],
			['summary', undefined],
		]);
		expect(json[2]).toMatchObject({
			plannedAction: 'create',
			error: 'Unprocessable Entity [HTTP 422]',
			httpCode: '422',
			itemIndex: 7,
		});
		// Dee's access role is refused before sending anything.
		expect(json[3]).toMatchObject({
			error: 'Access Role must be Administrator, Manager or Member, got "owner"',
			itemIndex: 8,
		});
		expect(items.slice(0, 4).map((i) => i.pairedItem)).toEqual([
			{ item: 3 },
			{ item: 4 },
			{ item: 7 },
			{ item: 8 },
		]);
		expect(summaryOf(json).counts).toMatchObject({ updated: 2, failed: 2, unchanged: 5 });
		expect(
			writesOf(sandbox())
				.map((r) => `${r.method} ${r.status}`)
				.sort(),
		).toEqual(['PATCH 200', 'PATCH 200', 'POST 422']);
		expect(sandbox().store.users.findByEmail('ana.souza@example.com')?.last_name).toBe(
			'Souza Lima',
		);
		expect(sandbox().store.users.findByEmail('ada@example.com')).toBeUndefined();
	});

	it('without Continue On Fail, applies the others and then fails, naming each person that failed', async () => {
		sandbox().inject({ kind: 'status', status: 422, match: { method: 'POST', path: '/v2/users' } });
		const { status, error } = await reconcile(sandbox(), rosterWithHire(), {
			dryRun: false,
			additionalFields: { weeklyCapacity: '={{ $json.hours }}' },
		});
		expect(status).toBe('error');
		expect(error?.message).toBe('1 person could not be reconciled; 2 other changes were applied');
		expect(error?.description).toMatch(
			/^ada@example\.com \(item 7\), create: Unprocessable Entity \[HTTP 422\]\. Fix these and run again/,
		);
		expect(sandbox().store.users.findByEmail('leo.fischer@example.com')?.weekly_capacity).toBe(
			72000,
		);

		// The rerun sends only what is still missing.
		sandbox().clearLog();
		const again = await reconcile(sandbox(), rosterWithHire(), {
			dryRun: false,
			additionalFields: { weeklyCapacity: '={{ $json.hours }}' },
		});
		expect(actionsOf(again.json)).toEqual([
			['created', 'ada@example.com'],
			['summary', undefined],
		]);
		expect(writesOf(sandbox()).map((r) => r.method)).toEqual(['POST']);
	});

	it('refuses a roster with items without email or listing a person twice, before any request', async () => {
		const missing = await reconcile(sandbox(), [
			{ email: 'a@example.com' },
			{ mail: 'b@example.com' },
			{ email: '  ' },
		]);
		expect(missing.error?.message).toBe('2 input items have no email: items 1, 2');
		const twice = await reconcile(sandbox(), [
			{ email: 'a@example.com' },
			{ email: 'b@example.com' },
			{ email: ' A@Example.com' },
		]);
		expect(twice.error?.message).toBe(
			'The input lists the same person more than once: a@example.com (items 0, 2)',
		);
		expect(sandbox().log).toHaveLength(0);
	});

	it('maps HR columns with other names and formats: access roles as one list, hours as text, roles comma-separated', async () => {
		const row = {
			work_email: 'MAYA.PATEL@example.com',
			given: 'Maya',
			family: 'Patel',
			perms: 'manager, project_creator, billable_rates_manager',
			hours: '35',
			titles: 'Engineering Lead',
			contractor: 'false',
		};
		const params = {
			email: '={{ $json.work_email }}',
			firstName: '={{ $json.given }}',
			lastName: '={{ $json.family }}',
			additionalFields: {
				accessRole: '={{ $json.perms }}',
				weeklyCapacity: '={{ $json.hours }}',
				roles: '={{ $json.titles }}',
				isContractor: '={{ $json.contractor }}',
			},
		};
		const same = await reconcile(sandbox(), [row], params);
		expect(summaryOf(same.json).planned).toMatchObject({ unchanged: 1, update: 0, failed: 0 });

		const { json } = await reconcile(
			sandbox(),
			[{ ...row, titles: 'Engineering Lead, Architect', contractor: true }],
			params,
		);
		expect(json[0].changes).toEqual({
			roles: { previous: ['Engineering Lead'], current: ['Engineering Lead', 'Architect'] },
			is_contractor: { previous: false, current: true },
		});
	});
});

describe('examples/hr-roster-reconcile.json', () => {
	const sandbox = useSandbox();
	const example = () => {
		const workflow = JSON.parse(
			readFileSync(join(PACKAGE_ROOT, 'examples/hr-roster-reconcile.json'), 'utf8'),
		) as { nodes: INode[] };
		const node = (type: string) => workflow.nodes.find((n) => n.type === type)!;
		const roster = (
			new Function(node('n8n-nodes-base.code').parameters.jsCode as string)() as Array<{
				json: IDataObject;
			}>
		).map((i) => i.json);
		return {
			roster,
			parameters: node('n8n-nodes-harvest-users.harvestUsers').parameters as IDataObject,
		};
	};

	it('stays within the guard after examples 1–3 ran (their hires are on its roster), twice in a row', async () => {
		// What examples 1 (Jane), 2 (Grace archived) and 3 (Priya, Daniel archived) leave behind.
		const { store } = sandbox();
		store.users.create({
			first_name: 'Jane',
			last_name: 'Doe',
			email: 'jane.doe@example.com',
			weekly_capacity: 32 * 3600,
		});
		store.users.create({
			first_name: 'Priya',
			last_name: 'Singh',
			email: 'priya.singh@example.com',
			weekly_capacity: 40 * 3600,
		});
		for (const email of ['grace.okafor@example.com', 'daniel.kim@example.com']) {
			store.users.update(
				store.users.findByEmail(email)!.id,
				{ is_active: false },
				{ direct: true },
			);
		}
		const { roster, parameters } = example();
		for (let run = 0; run < 2; run++) {
			const { status, json } = await reconcile(sandbox(), roster, parameters);
			expect(status).toBe('success');
			expect(summaryOf(json)).toMatchObject({ dryRun: true, planned: { archive: 0, failed: 0 } });
		}
		expect(writesOf(sandbox())).toHaveLength(0);
	});

	it('runs as shipped: a dry run that plans the hire, the changes and the leaver, and writes nothing', async () => {
		const workflow = JSON.parse(
			readFileSync(join(PACKAGE_ROOT, 'examples/hr-roster-reconcile.json'), 'utf8'),
		) as { nodes: INode[] };
		const node = (type: string) => workflow.nodes.find((n) => n.type === type)!;
		expect(node('n8n-nodes-harvest-users.harvestUsers').parameters).toMatchObject({
			operation: 'reconcile',
			dryRun: true,
		});
		// The Code node's JavaScript is the roster; run it as n8n would and hand its items over.
		const roster = (
			new Function(node('n8n-nodes-base.code').parameters.jsCode as string)() as Array<{
				json: IDataObject;
			}>
		).map((i) => i.json);

		const { status, json } = await reconcile(
			sandbox(),
			roster,
			node('n8n-nodes-harvest-users.harvestUsers').parameters as IDataObject,
		);
		expect(status).toBe('success');
		expect(plannedOf(json)).toEqual([
			['update', 'Leo.Fischer@example.com'],
			['update', 'ana.souza@example.com'],
			['create', 'nora.hale@example.com'],
			['create', 'jane.doe@example.com'],
			['create', 'priya.singh@example.com'],
			['archive', 'daniel.kim@example.com'],
			['summary', undefined],
		]);
		expect(json[0].changes).toEqual({ weekly_capacity_hours: { previous: 35, current: 20 } });
		expect(writesOf(sandbox())).toHaveLength(0);
	});
});

describe('user → reconcile: a first sync of 300 people at Harvest’s (scaled) rate limit', () => {
	const sandbox = useSandbox({ seed: 'empty' });

	it('creates everyone with one read and one write each, with no failure and no 429 reaching the node', async () => {
		const roster = [
			...demoRoster(sandbox()),
			...Array.from({ length: 300 }, (_, i) => ({
				email: `person.${i}@example.com`,
				first_name: `Person${i}`,
				last_name: 'Roster',
				hours: 40,
			})),
		];
		const params = {
			dryRun: false,
			archiveMissing: true,
			additionalFields: { weeklyCapacity: '={{ $json.hours }}' },
		};
		const started = Date.now();
		const { status, json } = await reconcile(sandbox(), roster, params);
		const seconds = (Date.now() - started) / 1000;

		expect(status).toBe('success');
		expect(summaryOf(json)).toMatchObject({
			counts: { created: 300, updated: 0, archived: 0, unchanged: 3, failed: 0 },
			requests: { reads: 2, writes: 300 },
		});
		const log = sandbox().log;
		// The minimum: the role check, ceil(3 / 2000) = 1 read, and one write per change.
		expect(log).toHaveLength(302);
		expect(log.filter((r) => r.status === 429)).toHaveLength(0);
		expect(log.filter((r) => r.method === 'POST' && r.status === 201)).toHaveLength(300);
		expect(sandbox().invitations).toHaveLength(300);
		// 100 requests per 1.5 s: 302 requests cannot take less than three full windows.
		expect(seconds).toBeGreaterThan(3);
		console.log(
			`300-person first sync: ${log.length} requests (minimum 302) in ${seconds.toFixed(1)} s`,
		);
	});
});
