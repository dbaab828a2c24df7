/**
 * Pacing: long batches stay under Harvest's limit (scaled here to 100 requests per 1.5 s for both
 * the sandbox and our limiter) without a single 429, also when two executions share a token.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runNode, SCALED_LIMIT, useSandbox } from '../harness';

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
			runNode({ parameters: { resource: 'user', operation: 'me' }, input: items(120), credentials: patCredential(sandbox()) });
		const [a, b] = await Promise.all([run(), run()]);
		expect(a.json).toHaveLength(120);
		expect(b.json).toHaveLength(120);
		expect(sandbox().log.filter((r) => r.status === 429)).toHaveLength(0);
	});

	it('paces tokens independently: another token is not slowed by a busy one', async () => {
		const busy = runNode({ parameters: { resource: 'user', operation: 'me' }, input: items(150), credentials: patCredential(sandbox()) });
		const started = Date.now();
		const other = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			input: items(20),
			credentials: patCredential(sandbox(), 'member'),
		});
		const otherMs = Date.now() - started;
		await busy;
		expect(other.json).toHaveLength(20);
		expect(otherMs).toBeLessThan(SCALED_LIMIT.windowMs);
		expect(sandbox().log.filter((r) => r.status === 429)).toHaveLength(0);
	});
});
