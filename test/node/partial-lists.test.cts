/**
 * Issue 24, point 2: a list the token sees only part of says so, in the editor (an n8n execution
 * hint on the node's run) and on every item (`partialList: true`, which a workflow can test).
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, useSandbox, type NodeRun } from '../harness/index.cjs';

const sandbox = useSandbox({ seed: 'demo' });

const hintsOf = (run: NodeRun): Array<{ message: string; type?: string }> =>
	(
		run.run.data.resultData.runData['Harvest Users']?.[0] as
			| { hints?: Array<{ message: string; type?: string }> }
			| undefined
	)?.hints ?? [];

const listUsers = (who: 'admin' | 'manager', extra: IDataObject = {}, typeVersion = 1) =>
	runNode({
		parameters: { resource: 'user', operation: 'getAll', returnAll: true, ...extra },
		credentials: patCredential(sandbox(), who),
		typeVersion,
	});

describe('user → Get Many with a Manager’s token', () => {
	it('says the list is partial: an execution hint, and partialList on every item', async () => {
		const run = await listUsers('manager');
		expect(run.status).toBe('success');
		const all = sandbox().store.users.list().length;
		expect(run.json.length).toBeGreaterThan(0);
		expect(run.json.length).toBeLessThan(all);
		expect(run.json.every((u) => u.partialList === true)).toBe(true);
		const hints = hintsOf(run);
		expect(hints).toHaveLength(1);
		expect(hints[0].type).toBe('warning');
		expect(hints[0].message).toMatch(/^Partial list: the credential's user \(.+\) is a Manager/);
		expect(hints[0].message).toMatch(/Administrator/);
	});

	it('keeps the flag with Simplify on (version 1.1), and says it once for many input items', async () => {
		const run = await runNode({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: patCredential(sandbox(), 'manager'),
			typeVersion: 1.1,
			input: [{}, {}, {}],
		});
		expect(run.status).toBe('success');
		expect(run.json.every((u) => u.partialList === true && !('avatar_url' in u))).toBe(true);
		expect(hintsOf(run)).toHaveLength(1);
		expect(sandbox().log.filter((r) => r.path === '/v2/users/me')).toHaveLength(1);
	});

	it('an Administrator’s list is whole and unchanged: no flag, no hint', async () => {
		const run = await listUsers('admin');
		expect(run.status).toBe('success');
		expect(run.json).toHaveLength(sandbox().store.users.list().length);
		expect(run.json.some((u) => 'partialList' in u)).toBe(false);
		expect(hintsOf(run)).toEqual([]);
	});
});
