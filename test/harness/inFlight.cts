import type { LoggedRequest } from '../../sandbox/src/index.cjs';

/**
 * The most of these requests the sandbox was handling at one moment, from its log: each request
 * counts from its arrival until its answer was sent. Shows that requests overlapped (or never
 * did) without measuring time.
 */
export function maxInFlight(entries: LoggedRequest[]): number {
	const events = entries.flatMap((r) => [
		{ t: r.at, d: 1 },
		{ t: r.answeredAt ?? Number.POSITIVE_INFINITY, d: -1 },
	]);
	// At the same millisecond an answer counts before an arrival: one after the other is no overlap.
	events.sort((a, b) => a.t - b.t || a.d - b.d);
	let now = 0;
	let most = 0;
	for (const e of events) most = Math.max(most, (now += e.d));
	return most;
}
