/**
 * Issue 21, point 5: archiving a person archives their project assignments and restoring does not
 * bring them back (harvest-observed-2.md §3.8). Restore, Create or Update and Reconcile say so in
 * every restored item (`warning`), under both sandbox variants (the API side is inferred).
 * Through n8n's runtime against the sandbox.
 */
import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { DEFAULT_BEHAVIOUR, type Sandbox } from '../../sandbox/src/index.cjs';

const activeProjects = (sandbox: Sandbox, userId: number) =>
	sandbox.store.userAssignments.list().filter((a) => a.user_id === userId && a.is_active).length;

describe.each([true, false])(
	'restored users are told their projects are not restored (archiveArchivesAssignments %s)',
	(cascade) => {
		const sandbox = useSandbox();
		const creds = () => patCredential(sandbox());
		const ana = () => sandbox().store.users.findByEmail('ana.souza@example.com')!;
		beforeEach(() =>
			sandbox().setBehaviour({ ...DEFAULT_BEHAVIOUR, archiveArchivesAssignments: cascade }),
		);
		afterAll(() => sandbox().setBehaviour(DEFAULT_BEHAVIOUR));

		const archiveAna = async () => {
			const run = await runNode({
				parameters: {
					resource: 'user',
					operation: 'archive',
					userId: { __rl: true, mode: 'id', value: String(ana().id) },
				},
				credentials: creds(),
			});
			expect(run.status).toBe('success');
			expect(activeProjects(sandbox(), ana().id)).toBe(cascade ? 0 : 2);
		};

		it('Restore', async () => {
			await archiveAna();
			const { json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'restore',
					userId: { __rl: true, mode: 'id', value: String(ana().id) },
				},
				credentials: creds(),
			});
			expect(json[0]).toMatchObject({ is_active: true, email: 'ana.souza@example.com' });
			expect(String(json[0].warning)).toMatch(/without their projects.*User Assignment/);
			expect(activeProjects(sandbox(), ana().id)).toBe(cascade ? 0 : 2);
		});

		it('Create or Update with Restore Archived Users', async () => {
			await archiveAna();
			const { json } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'upsert',
					email: 'ana.souza@example.com',
					options: { restoreArchived: true },
				},
				credentials: creds(),
			});
			expect(json[0]).toMatchObject({ action: 'restored', is_active: true });
			expect(String(json[0].warning)).toMatch(/without their projects/);
		});

		it('Reconcile with Restore Archived Users; the dry run warns too, and an unchanged person gets no warning', async () => {
			await archiveAna();
			const input = sandbox()
				.store.users.list()
				.filter((u) => u.is_active || u.email === 'ana.souza@example.com')
				.map((u) => ({ email: u.email }));
			for (const dryRun of [true, false]) {
				const { json } = await runNode({
					parameters: {
						resource: 'user',
						operation: 'reconcile',
						dryRun,
						options: { restoreArchived: true },
					},
					input,
					credentials: creds(),
				});
				const people = json.filter((j) => j.email !== undefined);
				expect(people).toHaveLength(1);
				expect(people[0]).toMatchObject({
					email: 'ana.souza@example.com',
					...(dryRun ? { plannedAction: 'restore' } : { action: 'restored' }),
				});
				expect(String(people[0].warning)).toMatch(/without their projects/);
			}
		});
	},
);
