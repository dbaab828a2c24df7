/** JSON shapes of records whose stored form differs from the API's (or that must not leak references). */
import type { Client, Project, Task, User } from '../model/records.cjs';
import type { Store } from '../store.cjs';

/**
 * A user as the API answers it: the stored record plus the keys recorded in 2022 that the docs
 * never list (harvest-observed.md §1.1, §6), so clients are tested against them.
 */
export function renderUser(u: User): object {
	const { avatar_url, created_at, updated_at, ...rest } = u;
	const base = u.access_roles.find((r) => r === 'administrator' || r === 'manager') ?? 'member';
	return {
		...rest,
		can_create_projects: base === 'administrator' || u.access_roles.includes('project_creator'),
		calendar_integration_enabled: false,
		calendar_integration_source: null,
		permissions_claims: permissionsClaims(base),
		avatar_url,
		created_at,
		updated_at,
	};
}

const ADMIN_RESOURCES = [
	'billable_rates',
	'clients',
	'cost_rates',
	'estimates',
	'expenses',
	'invoices',
	'projects',
	'tasks',
	'timers',
	'users',
];

/**
 * harvest-observed-2.md §1.5: fixed sets per base role, sorted alphabetically (recorded 2022-12).
 * Managers with extra access roles were never recorded; they get the plain manager set.
 */
export const PERMISSIONS_CLAIMS: Record<'administrator' | 'manager' | 'member', readonly string[]> =
	{
		administrator: [
			...ADMIN_RESOURCES.flatMap((r) => [`${r}:read:all`, `${r}:write:all`]),
			'billing:read:own',
			'billing:write:own',
			'company:read:own',
			'company:write:own',
		].sort(),
		manager: [
			'expenses:read:managed',
			'expenses:write:own',
			'projects:read:managed',
			'timers:read:managed',
			'timers:write:own',
		],
		member: ['expenses:read:own', 'expenses:write:own', 'timers:read:own', 'timers:write:own'],
	};

function permissionsClaims(base: string): string[] {
	return [...PERMISSIONS_CLAIMS[base as keyof typeof PERMISSIONS_CLAIMS]];
}

/**
 * GET /v2/users/me: someone who cannot see rates gets no rate keys at all, not null
 * (harvest-observed.md §1.1, H5 vs H6). Administrators and managers who may edit billable rates see them.
 */
export function renderMe(u: User): object {
	const full = renderUser(u) as Record<string, unknown>;
	const seesRates =
		u.access_roles.includes('administrator') || u.access_roles.includes('billable_rates_manager');
	if (seesRates) return full;
	const { default_hourly_rate: _rate, cost_rate: _cost, ...rest } = full;
	return rest;
}

export function renderTeammate(u: User): object {
	return { id: u.id, first_name: u.first_name, last_name: u.last_name, email: u.email };
}

export function renderProject(store: Store, p: Project): object {
	const { client_id, ...rest } = p;
	const client: Client | undefined = store.clients.get(client_id);
	return {
		...rest,
		client: client ? { id: client.id, name: client.name, currency: client.currency } : null,
	};
}

export function renderTask(t: Task): object {
	return { ...t };
}
