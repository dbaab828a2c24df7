/**
 * The Harvest sandbox: a faithful fake of Harvest API v2 on 127.0.0.1, used by every test,
 * benchmark and the demo.
 *
 *   const sandbox = await startSandbox({ seed: { users: 4500 }, rateLimit: false });
 *   await fetch(`${sandbox.url}/v2/users`, { headers: {
 *     Authorization: `Bearer ${sandbox.tokens.admin.token}`,
 *     'Harvest-Account-Id': sandbox.tokens.admin.accountId, 'User-Agent': 'tests (dev@example.com)' } });
 *   await sandbox.close();
 *
 * OAuth2 (reference §1.3): GET /oauth2/authorize and POST /api/v2/oauth2/token with
 * `sandbox.oauthClient`; `sandbox.issueOAuthTokens()` skips the browser step and
 * `sandbox.expireToken(token)` makes the API answer 401 invalid_token for a token.
 */
import { SandboxServer, toLatency } from './server.cjs';
import type { Sandbox, SandboxOptions } from './types.cjs';

export type {
	Behaviour,
	Fault,
	FaultMatch,
	Invitation,
	Latency,
	LoggedRequest,
	OAuthClient,
	OAuthTokens,
	RateLimit,
	Sandbox,
	SandboxOptions,
	SandboxToken,
	SeedSpec,
	TokenHolder,
} from './types.cjs';
export type { Store } from './store.cjs';
export { DEFAULT_RATE_LIMIT } from './rateLimit.cjs';
export { DEFAULT_BEHAVIOUR } from './types.cjs';

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const server = new SandboxServer(opts);
	await server.listen(opts.port ?? 0);
	for (const fault of opts.faults ?? []) server.faults.add(fault);
	return {
		url: server.origin,
		port: server.port,
		tokens: server.tokens,
		oauthClient: server.oauth.client,
		issueOAuthTokens: (who) => {
			const tokens = server.issueOAuthTokens(who);
			if (!tokens)
				throw new Error(`No active sandbox user ${String(who)} to issue OAuth tokens for`);
			return tokens;
		},
		expireToken: (token) => {
			if (!server.expireToken(token))
				throw new Error(`The sandbox never issued the token …${token.slice(-4)}`);
		},
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
		setLatency: (latency) => {
			server.latency = toLatency(latency);
		},
		setBehaviour: (b) => {
			Object.assign(server.store.behaviour, b);
		},
		store: server.store,
		invitations: server.store.invitations,
		reset: (seed) => server.reset(seed),
		close: () => server.close(),
	};
}
