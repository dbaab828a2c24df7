/**
 * The Harvest sandbox: a faithful fake of Harvest API v2 on 127.0.0.1, used by every test,
 * benchmark and the demo.
 *
 *   const sandbox = await startSandbox({ seed: { users: 4500 }, rateLimit: false });
 *   await fetch(`${sandbox.url}/v2/users`, { headers: {
 *     Authorization: `Bearer ${sandbox.tokens.admin.token}`,
 *     'Harvest-Account-Id': sandbox.tokens.admin.accountId, 'User-Agent': 'tests (dev@example.com)' } });
 *   await sandbox.close();
 */
import { SandboxServer } from './server';
import type { Sandbox, SandboxOptions } from './types';

export type { Fault, FaultMatch, Invitation, LoggedRequest, RateLimit, Sandbox, SandboxOptions, SandboxToken, SeedSpec } from './types';
export type { Store } from './store';
export { DEFAULT_RATE_LIMIT } from './rateLimit';

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const server = new SandboxServer(opts);
	await server.listen(opts.port ?? 0);
	return {
		url: server.origin,
		port: server.port,
		tokens: server.tokens,
		log: server.log,
		clearLog: () => {
			server.log.length = 0;
		},
		inject: (fault) => server.faults.add(fault),
		clearFaults: () => server.faults.clear(),
		setClockOffset: (ms) => {
			server.clock.offsetMs = ms;
		},
		setRateLimit: (rl) => {
			server.limiter.limit = rl;
		},
		store: server.store,
		invitations: server.store.invitations,
		reset: (seed) => server.reset(seed),
		close: () => server.close(),
	};
}
