/**
 * Harvest's general limit: 100 requests per 15 s per token (§1.6), as a sliding window.
 * Only accepted requests count (whether Harvest counts throttled ones is unknown).
 */
import type { RateLimit } from './types.cjs';

export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 100, windowMs: 15_000 };

export class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(public limit: RateLimit | false) {}

	/** Records the request and returns 0, or returns how many ms until a slot frees. */
	take(key: string, now = Date.now()): number {
		if (!this.limit) return 0;
		const { requests, windowMs } = this.limit;
		const times = this.hits.get(key) ?? [];
		while (times.length > 0 && times[0] <= now - windowMs) times.shift();
		if (times.length >= requests) return times[times.length - requests] + windowMs - now;
		times.push(now);
		this.hits.set(key, times);
		return 0;
	}

	reset(): void {
		this.hits.clear();
	}
}
