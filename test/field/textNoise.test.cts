/**
 * Issue 21, point 2: HR-export noise. Names exported in Unicode NFD (é as e + U+0301) or with
 * extra spaces look the same as Harvest's NFC names; a roster that has converged must make no
 * write whatever the noise, two exports of the same roster must never flip anyone, and what is
 * sent to Harvest is NFC. Through n8n's runtime against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import type { Sandbox } from '../../sandbox/src/index.cjs';

const NFC_FIRST = 'Zoë';
const NFC_LAST = 'Müller-Gonçalves';
const nfd = (s: string) => s.normalize('NFD');

/** The demo roster with one person whose name has accents, as an HR export would send it. */
function roster(sandbox: Sandbox, noisy: boolean): IDataObject[] {
	const rows = sandbox.store.users
		.list()
		.filter((u) => u.is_active)
		.map((u) => ({
			email: u.email,
			first_name: u.first_name,
			last_name: u.last_name,
			tel: u.telephone,
		}));
	return rows.map((r) =>
		noisy
			? {
					...r,
					first_name: `  ${nfd(r.first_name)} `,
					last_name: nfd(r.last_name).replace(' ', '   ') + '\u00a0',
				}
			: r,
	);
}

const reconcile = (sandbox: Sandbox, input: IDataObject[]) =>
	runNode({
		parameters: {
			resource: 'user',
			operation: 'reconcile',
			dryRun: false,
			archiveMissing: true,
			maxArchivePercent: 50,
		},
		input,
		credentials: patCredential(sandbox),
	});

const writesOf = (sandbox: Sandbox) => sandbox.log.filter((r) => r.method !== 'GET');
const hasNfd = (value: unknown) => typeof value === 'string' && value !== value.normalize('NFC');

describe('text compared after NFC and trimming', () => {
	const sandbox = useSandbox();

	beforeEach(() => {
		// One person with accents and a two-word last name, held by Harvest in NFC.
		const grace = sandbox().store.users.findByEmail('grace.okafor@example.com')!;
		sandbox().store.users.update(
			grace.id,
			{ first_name: NFC_FIRST, last_name: `${NFC_LAST} da Silva` },
			{ direct: true },
		);
		sandbox().clearLog();
	});

	it('reconcile: a converged roster exported in NFD with extra spaces makes no write', async () => {
		const run = await reconcile(sandbox(), roster(sandbox(), true));
		expect(run.status).toBe('success');
		expect(writesOf(sandbox())).toEqual([]);
		expect(run.json[run.json.length - 1]).toMatchObject({
			counts: { updated: 0, created: 0, archived: 0 },
		});
	});

	it('reconcile: noisy, clean, noisy again — nobody flips back and forth', async () => {
		const clean = roster(sandbox(), false);
		const noisy = roster(sandbox(), true);
		for (const input of [noisy, clean, noisy, clean])
			expect((await reconcile(sandbox(), input)).status).toBe('success');
		expect(writesOf(sandbox())).toEqual([]);
		expect(sandbox().store.users.findByEmail('grace.okafor@example.com')).toMatchObject({
			first_name: NFC_FIRST,
			last_name: `${NFC_LAST} da Silva`,
		});
	});

	it('reconcile: a new person from an NFD export is created in NFC, and the next noisy run sends nothing', async () => {
		const hire = {
			email: 'chloe.noel@example.com',
			first_name: `  ${nfd('Chloé')}`,
			last_name: `${nfd('Noël')} `,
		};
		const first = await reconcile(sandbox(), [...roster(sandbox(), false), hire]);
		expect(first.status).toBe('success');
		const posts = writesOf(sandbox());
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toMatchObject({ first_name: 'Chloé', last_name: 'Noël' });
		expect(
			hasNfd((posts[0].body as IDataObject).first_name) ||
				hasNfd((posts[0].body as IDataObject).last_name),
		).toBe(false);
		sandbox().clearLog();
		await reconcile(sandbox(), [...roster(sandbox(), true), hire]);
		expect(writesOf(sandbox())).toEqual([]);
	});

	it('upsert: an NFD name with spaces around is unchanged; a real change is sent in NFC', async () => {
		const upsert = (first: string, last: string) =>
			runNode({
				parameters: {
					resource: 'user',
					operation: 'upsert',
					email: 'grace.okafor@example.com',
					firstName: first,
					lastName: last,
				},
				credentials: patCredential(sandbox()),
			});
		const same = await upsert(` ${nfd(NFC_FIRST)}  `, `${nfd(NFC_LAST)}  da  Silva`);
		expect(same.json[0]).toMatchObject({ action: 'unchanged' });
		expect(writesOf(sandbox())).toEqual([]);
		const changed = await upsert(nfd('Zoé'), nfd(NFC_LAST));
		expect(changed.json[0]).toMatchObject({ action: 'updated' });
		const [patch] = writesOf(sandbox());
		expect(patch.body).toEqual({ first_name: 'Zoé', last_name: NFC_LAST });
	});

	it('create and update send names in NFC', async () => {
		await runNode({
			parameters: {
				resource: 'user',
				operation: 'create',
				firstName: nfd('Renée'),
				lastName: nfd('Åström'),
				email: 'renee@example.com',
			},
			credentials: patCredential(sandbox()),
		});
		const grace = sandbox().store.users.findByEmail('grace.okafor@example.com')!;
		await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: { __rl: true, mode: 'id', value: String(grace.id) },
				updateFields: { lastName: nfd('Ødegård') },
			},
			credentials: patCredential(sandbox()),
		});
		const bodies = writesOf(sandbox()).map((w) => w.body as IDataObject);
		expect(bodies[0]).toMatchObject({ first_name: 'Renée', last_name: 'Åström' });
		expect(bodies[1]).toEqual({ last_name: 'Ødegård' });
		expect(bodies.flatMap((b) => Object.values(b)).some(hasNfd)).toBe(false);
	});
});
