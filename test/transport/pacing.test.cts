/**
 * Pacing: long batches stay under Harvest's limit (scaled here to 100 requests per 1.5 s for both
 * the sandbox and our limiter) without a single 429, also when two executions share a token.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, SCALED_LIMIT, useSandbox } from '../harness/index.cjs';

describe('pacing under the rate limit', () => {
	const sandbox = useSandbox();
	const items = (n: number): IDataObject[] => Array.from({ length: n }, () => ({}));

	it('spreads a 250-item batch over the windows without any 429', async () => {
		const started = Date.now();
		const { status, json } = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			input: items(250),
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('success');
		expect(json).toHaveLength(250);
		const log = sandbox().log;
		expect(log).toHaveLength(250);
		expect(log.filter((r) => r.status === 429)).toHaveLength(0);
		// 250 requests need at least two full windows after the first hundred.
		expect(Date.now() - started).toBeGreaterThanOrEqual(2 * SCALED_LIMIT.windowMs);
	});

	it('shares one limiter between executions that use the same token', async () => {
		const run = () =>
			runNode({
				parameters: { resource: 'user', operation: 'me' },
				input: items(120),
				credentials: patCredential(sandbox()),
			});
		const [a, b] = await Promise.all([run(), run()]);
		expect(a.json).toHaveLength(120);
		expect(b.json).toHaveLength(120);
		expect(sandbox().log.filter((r) => r.status === 429)).toHaveLength(0);
	});

	it('paces tokens independently: another token is not held behind a busy one', async () => {
		const busy = runNode({
			parameters: { resource: 'user', operation: 'me' },
			input: items(150),
			credentials: patCredential(sandbox()),
		});
		const other = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			input: items(20),
			credentials: patCredential(sandbox(), 'member'),
		});
		await busy;
		expect(other.json).toHaveLength(20);
		const admin = sandbox().tokens.admin.token.slice(-4);
		const member = sandbox().tokens.member.token.slice(-4);
		const log = sandbox().log;
		// The busy token's 101st request has to wait for its window; the other token's never do.
		const busyWaited = log.filter((r) => r.token === admin)[100].seq;
		const lastOther = Math.max(...log.filter((r) => r.token === member).map((r) => r.seq));
		expect(lastOther).toBeLessThan(busyWaited);
		expect(log.filter((r) => r.status === 429)).toHaveLength(0);
	});
});
