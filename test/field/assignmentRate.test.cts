/**
 * A package bug revealed by harvest-observed-2.md §3.3 / §3.5: with Use Default Rates on (the
 * default of a new assignment), Harvest bills the user's default rate and answers with it, so an
 * Hourly Rate sent alone on a create vanished without a word. The node now refuses that before
 * sending, under both sandbox variants of §3.3. Through n8n's runtime against the sandbox.
 */
import type { INodeParameters } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { DEFAULT_BEHAVIOUR } from '../../sandbox/src/index.cjs';

const byId = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });

describe.each([true, false])(
	'user assignment Hourly Rate (defaultRatesShowUserRate %s)',
	(showsUserRate) => {
		const sandbox = useSandbox();
		beforeEach(() =>
			sandbox().setBehaviour({ ...DEFAULT_BEHAVIOUR, defaultRatesShowUserRate: showsUserRate }),
		);
		afterAll(() => sandbox().setBehaviour(DEFAULT_BEHAVIOUR));

		const project = (name: string) =>
			sandbox()
				.store.projects.values()
				.find((p) => p.name === name)!;
		const grace = () => sandbox().store.users.findByEmail('grace.okafor@example.com')!;
		const run = (parameters: INodeParameters) =>
			runNode({ parameters, credentials: patCredential(sandbox()), continueOnFail: true });
		const writes = () => sandbox().log.filter((r) => r.method !== 'GET');

		it('create: a rate without Use Default Rates off is refused before sending', async () => {
			const { json } = await run({
				resource: 'userAssignment',
				operation: 'create',
				projectId: byId(project('Mobile App').id),
				userId: byId(grace().id),
				additionalFields: { hourlyRate: 140 },
			});
			expect(String(json[0].error)).toMatch(
				/Hourly Rate applies only with Use Default Rates off.*140/,
			);
			expect(writes()).toEqual([]);
		});

		it('create: with Use Default Rates off, the rate is sent and answered as set', async () => {
			const { json } = await run({
				resource: 'userAssignment',
				operation: 'create',
				projectId: byId(project('Mobile App').id),
				userId: byId(grace().id),
				additionalFields: { hourlyRate: 140, useDefaultRates: false },
			});
			expect(json[0]).toMatchObject({ hourly_rate: 140, use_default_rates: false });
		});

		it('update: a rate with Use Default Rates on is refused; a rate alone on a custom-rate assignment is sent', async () => {
			const leo = sandbox().tokens.member.userId;
			const a = sandbox()
				.store.userAssignments.list()
				.find((x) => x.user_id === leo && !x.use_default_rates)!;
			const update = (updateFields: INodeParameters) =>
				run({
					resource: 'userAssignment',
					operation: 'update',
					projectId: byId(a.project_id),
					userAssignmentId: a.id,
					updateFields,
				});
			const refused = await update({ hourlyRate: 99, useDefaultRates: true });
			expect(String(refused.json[0].error)).toMatch(/Use Default Rates off/);
			expect(writes()).toEqual([]);
			const sent = await update({ hourlyRate: 99 });
			expect(sent.json[0]).toMatchObject({ hourly_rate: 99, use_default_rates: false });
		});
	},
);
