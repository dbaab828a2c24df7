/**
 * Seed data. 'demo' is a small, realistic company that exercises every rule: an admin owner,
 * a manager with teammates (so people_manager), a manager without any, a member, a contractor,
 * an archived user, users with time entries (delete blocked), rate histories, roles, clients,
 * projects (one archived), tasks (one archived) and assignments.
 * Timestamps are relative to the sandbox clock so the data is always in the past.
 */
import { isoSeconds } from './clock.cjs';
import type { Store } from './store.cjs';
import type { SeedSpec } from './types.cjs';

export interface TokenHolders {
	admin: number;
	manager: number;
	member: number;
}

const DAY = 86_400_000;

export function seed(store: Store, spec: SeedSpec = 'demo'): TokenHolders {
	store.clear();
	const nowMs = store.clock.nowMs();
	const ago = (days: number, minutes = 0): string =>
		isoSeconds(nowMs - days * DAY - minutes * 60_000);
	const user = (body: Record<string, unknown>, days: number) =>
		store.users.create(body, { createdAt: ago(days) });

	const admin = user(
		{
			first_name: 'Sam',
			last_name: 'Carter',
			email: 'sam.carter@example.com',
			access_roles: ['administrator'],
			default_hourly_rate: 110,
			cost_rate: 90,
			roles: ['Founder'],
		},
		900,
	);
	store.users.update(admin.id, { telephone: '+1 555 0100' }, { direct: true });
	const manager = user(
		{
			first_name: 'Maya',
			last_name: 'Patel',
			email: 'maya.patel@example.com',
			access_roles: ['manager', 'project_creator', 'billable_rates_manager'],
			default_hourly_rate: 120,
			cost_rate: 70,
			roles: ['Engineering Lead'],
			timezone: 'Pacific Time (US & Canada)',
		},
		800,
	);
	const member = user(
		{
			first_name: 'Leo',
			last_name: 'Fischer',
			email: 'leo.fischer@example.com',
			default_hourly_rate: 100,
			cost_rate: 55,
			roles: ['Developer'],
			timezone: 'Berlin',
		},
		700,
	);
	if (spec === 'empty') return { admin: admin.id, manager: manager.id, member: member.id };
	const ana = user(
		{
			first_name: 'Ana',
			last_name: 'Souza',
			email: 'ana.souza@example.com',
			default_hourly_rate: 95,
			cost_rate: 50,
			roles: ['Designer'],
			timezone: 'Brasilia',
		},
		650,
	);
	const kenji = user(
		{
			first_name: 'Kenji',
			last_name: 'Watanabe',
			email: 'kenji.watanabe@example.com',
			is_contractor: true,
			weekly_capacity: 72000,
			default_hourly_rate: 110,
			cost_rate: 80,
			roles: ['Developer'],
			timezone: 'Tokyo',
		},
		500,
	);
	const olivia = user(
		{
			first_name: 'Olivia',
			last_name: 'Brown',
			email: 'olivia.brown@example.com',
			default_hourly_rate: 90,
			cost_rate: 45,
			roles: ['Designer'],
			timezone: 'London',
		},
		450,
	);
	user(
		{
			first_name: 'Daniel',
			last_name: 'Kim',
			email: 'daniel.kim@example.com',
			access_roles: ['manager'],
			default_hourly_rate: 115,
			cost_rate: 65,
			timezone: 'Central Time (US & Canada)',
		},
		300,
	);
	user(
		{
			first_name: 'Grace',
			last_name: 'Okafor',
			email: 'grace.okafor@example.com',
			weekly_capacity: 90000,
			default_hourly_rate: 85,
			cost_rate: 40,
			roles: ['QA'],
		},
		120,
	);

	// Rate histories: Sam's rate went up twice, Leo's cost rate once.
	withClock(store, ago(400), () =>
		store.billableRates.create(admin.id, { amount: 130, start_date: ago(400).slice(0, 10) }),
	);
	withClock(store, ago(100), () =>
		store.billableRates.create(admin.id, { amount: 150, start_date: ago(100).slice(0, 10) }),
	);
	withClock(store, ago(200), () =>
		store.costRates.create(member.id, { amount: 55, start_date: ago(200).slice(0, 10) }),
	);

	withClock(store, ago(600), () =>
		store.teammates.set(manager.id, { teammate_ids: [member.id, ana.id, kenji.id] }),
	);
	withClock(store, ago(30), () => store.users.update(olivia.id, { is_active: false }));

	const client = (name: string, currency: string, days: number) => {
		const at = ago(days);
		return store.clients.insert({
			id: store.clients.nextId(),
			name,
			currency,
			is_active: true,
			created_at: at,
			updated_at: at,
		});
	};
	const abc = client('ABC Corp', 'USD', 880);
	const industries = client('123 Industries', 'EUR', 860);
	const acme = client('Acme Labs', 'GBP', 400);

	const project = (
		clientId: number,
		name: string,
		code: string,
		days: number,
		extra: Partial<import('./model/records.cjs').Project> = {},
	) => {
		const at = ago(days);
		return store.projects.insert({
			id: store.projects.nextId(),
			client_id: clientId,
			name,
			code,
			is_active: true,
			is_billable: true,
			is_fixed_fee: false,
			bill_by: 'Project',
			hourly_rate: 100,
			budget_by: 'project',
			budget_is_monthly: false,
			budget: 200,
			cost_budget: null,
			cost_budget_include_expenses: false,
			notify_when_over_budget: true,
			over_budget_notification_percentage: 80,
			over_budget_notification_date: null,
			show_budget_to_all: false,
			fee: null,
			notes: '',
			starts_on: at.slice(0, 10),
			ends_on: null,
			created_at: at,
			updated_at: at,
			...extra,
		});
	};
	const website = project(abc.id, 'Marketing Website', 'MW', 850);
	const store1 = project(industries.id, 'Online Store - Phase 1', 'OS1', 840, {
		bill_by: 'People',
		budget_by: 'person',
		budget: null,
		hourly_rate: null,
	});
	const mobile = project(acme.id, 'Mobile App', 'MA', 380, {
		bill_by: 'Tasks',
		budget_by: 'task',
		budget: null,
		hourly_rate: null,
	});
	project(industries.id, 'Legacy Portal', 'LP', 870, {
		is_active: false,
		ends_on: ago(500).slice(0, 10),
	});

	const task = (
		name: string,
		days: number,
		extra: Partial<import('./model/records.cjs').Task> = {},
	) => {
		const at = ago(days);
		return store.tasks.insert({
			id: store.tasks.nextId(),
			name,
			billable_by_default: true,
			default_hourly_rate: 100,
			is_default: true,
			is_active: true,
			created_at: at,
			updated_at: at,
			...extra,
		});
	};
	const design = task('Graphic Design', 890);
	const programming = task('Programming', 890);
	const pm = task('Project Management', 890);
	const research = task('Research', 880, { billable_by_default: false, is_default: false });
	task('Travel', 870, {
		is_active: false,
		billable_by_default: false,
		is_default: false,
		default_hourly_rate: null,
	});

	const assignTasks = (projectId: number, taskIds: number[], days: number) =>
		taskIds.map((taskId) =>
			store.taskAssignments.create(
				projectId,
				{ task_id: taskId, billable: taskId !== research.id, hourly_rate: 100 },
				ago(days),
			),
		);
	assignTasks(website.id, [design.id, programming.id, pm.id], 845);
	const storeTasks = assignTasks(store1.id, [programming.id, pm.id, research.id], 835);
	assignTasks(mobile.id, [programming.id, design.id], 375);

	const assign = (
		projectId: number,
		userId: number,
		days: number,
		extra: Record<string, unknown> = {},
	) => store.userAssignments.create(projectId, { user_id: userId, ...extra }, ago(days));
	assign(website.id, admin.id, 845);
	assign(website.id, ana.id, 640);
	assign(website.id, member.id, 600);
	const leoStore = assign(store1.id, member.id, 590, {
		use_default_rates: false,
		hourly_rate: 105,
		budget: 120,
	});
	assign(store1.id, manager.id, 790, { is_project_manager: true });
	const anaMobile = assign(mobile.id, ana.id, 370);
	// A custom rate goes with use_default_rates off (harvest-observed-2.md §3.3)
	assign(mobile.id, kenji.id, 360, { use_default_rates: false, hourly_rate: 110 });

	// Time entries (not modelled) block these deletes.
	store.users.setHasTimeEntries(ana.id);
	store.users.setHasTimeEntries(member.id);
	store.userAssignments.setHasTimeEntries(anaMobile.id);
	store.userAssignments.setHasTimeEntries(leoStore.id);
	store.taskAssignments.setHasTimeEntries(storeTasks[0].id);

	withClock(store, ago(2), () => store.roles.create({ name: 'Account Manager' }));

	// The seed's own writes (rates, roles, teammates) stamped "now"; put every record back in the past.
	for (const u of store.users.list()) if (u.updated_at > ago(1)) u.updated_at = ago(1, u.id % 997);
	for (const r of store.roles.list()) if (r.updated_at > ago(1)) r.updated_at = ago(1);

	if (typeof spec === 'object') generateUsers(store, spec.users, nowMs);
	return { admin: admin.id, manager: manager.id, member: member.id };
}

