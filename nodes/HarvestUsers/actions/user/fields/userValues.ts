/**
 * Pure conversions between what a person enters and what Harvest's user endpoints take. Shared by
 * create, update, upsert and reconcile so the rules live in one place. Errors are plain `Error`s
 * whose message says what to fix; the router turns them into item errors.
 */
import { comparableText, toStringList } from '../../../rules/values';

const BASE_ACCESS_ROLES = ['administrator', 'manager', 'member'] as const;
type BaseAccessRole = (typeof BASE_ACCESS_ROLES)[number];

/** Extra permissions Harvest grants only on top of `manager`. `people_manager` is derived, never set. */
const MANAGER_PERMISSIONS = [
	'project_creator',
	'billable_rates_manager',
	'managed_projects_invoice_drafter',
	'managed_projects_invoice_manager',
	'client_and_task_manager',
	'time_and_expenses_manager',
	'estimates_manager',
] as const;

/** What Manager Permissions shows for each value; messages name permissions the way the user sees them. */
const MANAGER_PERMISSION_LABELS: Record<(typeof MANAGER_PERMISSIONS)[number], string> = {
	project_creator: 'Create Projects',
	billable_rates_manager: 'See and Edit Billable Rates',
	managed_projects_invoice_drafter: 'Draft Invoices',
	managed_projects_invoice_manager: 'Manage Invoices',
	client_and_task_manager: 'Manage Clients and Tasks',
	time_and_expenses_manager: 'Manage Time and Expenses',
	estimates_manager: 'Manage Estimates',
};

const permissionLabel = (value: string): string =>
	MANAGER_PERMISSION_LABELS[value as keyof typeof MANAGER_PERMISSION_LABELS] ?? value;

/** Harvest derives this one from teammate assignments; it is ignored when comparing or sending. */
export const DERIVED_ACCESS_ROLES = ['people_manager'];

/** Hours a week (half-hour steps) -> seconds, as Harvest stores weekly_capacity. 35 h = 126000. */
export function capacityHoursToSeconds(hours: unknown): number {
	const value = typeof hours === 'string' && hours.trim() !== '' ? Number(hours) : hours;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 168) {
		// Harvest's own weekly_capacity counts seconds; a value copied from it is named as such.
		const seconds =
			typeof value === 'number' && value > 168 && value % 1800 === 0 && value <= 168 * 3600;
		throw new Error(
			seconds
				? `Weekly Capacity (Hours) takes hours, got ${value}, which looks like Harvest's weekly_capacity in seconds: send ${value / 3600} (weekly_capacity_hours)`
				: `Weekly Capacity (Hours) must be a number from 0 to 168, got ${JSON.stringify(hours)}`,
		);
	}
	if (Math.abs(value * 2 - Math.round(value * 2)) > 1e-9) {
		throw new Error(`Weekly Capacity (Hours) is set in half-hour steps (e.g. 37.5), got ${value}`);
	}
	return Math.round(value * 2) * 1800;
}

/**
 * One base role plus, for managers only, extra permissions. Validated before sending because
 * Harvest's 422 for this does not say which part is wrong.
 */
export function buildAccessRoles(base: unknown, extras: unknown = []): string[] {
	const baseRole = String(base ?? '')
		.trim()
		.toLowerCase();
	if (!BASE_ACCESS_ROLES.includes(baseRole as BaseAccessRole)) {
		throw new Error(
			`Access Role must be Administrator, Manager or Member, got ${JSON.stringify(base)}`,
		);
	}
	const permissions = toStringList(extras).map((p) => p.toLowerCase());
	const unknown = permissions.filter(
		(p) => !(MANAGER_PERMISSIONS as readonly string[]).includes(p),
	);
	if (unknown.length) {
		// Only an expression can give an unknown one, so the values are named beside their labels
		const allowed = MANAGER_PERMISSIONS.map((p) => `${MANAGER_PERMISSION_LABELS[p]} = ${p}`).join(
			', ',
		);
		throw new Error(
			`Unknown manager permission${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => JSON.stringify(p)).join(', ')}. Use the names shown in Manager Permissions, or in an expression their values: ${allowed}`,
		);
	}
	if (permissions.length && baseRole !== 'manager') {
		throw new Error(
			`Manager Permissions (${permissions.map(permissionLabel).join(', ')}) apply only to the Manager access role; set Access Role to Manager or remove them`,
		);
	}
	return [baseRole, ...new Set(permissions)];
}

/**
 * Reads access roles given as a list (e.g. from an HR export: ["manager", "project_creator"]) or a
 * comma-separated string, validating them like the dropdowns do.
 */
export function parseAccessRoles(value: unknown): string[] {
	const list = toStringList(value)
		.map((r) => r.toLowerCase())
		.filter((r) => !DERIVED_ACCESS_ROLES.includes(r));
	const bases = list.filter((r) => BASE_ACCESS_ROLES.includes(r as BaseAccessRole));
	if (bases.length !== 1) {
		throw new Error(
			`Access roles need exactly one of administrator, manager or member, got ${JSON.stringify(value)}`,
		);
	}
	return buildAccessRoles(
		bases[0],
		list.filter((r) => r !== bases[0]),
	);
}

/** Business roles (free text labels): a list or a comma-separated string, trimmed, no duplicates. */
export function parseRoles(value: unknown): string[] {
	return [...new Set(toStringList(value))];
}

export { isEmail, requireEmail } from '../../../rules/email';

/**
 * A Harvest user field reduced to what matters when comparing "is it already so?": lists of
 * roles are sets (Harvest does not keep their order), the derived `people_manager` never counts,
 * capacity is compared in seconds and text in NFC with spaces trimmed and runs of spaces as one
 * (helpers/values.ts comparableText). Used by upsert and
 * reconcile to decide whether a request is needed at all.
 */
export function comparableUserValue(field: string, value: unknown): unknown {
	if (field === 'roles') return [...new Set(toStringList(value).map(comparableText))].sort();
	if (field === 'access_roles') {
		const roles = toStringList(value).map((r) => r.toLowerCase());
		return [...new Set(roles.filter((r) => !DERIVED_ACCESS_ROLES.includes(r)))].sort();
	}
	if (field === 'weekly_capacity')
		return value === null || value === undefined || value === '' ? null : Number(value);
	if (typeof value === 'string') return comparableText(value);
	return value ?? null;
}

export function sameUserValue(field: string, a: unknown, b: unknown): boolean {
	return (
		JSON.stringify(comparableUserValue(field, a)) === JSON.stringify(comparableUserValue(field, b))
	);
}
