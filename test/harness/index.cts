/**
 * Test entry point: start the Harvest sandbox, build credentials for it, and run our nodes
 * through n8n's runtime (see n8n.ts). Every integration test goes through here.
 */

import { validateRequest } from '../contract/openapi.cjs';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/src/index.cjs';
import { type CredentialData } from './n8n.cjs';
import { transportHooks } from './transportHooks.cjs';

export * from './n8n.cjs';
export { maxInFlight } from './inFlight.cjs';

/**
 * The limits of the loaded package (a mutable copy that replaces the shipped constants, see
 * transportHooks.ts), so tests can scale them.
 */
export function transportSettings(): typeof transportHooks {
	return transportHooks;
}

export function transportLimiters(): typeof transportHooks {
	return transportHooks;
}

/** Harvest's ratio (100 per 15 s) on a 10x shorter clock, for both the sandbox and our pacing. */
export const SCALED_LIMIT = { requests: 100, windowMs: 1500 };

/** Fast waits for tests: the rules are the same as in production, only the clock is shorter. */
export function useFastTransport(limit = SCALED_LIMIT): void {
	transportSettings().configureTransport({
		requestsPerWindow: limit.requests,
		windowMs: limit.windowMs,
		defaultRetryAfterMs: 300,
		backoffBaseMs: 20,
		backoffCapMs: 200,
		// Barely shortened: with many items in flight on a loaded 2-core machine, an answer can take
		// seconds, and a timed-out request is sent again. Timeout tests set their own.
		timeoutMs: 20_000,
	});
}

export type TokenKind = 'admin' | 'manager' | 'member';

/** A Personal Access Token credential for one of the sandbox's demo users. */
export function patCredential(sandbox: Sandbox, who: TokenKind = 'admin'): CredentialData {
	const token = sandbox.tokens[who];
	return {
		harvestUsersApi: { accessToken: token.token, accountId: token.accountId, baseUrl: sandbox.url },
	};
}

/** An OAuth2 credential as n8n stores it after the authorization-code flow. */
export function oauthCredential(sandbox: Sandbox, who: TokenKind = 'admin'): CredentialData {
	const token = sandbox.tokens[who];
	return {
		harvestUsersOAuth2Api: {
			accountId: token.accountId,
			baseUrl: sandbox.url,
			clientId: sandbox.oauthClient.clientId,
			clientSecret: sandbox.oauthClient.clientSecret,
			grantType: 'authorizationCode',
			authUrl: `${sandbox.url}/oauth2/authorize`,
			accessTokenUrl: `${sandbox.url}/api/v2/oauth2/token`,
			scope: 'all',
			authentication: 'body',
			oauthTokenData: { access_token: token.token, token_type: 'bearer', refresh_token: 'unused' },
		},
	};
}

/**
 * Starts one sandbox for the test file and resets it (data, log, faults, limits) before each
 * test. Returns a getter because the sandbox exists only once beforeAll has run.
 */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		useFastTransport();
		sandbox = await startSandbox({ rateLimit: SCALED_LIMIT, ...options });
	});
	beforeEach(() => {
		useFastTransport();
		transportLimiters().resetLimiters();
		sandbox!.reset(options.seed);
		sandbox!.clearLog();
		sandbox!.clearFaults();
		sandbox!.setRateLimit(options.rateLimit ?? SCALED_LIMIT);
		sandbox!.setClockOffset(options.clockOffsetMs ?? 0);
		sandbox!.setLatency(options.latency ?? 0);
	});
	// Contract: every request a test made our nodes send must be one Harvest's API describes
	// (path, method, query parameters, JSON body), checked against the OpenAPI description.
	afterEach(() => {
		const violations = requestViolations(sandbox!);
		expect(violations).toEqual([]);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox)
			throw new Error('sandbox not started: call useSandbox() at the top of the describe block');
		return sandbox;
	};
}

/** Contract violations of every request in the sandbox's log, labelled with the request. */
export function requestViolations(sandbox: Sandbox): string[] {
	return sandbox.log.flatMap((r) =>
		validateRequest(
			{ method: r.method, path: r.path, query: r.query, body: r.body },
			{ strictBody: true },
		).map((v) => `${r.method} ${r.path}: ${v}`),
	);
}
