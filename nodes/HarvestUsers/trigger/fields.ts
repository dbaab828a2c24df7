/**
 * The user fields the trigger can watch, and how their values are compared. `id`, `is_active`
 * (archived / reactivated have their own events), `created_at` and `updated_at` are not fields
 * one watches; everything else in Harvest's user object is.
 */
export const WATCHABLE_FIELDS = [
	'first_name',
	'last_name',
	'email',
	'telephone',
	'timezone',
	'has_access_to_all_future_projects',
	'is_contractor',
	'weekly_capacity',
	'default_hourly_rate',
	'cost_rate',
	'roles',
	'access_roles',
	'avatar_url',
] as const;

export type WatchableField = (typeof WATCHABLE_FIELDS)[number];

/** Always remembered, whatever is watched, so a Deleted event can still say who it was. */
export const IDENTITY_FIELDS: readonly string[] = ['first_name', 'last_name', 'email'];

export const FIELD_LABELS: Record<WatchableField, string> = {
	first_name: 'First Name',
	last_name: 'Last Name',
	email: 'Email',
	telephone: 'Telephone',
	timezone: 'Timezone',
	has_access_to_all_future_projects: 'Has Access to All Future Projects',
	is_contractor: 'Is Contractor',
	weekly_capacity: 'Weekly Capacity',
	default_hourly_rate: 'Default Hourly Rate',
	cost_rate: 'Cost Rate',
	roles: 'Roles',
	access_roles: 'Access Roles',
	avatar_url: 'Avatar URL',
};

export function isWatchableField(name: string): name is WatchableField {
	return (WATCHABLE_FIELDS as readonly string[]).includes(name);
}

/** Empty = every field. The order is fixed so the same choice always gives the same state layout. */
export function watchedFields(chosen: readonly string[]): WatchableField[] {
	if (chosen.length === 0) return [...WATCHABLE_FIELDS];
	return WATCHABLE_FIELDS.filter((f) => chosen.includes(f));
}

/**
 * What the state keeps per user: the watched fields, plus the identity fields when a Deleted event
 * must say who it was (only where values are kept at all).
 */
export function storedFields(
	watched: readonly WatchableField[],
	identity = true,
): WatchableField[] {
	return WATCHABLE_FIELDS.filter(
		(f) => watched.includes(f) || (identity && IDENTITY_FIELDS.includes(f)),
	);
}

/**
 * A field's value as a comparable string. Lists are sorted: Harvest does not promise an order
 * for roles or access_roles, and a reordering is not a change anyone acts on.
 */
export function valueKey(value: unknown): string {
	if (value === undefined) return 'null';
	if (Array.isArray(value)) return JSON.stringify(value.map(String).sort());
	return JSON.stringify(value);
}
