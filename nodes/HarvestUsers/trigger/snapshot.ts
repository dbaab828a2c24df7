/** What the trigger remembers between polls, as state.ts encodes it and compact.ts packs it. */

export interface KnownUser {
	/** updated_at, epoch seconds (Harvest's timestamps have second precision). */
	at: number;
	active: boolean;
	/** valueKey() of each stored field, in the state's field order (Previous Values = None: a digest of it). */
	values: string[];
	/** Previous Values = None: a digest of all stored fields' values together. */
	sum?: string;
}

export interface Snapshot {
	/** Harvest's time when the last recorded poll read its first page (ISO 8601, seconds). */
	cursor: string | null;
	/** Whether the last recorded poll listed every user for Deleted (so deletions since then can be told). */
	roster: boolean;
	users: Map<number, KnownUser>;
	/** The n8n host's clock (epoch seconds) at that poll: tells a jump back of Harvest's clock. */
	polledAt?: number;
}
