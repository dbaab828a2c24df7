/**
 * Who may call what (reference §1.7). Kept deliberately simple where Harvest's rules depend on
 * state the sandbox does not model (e.g. "Manager with managed projects"): managers may read
 * users, assignments, projects and tasks and manage assignments; teammates, cost rates and
 * roles are administrator-only; members get their own user and project assignments only.
 */
import type { User } from './model/records.cjs';
import type { Allow } from './router.cjs';

const base = (u: User): string =>
	u.access_roles.find((r) => r === 'administrator' || r === 'manager' || r === 'member') ??
	'member';

export const anyone: Allow = () => true;
export const administrators: Allow = (u) => base(u) === 'administrator';
export const managers: Allow = (u) => base(u) !== 'member';

/** Billable rates: administrators, and managers who may edit billable rates. */
export const billableRateEditors: Allow = (u) =>
	base(u) === 'administrator' ||
	(base(u) === 'manager' && u.access_roles.includes('billable_rates_manager'));

/** A user's own records, or anyone's for managers and administrators. */
export const selfOrManagers: Allow = (u, ctx) =>
	managers(u, ctx) || ctx.params.userId === String(u.id);
