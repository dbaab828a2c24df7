/**
 * The sandbox clock: host clock plus an adjustable offset, so tests can model a Harvest server
 * whose clock disagrees with the n8n host (the trigger must use the server's time, not its own).
 */
export class Clock {
	constructor(
		public offsetMs = 0,
		/** The host clock; tests inject one they move themselves. */
		readonly hostNowMs: () => number = Date.now,
	) {}

	nowMs(): number {
		return this.hostNowMs() + this.offsetMs;
	}

	/** Harvest timestamps are ISO 8601 UTC with second precision: 2026-11-26T10:00:00Z. */
	nowIso(): string {
		return isoSeconds(this.nowMs());
	}

	/** Today's date (UTC) as YYYY-MM-DD, used for "start_date must not be in the future". */
	today(): string {
		return this.nowIso().slice(0, 10);
	}
}

export function isoSeconds(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
