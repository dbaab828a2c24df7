/**
 * Careless input (issue 10, classes 6 and 7) through n8n's runtime: Limit and field types are
 * checked before any request, and look-alike emails never create a twin nor archive the person.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';

describe('input types', () => {
	const sandbox = useSandbox();
	const run = (parameters: INodeParameters, input?: IDataObject[]) =>
		runNode({ parameters, input, credentials: patCredential(sandbox()) });

	it.each([0, -1, 2.5, '3x'])(
		'Limit %p is an error naming Limit, before any request',
		async (limit) => {
			for (const resource of ['user', 'role']) {
				const { status, error } = await run({
					resource,
					operation: 'getAll',
					returnAll: false,
					limit,
				});
				expect(status).toBe('error');
				expect(error?.message).toMatch(/^Limit must be a positive whole number/);
			}
			expect(sandbox().log).toEqual([]);
		},
	);

	it('Limit given as whole-number text from an expression still works', async () => {
		const { status, json } = await run({
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: '={{ "2" }}',
		});
		expect(status).toBe('success');
		expect(json).toHaveLength(2);
	});

	it.each([
		['an object', { first: 'Nina' }, /First Name must be text, got an object/],
		['an array', ['Nina'], /First Name must be text, got an array/],
	])(
		'a text field whose expression yields %s names the field and the type',
		async (_, value, expected) => {
			const { status, error } = await run(
				{
					resource: 'user',
					operation: 'create',
					firstName: '={{ $json.name }}',
					lastName: 'New',
					email: 'nina@example.com',
				},
				[{ name: value }],
			);
			expect(status).toBe('error');
			expect(error?.message).toMatch(expected);
			expect(error?.message).not.toMatch(/cannot be empty/);
			expect(sandbox().log).toEqual([]);
		},
	);

	it('an email whose expression yields an object names Email and the type', async () => {
		const { status, error } = await run(
			{
				resource: 'user',
				operation: 'create',
				firstName: 'Nina',
				lastName: 'New',
				email: '={{ $json.email }}',
			},
			[{ email: { address: 'nina@example.com' } }],
		);
		expect(status).toBe('error');
		expect(error?.message).toMatch(/Email must be text, got an object/);
		expect(sandbox().log).toEqual([]);
	});
});

describe('look-alike emails', () => {
	const sandbox = useSandbox();
	const grace = 'grace.okafor@example.com';
	const roster = (graceAs: string): IDataObject[] =>
		sandbox()
			.store.users.list()
			.filter((u) => u.is_active)
			.map((u) => ({
				email: u.email === grace ? graceAs : u.email,
				first_name: u.first_name,
				last_name: u.last_name,
			}));
	const reconcile = (input: IDataObject[]) =>
		runNode({
			parameters: {
				resource: 'user',
				operation: 'reconcile',
				dryRun: false,
				archiveMissing: true,
				maxArchivePercent: 50,
			},
			input,
			credentials: patCredential(sandbox()),
		});

	it.each([
		['a zero-width space', 'grace\u200B.okafor@example.com'],
		['a zero-width joiner and a BOM', '\uFEFFgrace.oka\u200Dfor@example.com'],
		['a soft hyphen and a word joiner', 'grace.oka\u00ADfor\u2060@example.com'],
		['no-break and ideographic spaces around it', '\u00A0grace.okafor@example.com\u3000'],
		['full-width letters and capitals', 'ＧＲＡＣＥ.okafor＠example.com'],
	])(
		'reconcile with Grace’s email holding %s neither creates a twin nor archives her',
		async (_, lookalike) => {
			const { status, json } = await reconcile(roster(lookalike));
			expect(status).toBe('success');
			const actions = json.filter((j) => j.action !== 'summary' && j.action !== 'unchanged');
			expect(actions).toEqual([]);
			expect(sandbox().store.users.findByEmail(grace)?.is_active).toBe(true);
			expect(sandbox().log.filter((r) => r.method !== 'GET')).toEqual([]);
		},
	);

	it.each([
		['a control character', 'grace\u0007.okafor@example.com'],
		['a right-to-left mark', 'grace.okafor\u200F@example.com'],
		['a space inside', 'grace okafor@example.com'],
	])(
		'an email still holding %s stops reconcile before any change, naming the item',
		async (_, bad) => {
			const { status, error } = await reconcile(roster(bad));
			expect(status).toBe('error');
			expect(error?.message).toMatch(/item/);
			expect(error?.message).toMatch(/invisible|control|space/i);
			expect(sandbox().log.filter((r) => r.method !== 'GET')).toEqual([]);
			expect(sandbox().store.users.findByEmail(grace)?.is_active).toBe(true);
		},
	);

	it('upsert with an invisible character updates the existing user instead of creating a look-alike', async () => {
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'upsert',
				email: 'grace.okafor\u200B@example.com',
				firstName: 'Grace',
				lastName: 'Okafor-Reed',
			},
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('success');
		expect(json[0].action).toBe('updated');
		expect(sandbox().log.filter((r) => r.method === 'POST')).toEqual([]);
		expect(
			sandbox()
				.store.users.list()
				.filter((u) => u.email.includes('okafor')),
		).toHaveLength(1);
	});
});
