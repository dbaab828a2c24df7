/**
 * The `changes` the node adds to its outputs (Create or Update, Reconcile, the trigger): one shape,
 * `{ field: { previous, current } }`, and one unit a person types: weekly capacity in hours. Harvest's
 * own user object keeps its raw `weekly_capacity` in seconds; only what the node adds speaks hours.
 */
export interface Change {
	/** Absent where the previous value was not kept (the trigger's Previous Values = None). */
	previous?: unknown;
	current: unknown;
}

export type Changes = Record<string, Change>;

const SECONDS_PER_HOUR = 3600;

const hours = (seconds: unknown): unknown =>
	seconds === null || seconds === undefined || seconds === ''
		? null
		: Number(seconds) / SECONDS_PER_HOUR;

/** `weekly_capacity` (seconds) -> `weekly_capacity_hours`, in the position it had; other fields as they are. */
export function changesForPeople(changes: Changes): Changes {
	return Object.fromEntries(
		Object.entries(changes).map(([field, change]) =>
			field === 'weekly_capacity'
				? [
						'weekly_capacity_hours',
						{
							...('previous' in change ? { previous: hours(change.previous) } : {}),
							current: hours(change.current),
						},
					]
				: [field, change],
		),
	);
}
