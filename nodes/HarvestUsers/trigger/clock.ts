/**
 * Harvest's clock, as the trigger reads it. The n8n host's clock is never used for the cursor:
 * a host running ten minutes ahead of Harvest would ask for `updated_since` in Harvest's future
 * and miss everything in between.
 */

/**
 * How far each poll reaches back before the last cursor. Harvest's timestamps are whole seconds,
 * its app servers' clocks differ slightly, and a write can become visible a little after it was
 * stamped; re-reading two minutes costs nothing because re-read users are recognised.
 */
const LOOKBACK_SECONDS = 120;

export function fromEpochSeconds(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Harvest's `updated_at` -> epoch seconds, or undefined when it is not a timestamp. */
export function toEpochSeconds(value: unknown): number | undefined {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** The response's `Date` header as an ISO timestamp; undefined when absent or unreadable. */
export function serverTime(dateHeader: string | undefined): string | undefined {
	const seconds = toEpochSeconds(dateHeader);
	return seconds === undefined ? undefined : fromEpochSeconds(seconds);
}

/** The `updated_since` a poll sends: the cursor minus the lookback. */
export function updatedSince(cursor: string, lookbackSeconds = LOOKBACK_SECONDS): string {
	return fromEpochSeconds((toEpochSeconds(cursor) ?? 0) - lookbackSeconds);
}

/** The later of two ISO timestamps (either may be missing). */
export function later(a: string | null | undefined, b: string | null | undefined): string | null {
	const sa = toEpochSeconds(a);
	const sb = toEpochSeconds(b);
	if (sa === undefined) return sb === undefined ? null : fromEpochSeconds(sb);
	if (sb === undefined) return fromEpochSeconds(sa);
	return fromEpochSeconds(Math.max(sa, sb));
}

/**
 * How far Harvest's clock may run ahead of the n8n host's before the cursor stops following it.
 * A host minutes off costs nothing; a `Date` header years ahead (a proxy, a broken server) would
 * otherwise put the cursor where every later change is skipped.
 */
export const SKEW_ALLOWANCE_SECONDS = 15 * 60;

/**
 * Where a poll must also read from because Harvest's clock went back since the last poll, or
 * undefined when it did not. Changes after the jump are stamped no earlier than Harvest's time now
 * minus the time the host saw pass; when that lies more than the lookback before the cursor, the
 * `updated_since` just sent skipped them.
 */
export function missedSince(
	cursor: string | null | undefined,
	polledAt: number | undefined,
	serverTime: string | undefined,
	nowSeconds: number,
	lookbackSeconds = LOOKBACK_SECONDS,
): string | undefined {
	const cursorSeconds = toEpochSeconds(cursor);
	const serverNow = toEpochSeconds(serverTime);
	if (cursorSeconds === undefined || serverNow === undefined || polledAt === undefined)
		return undefined;
	const jumpedFrom = serverNow - Math.max(0, nowSeconds - polledAt);
	return jumpedFrom < cursorSeconds - lookbackSeconds
		? fromEpochSeconds(jumpedFrom - lookbackSeconds)
		: undefined;
}
