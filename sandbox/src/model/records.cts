/**
 * Stored records. Users keep exactly the API's shape (so `store.users.get(id)` reads like a
 * GET response); records that embed other objects in the API (assignments) keep ids and are
 * rendered on the way out, so a renamed project shows up everywhere at once.
 * Timestamps are Harvest's ISO strings with second precision, which also sort as strings.
 */
export interface User {
	id: number;
	first_name: string;
	last_name: string;
	email: string;
	telephone: string;
	timezone: string;
	has_access_to_all_future_projects: boolean;
	is_contractor: boolean;
	is_active: boolean;
	/** Seconds per week. */
	weekly_capacity: number;
	/** null when never set (harvest-observed.md §2, H7: the docs say 0). */
	default_hourly_rate: number | null;
	cost_rate: number | null;
	roles: string[];
	access_roles: string[];
	avatar_url: string;
	created_at: string;
	updated_at: string;
}

export interface Rate {
	id: number;
	user_id: number;
	amount: number;
	/** null = "since the beginning" (a rate created without start_date). */
	start_date: string | null;
	end_date: string | null;
	created_at: string;
	updated_at: string;
}

export interface Client {
	id: number;
	name: string;
	currency: string;
	is_active: boolean;
	created_at: string;
	updated_at: string;
}

export interface Project {
	id: number;
	client_id: number;
	name: string;
	code: string;
	is_active: boolean;
	is_billable: boolean;
	is_fixed_fee: boolean;
	bill_by: 'Project' | 'Tasks' | 'People' | 'none';
	hourly_rate: number | null;
	budget_by: 'project' | 'project_cost' | 'task' | 'task_fees' | 'person' | 'none';
	budget_is_monthly: boolean;
	budget: number | null;
	cost_budget: number | null;
	cost_budget_include_expenses: boolean;
	notify_when_over_budget: boolean;
	over_budget_notification_percentage: number;
	over_budget_notification_date: string | null;
	show_budget_to_all: boolean;
	fee: number | null;
	notes: string;
	starts_on: string | null;
	ends_on: string | null;
	created_at: string;
	updated_at: string;
}

export interface Task {
	id: number;
	name: string;
	billable_by_default: boolean;
	default_hourly_rate: number | null;
	is_default: boolean;
	is_active: boolean;
	created_at: string;
	updated_at: string;
}

export interface UserAssignment {
	id: number;
	project_id: number;
	user_id: number;
	is_active: boolean;
	is_project_manager: boolean;
	use_default_rates: boolean;
	hourly_rate: number | null;
	budget: number | null;
	created_at: string;
	updated_at: string;
}

export interface TaskAssignment {
	id: number;
	project_id: number;
	task_id: number;
	is_active: boolean;
	billable: boolean;
	hourly_rate: number | null;
	budget: number | null;
	created_at: string;
	updated_at: string;
}

export interface Role {
	id: number;
	name: string;
	user_ids: number[];
	created_at: string;
	updated_at: string;
}

export interface Company {
	base_uri: string;
	full_domain: string;
	name: string;
	is_active: boolean;
	week_start_day: 'Saturday' | 'Sunday' | 'Monday';
	wants_timestamp_timers: boolean;
	time_format: 'decimal' | 'hours_minutes';
	date_format: string;
	plan_type: string;
	clock: '12h' | '24h';
	currency_code_display: string;
	currency_symbol_display: string;
	decimal_symbol: string;
	thousands_separator: string;
	color_scheme: string;
	weekly_capacity: number;
	expense_feature: boolean;
	invoice_feature: boolean;
	estimate_feature: boolean;
	approval_feature: boolean;
	team_feature: boolean;
}

/** Rails only bumps updated_at when a value really changed; so does the sandbox. */
export function assignChanged<T extends object>(target: T, changes: Partial<T>): boolean {
	let changed = false;
	for (const key of Object.keys(changes) as Array<keyof T>) {
		const next = changes[key];
		if (next === undefined) continue;
		if (JSON.stringify(target[key]) !== JSON.stringify(next)) {
			target[key] = next as T[keyof T];
			changed = true;
		}
	}
	return changed;
}
