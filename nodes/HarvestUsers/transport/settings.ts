/**
 * Limits the transport works to. Harvest's documented ceiling is 100 requests per 15 s per token
 * and 2000 records per page. Constants: tests and the benchmark scale the window down (the sandbox
 * can run "100 per 1.5 s") by loading their own copy of this module (test/harness/transportHooks.ts).
 */
export interface TransportSettings {
	/** Requests allowed per window and token. */
	requestsPerWindow: number;
	windowMs: number;
	/** Wait after a 429 that carries no Retry-After (Harvest has been seen to omit it): one window. */
	defaultRetryAfterMs: number;
	/** A Retry-After longer than this fails the item instead of stalling the execution. */
	maxRetryAfterMs: number;
	/** Full-jitter backoff for 5xx and network errors: random(0, min(cap, base * 2^attempt)). */
	backoffBaseMs: number;
	backoffCapMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
	/** Retries of 5xx/network failures one execution may spend in total, so an outage fails fast. */
	retryBudgetPerExecution: number;
	pageSize: number;
}

export const settings: Readonly<TransportSettings> = Object.freeze({
	requestsPerWindow: 100,
	windowMs: 15_000,
	defaultRetryAfterMs: 15_000,
	maxRetryAfterMs: 120_000,
	backoffBaseMs: 500,
	backoffCapMs: 20_000,
	timeoutMs: 30_000,
	retryBudgetPerExecution: 30,
	pageSize: 2000,
});