const FIRST = [
	'Alex',
	'Blake',
	'Casey',
	'Devon',
	'Emery',
	'Finley',
	'Harper',
	'Jordan',
	'Kai',
	'Logan',
	'Morgan',
	'Noel',
	'Parker',
	'Quinn',
	'Riley',
	'Sasha',
	'Taylor',
	'Avery',
	'Rowan',
	'Jamie',
];
const LAST = [
	'Smith',
	'Garcia',
	'Müller',
	'Rossi',
	'Nowak',
	'Silva',
	'Kowalski',
	'Jensen',
	'Dubois',
	'Novak',
	'Tanaka',
	'Singh',
	'Andersen',
	'Costa',
	'Murphy',
	'Ivanova',
	'Haddad',
	'Nguyen',
	'Larsen',
	'Ortiz',
];

/** N active members with distinct e-mails, created one second apart, all in the past. */
function generateUsers(store: Store, count: number, nowMs: number): void {
	const start = nowMs - (count + 3600) * 1000;
	for (let i = 1; i <= count; i++) {
		const first = FIRST[i % FIRST.length];
		const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
		store.users.create(
			{
				first_name: first,
				last_name: last,
				email: asciiEmail(`${first}.${last}.${i}@example.com`),
				default_hourly_rate: 80 + (i % 5) * 10,
				cost_rate: 40 + (i % 4) * 5,
			},
			{ createdAt: isoSeconds(start + i * 1000) },
		);
	}
}

/** 'Müller' may be a name, but addresses stay ASCII (the spec's `format: email` expects that). */
function asciiEmail(address: string): string {
	return address
		.normalize('NFD')
		.replace(/[^\x20-\x7e]/g, '')
		.toLowerCase();
}

/** Run seed writes as if they happened at `at`, so derived timestamps land in the past too. */
function withClock<T>(store: Store, at: string, fn: () => T): T {
	const saved = store.clock.offsetMs;
	store.clock.offsetMs = Date.parse(at) - store.clock.hostNowMs();
	try {
		return fn();
	} finally {
		store.clock.offsetMs = saved;
	}
}
