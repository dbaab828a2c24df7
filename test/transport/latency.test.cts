/**
 * Zero 429s at any latency: with items in flight, the limiter keeps Harvest's window (scaled to
 * 100 requests / 1.5 s here, for the sandbox and our pacing alike) at 0, 100, 300 and 1,000 ms
 * round trips, with jitter so requests overtake each other on the way. Asserted on the sandbox's
 * log (429s, requests in flight), never on elapsed time.
 */
import type { IDataObject } from 'n8n-workflow';

import { maxInFlight, patCredential, runNode, useSandbox } from '../harness/index.cjs';

describe('no 429 at any round trip, with items in flight', () => {
	const sandbox = useSandbox();
	const items = (n: number): IDataObject[] => Array.from({ length: n }, () => ({}));

	it.each([0, 100, 300, 1000])(
		'%i ms round trip: 230 items at 50 in flight, not one 429',
		async (ms) => {
			sandbox().setLatency({ ms, jitterMs: ms / 2 });
			const { status, json } = await runNode({
				parameters: { resource: 'user', operation: 'me', requestOptions: { parallelRequests: 50 } },
				input: items(230),
				credentials: patCredential(sandbox()),
			});
			expect(status).toBe('success');
			expect(json).toHaveLength(230);
			const log = sandbox().log;
			expect(log).toHaveLength(230);
			expect(log.filter((r) => r.status === 429)).toHaveLength(0);
			// With a round trip, the items really were in flight together.
			if (ms > 0) expect(maxInFlight(log)).toBeGreaterThan(1);
		},
	);
});
