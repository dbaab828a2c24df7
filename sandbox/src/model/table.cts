/**
 * An in-memory table keyed by id. Ids only ever grow, so the Map's insertion order is creation
 * order, and "newest first" (Harvest's order for users, assignments, roles, projects) is that
 * order reversed. The reversed array is cached until the next insert or delete, so listing
 * 10,000 users does not re-sort anything.
 */
export interface Row {
	id: number;
	created_at: string;
	updated_at: string;
}

export class Table<T extends Row> {
	private rows = new Map<number, T>();
	private newestCache: T[] | null = null;
	private nextIdValue: number;
	/** The highest id ever handed out, kept across clear(). */
	private highestId = 0;

	constructor(private readonly firstId: number) {
		this.nextIdValue = firstId;
	}

	get size(): number {
		return this.rows.size;
	}

	nextId(): number {
		this.highestId = Math.max(this.highestId, this.nextIdValue);
		return this.nextIdValue++;
	}

	/**
	 * After re-seeding (which reuses the seed's fixed ids), continue above every id handed out
	 * before the reset: Harvest never reuses an id, and a trigger remembers users by id.
	 */
	continueAfterHighestId(): void {
		this.nextIdValue = Math.max(this.nextIdValue, this.highestId + 1);
	}

	get(id: number): T | undefined {
		return this.rows.get(id);
	}

	insert(row: T): T {
		this.rows.set(row.id, row);
		if (row.id >= this.nextIdValue) this.nextIdValue = row.id + 1;
		this.highestId = Math.max(this.highestId, row.id);
		this.newestCache = null;
		return row;
	}

	delete(id: number): boolean {
		this.newestCache = null;
		return this.rows.delete(id);
	}

	/** Oldest first. */
	values(): T[] {
		return [...this.rows.values()];
	}

	/** Newest first (id descending). Cached: callers must not mutate the array. */
	newest(): readonly T[] {
		if (!this.newestCache) this.newestCache = [...this.rows.values()].reverse();
		return this.newestCache;
	}

	clear(): void {
		this.rows.clear();
		this.newestCache = null;
		this.nextIdValue = this.firstId;
	}
}
