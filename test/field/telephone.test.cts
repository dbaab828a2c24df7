/**
 * Issue 21, point 5 (node side): Harvest takes `telephone` on POST /v2/users and PATCH
 * (harvest-observed-2.md §1.1, harvest-observed.md §2), so the node offers Telephone on Create,
 * Update, Create or Update and Reconcile's Fields to Sync. Through n8n's runtime against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import type { Sandbox } from '../../sandbox/src/index.cjs';

const writesOf = (sandbox: Sandbox) =>
	sandbox.log.filter((r) => r.method !== 'GET').map((r) => ({ method: r.method, body: r.body }));

describe('Telephone', () => {
	const sandbox = useSandbox();
	const creds = () => patCredential(sandbox());
	const grace = () => sandbox().store.users.findByEmail('grace.okafor@example.com')!;

	it('create sends it (NFC, trimmed) and outputs it', async () => {
		const { json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'create',
				firstName: 'Tel',
				lastName: 'Lee',
				email: 'tel.lee@example.com',
				additionalFields: { telephone: ' +49 30 1234 ' },
			},
			credentials: creds(),
		});
		expect(writesOf(sandbox())).toEqual([
			{
				method: 'POST',
				body: {
					first_name: 'Tel',
					last_name: 'Lee',
					email: 'tel.lee@example.com',
					telephone: '+49 30 1234',
				},
			},
		]);
		expect(json[0].telephone).toBe('+49 30 1234');
		expect(sandbox().store.users.findByEmail('tel.lee@example.com')?.telephone).toBe('+49 30 1234');
	});

	it('update sends it; an empty Telephone clears it', async () => {
		const update = (telephone: string) =>
			runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: { __rl: true, mode: 'id', value: String(grace().id) },
					updateFields: { telephone },
				},
				credentials: creds(),
			});
		expect((await update('+44 20 7946 0000')).json[0].telephone).toBe('+44 20 7946 0000');
		expect((await update('')).json[0].telephone).toBe('');
		expect(writesOf(sandbox()).map((w) => w.body)).toEqual([
			{ telephone: '+44 20 7946 0000' },
			{ telephone: '' },
		]);
	});

	it('create or update compares it: a different number is updated, the same one is left alone', async () => {
		const upsert = (telephone: string) =>
			runNode({
				parameters: {
					resource: 'user',
					operation: 'upsert',
					email: 'grace.okafor@example.com',
					additionalFields: { telephone },
				},
				credentials: creds(),
			});
		const changed = await upsert('+1 555 0111');
		expect(changed.json[0]).toMatchObject({
			action: 'updated',
			telephone: '+1 555 0111',
			changes: { telephone: { previous: '', current: '+1 555 0111' } },
		});
		const same = await upsert(' +1 555 0111 ');
		expect(same.json[0]).toMatchObject({ action: 'unchanged' });
		expect(writesOf(sandbox())).toHaveLength(1);
	});

	it("reconcile syncs it as a Field to Sync; a person's empty cell leaves Harvest's number", async () => {
		const input: IDataObject[] = sandbox()
			.store.users.list()
			.filter((u) => u.is_active)
			.map((u) => ({
				email: u.email,
				phone: u.email === 'grace.okafor@example.com' ? '+1 555 0122' : '',
			}));
		const run = await runNode({
			parameters: {
				resource: 'user',
				operation: 'reconcile',
				dryRun: false,
				additionalFields: { telephone: '={{ $json.phone }}' },
			},
			input,
			credentials: creds(),
		});
		expect(run.status).toBe('success');
		expect(writesOf(sandbox())).toEqual([{ method: 'PATCH', body: { telephone: '+1 555 0122' } }]);
		expect(grace().telephone).toBe('+1 555 0122');
		expect(sandbox().store.users.findByEmail('sam.carter@example.com')?.telephone).toBe(
			'+1 555 0100',
		);
	});
});
