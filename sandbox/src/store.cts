/**
 * The sandbox's data, in memory. Tests reach it as `sandbox.store` to assert on it and to change
 * things "behind the node's back"; those changes go through the same models as API writes, so
 * they validate the same way and bump updated_at the same way.
 *
 *   store.users.create({...}) / .update(id, {...}, { direct: true }) / .delete(id, { force: true })
 *   store.users.setHasTimeEntries(id)      // blocks DELETE like real time entries would
 *   store.billableRates / costRates / teammates / roles / userAssignments / taskAssignments
 */
import type { Clock } from './clock.cjs';
import { TaskAssignments, UserAssignments } from './model/assignments.cjs';
import { Rates } from './model/rates.cjs';
import type { Client, Company, Project, Task } from './model/records.cjs';
import { Roles } from './model/roles.cjs';
import { Table } from './model/table.cjs';
import { Teammates } from './model/teammates.cjs';
import { Users } from './model/users.cjs';
import { DEFAULT_BEHAVIOUR, type Behaviour, type Invitation } from './types.cjs';

export class Store {
	readonly users = new Users(this);
	readonly teammates = new Teammates(this);
	readonly billableRates = new Rates(this, 'default_hourly_rate', 1_836_001);
	readonly costRates = new Rates(this, 'cost_rate', 825_001);
	readonly roles = new Roles(this);
	readonly userAssignments = new UserAssignments(this);
	readonly taskAssignments = new TaskAssignments(this);
	readonly clients = new Table<Client>(5_735_001);
	readonly projects = new Table<Project>(14_308_001);
	readonly tasks = new Table<Task>(8_083_001);
	readonly invitations: Invitation[] = [];
	company: Company = defaultCompany();
	/** The company object has no timezone field, but new users default to the company's timezone. */
	companyTimezone = 'Eastern Time (US & Canada)';
	/**
	 * How GET /v2/users pages: `cursor` as Harvest's docs describe it (the default), or `numbered`,
	 * as every recorded Harvest answer shows it. The benchmark runs other clients against both.
	 */
	usersPagination: 'cursor' | 'numbered' = 'cursor';
	/** Choices where Harvest is unconfirmed; set by the server, kept by clear(). */
	behaviour: Behaviour = { ...DEFAULT_BEHAVIOUR };

	constructor(readonly clock: Clock) {}

	now(): string {
		return this.clock.nowIso();
	}

	clear(): void {
		this.users.clear();
		this.teammates.clear();
		this.billableRates.clear();
		this.costRates.clear();
		this.roles.clear();
		this.userAssignments.clear();
		this.taskAssignments.clear();
		this.clients.clear();
		this.projects.clear();
		this.tasks.clear();
		this.invitations.length = 0;
		this.company = defaultCompany();
		this.usersPagination = 'cursor';
	}

	/** Everything, as plain JSON (served by GET /__sandbox/state). */
	snapshot(): Record<string, unknown> {
		return {
			company: this.company,
			users: this.users.list(),
			teammates: this.teammates.entries(),
			billable_rates: this.billableRates.all(),
			cost_rates: this.costRates.all(),
			roles: this.roles.list().map((r) => this.roles.render(r)),
			clients: this.clients.newest(),
			projects: this.projects.newest(),
			tasks: this.tasks.newest(),
			user_assignments: this.userAssignments
				.list()
				.map((a) => ({ ...a, ...this.userAssignments.render(a) })),
			task_assignments: this.taskAssignments
				.list()
				.map((t) => ({ ...t, ...this.taskAssignments.render(t) })),
			invitations: this.invitations,
			time_entries: {
				user_ids: this.users.usersWithTimeEntries(),
				user_assignment_ids: this.userAssignments.withTimeEntriesIds(),
				task_assignment_ids: this.taskAssignments.withTimeEntriesIds(),
			},
		};
	}
}

function defaultCompany(): Company {
	return {
		base_uri: 'https://sandbox-co.harvestapp.com',
		full_domain: 'sandbox-co.harvestapp.com',
		name: 'Sandbox Co',
		is_active: true,
		week_start_day: 'Monday',
		wants_timestamp_timers: false,
		time_format: 'hours_minutes',
		date_format: '%Y-%m-%d',
		plan_type: 'simple-v4',
		clock: '24h',
		currency_code_display: 'iso_code_none',
		currency_symbol_display: 'symbol_before',
		decimal_symbol: '.',
		thousands_separator: ',',
		color_scheme: 'orange',
		weekly_capacity: 126000,
		expense_feature: true,
		invoice_feature: true,
		estimate_feature: true,
		approval_feature: false,
		team_feature: true,
	};
}
