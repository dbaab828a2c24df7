/**
 * Users (reference §2): validation, defaults, the derived `people_manager` role, the email
 * index (uniqueness is case-insensitive), and the cascade when a user is deleted.
 */
import { notFound, notRemovable, Problems } from '../errors.cjs';
import type { Store } from '../store.cjs';
import { Body, humanize, Input } from './input.cjs';
import { assignChanged, User } from './records.cjs';
import { Table } from './table.cjs';

export const BASE_ROLES = ['administrator', 'manager', 'member'] as const;
export type BaseRole = (typeof BASE_ROLES)[number];
export const MANAGER_PERMISSIONS = [
	'project_creator',
	'billable_rates_manager',
	'managed_projects_invoice_drafter',
	'managed_projects_invoice_manager',
	'client_and_task_manager',
	'time_and_expenses_manager',
	'estimates_manager',
];
/** Derived by Harvest from teammate assignments (§3); never taken from a request. */
export const PEOPLE_MANAGER = 'people_manager';

export const USER_NOT_REMOVABLE =
	'This user is not removable. It still has time entries and/or expenses.';

export interface CreateUserOptions {
	/** Record an invitation e-mail (true for API creates; direct store/admin creates default to false). */
	invite?: boolean;
	/** Backdate the record (seed data). */
	createdAt?: string;
}

export interface UpdateUserOptions {
	/**
	 * A change made "behind the node's back" (store / admin API): also accepts avatar_url,
	 * default_hourly_rate and cost_rate, which the documented PATCH does not.
	 */
	direct?: boolean;
}

export class Users {
	readonly table = new Table<User>(4_100_001);
	private readonly byEmail = new Map<string, number>();
	private readonly withTimeEntries = new Set<number>();

	constructor(private readonly store: Store) {}

	get(id: number): User | undefined {
		return this.table.get(id);
	}

	require(id: number): User {
		const user = this.table.get(id);
		if (!user) throw notFound();
		return user;
	}

	/** Newest first, as GET /v2/users returns them. */
	list(): readonly User[] {
		return this.table.newest();
	}

	findByEmail(email: string): User | undefined {
		const id = this.byEmail.get(email.trim().toLowerCase());
		return id === undefined ? undefined : this.table.get(id);
	}

	baseRole(user: User): BaseRole {
		return (BASE_ROLES.find((r) => user.access_roles.includes(r)) ?? 'member') as BaseRole;
	}

	hasTimeEntries(id: number): boolean {
		return this.withTimeEntries.has(id);
	}

	/** Time entries are not modelled; this flag is what blocks DELETE. */
	setHasTimeEntries(id: number, value = true): void {
		this.require(id);
		if (value) this.withTimeEntries.add(id);
		else this.withTimeEntries.delete(id);
	}

	usersWithTimeEntries(): number[] {
		return [...this.withTimeEntries];
	}

	create(body: Body, opts: CreateUserOptions = {}): User {
		const input = new Input(body);
		const first_name = input.requireString('first_name');
		const last_name = input.requireString('last_name');
		const email = input.email('email', true);
		if (email !== undefined && this.byEmail.has(email.toLowerCase()))
			input.problems.add('Email has already been taken');
		const access_roles = input.has('access_roles')
			? normalizeAccessRoles(input.stringArray('access_roles'), input.problems)
			: ['member'];
		const fields = {
			timezone: input.string('timezone') || this.store.companyTimezone,
			has_access_to_all_future_projects: input.bool('has_access_to_all_future_projects') ?? false,
			is_contractor: input.bool('is_contractor') ?? false,
			is_active: input.bool('is_active') ?? true,
			weekly_capacity:
				input.number('weekly_capacity', { integer: true, min: 0 }) ??
				this.store.company.weekly_capacity,
			// harvest-observed.md §2 (H7): unset rates are null, not the docs' 0.
			default_hourly_rate: input.number('default_hourly_rate', { min: 0, nullable: true }) ?? null,
			cost_rate: input.number('cost_rate', { min: 0, nullable: true }) ?? null,
		};
		// harvest-observed-2.md §1.1: POST takes telephone and answers with it ("" when unset, §1.1 of the first pass)
		const telephone = input.string('telephone') ?? '';
		const roles = input.stringArray('roles') ?? [];
		input.done();

		const now = opts.createdAt ?? this.store.now();
		const id = this.table.nextId();
		const user: User = {
			id,
			first_name: first_name as string,
			last_name: last_name as string,
			email: email as string,
			telephone,
			timezone: fields.timezone,
			has_access_to_all_future_projects: fields.has_access_to_all_future_projects,
			is_contractor: fields.is_contractor,
			is_active: fields.is_active,
			weekly_capacity: fields.weekly_capacity as number,
			default_hourly_rate: fields.default_hourly_rate,
			cost_rate: fields.cost_rate,
			roles: [],
			access_roles: access_roles ?? ['member'],
			// harvest-observed-2.md §1.4: always an https URL; the 2022 form for people without a photo.
			// Which <n> a person gets was not recorded; a few shared images is the sandbox's choice.
			avatar_url: `https://d3s3969qhosaug.cloudfront.net/v2/default-avatars/${(id % 8) + 1}.png`,
			created_at: now,
			updated_at: now,
		};
		this.table.insert(user);
		this.byEmail.set(user.email.toLowerCase(), user.id);
		// The user's default rates are the current entries of their rate histories (§4, §5).
		if (user.default_hourly_rate !== null)
			this.store.billableRates.seed(user.id, user.default_hourly_rate, now);
		if (user.cost_rate !== null) this.store.costRates.seed(user.id, user.cost_rate, now);
		if (roles.length > 0) this.store.roles.syncUser(user, roles, now);
		if (opts.invite)
			this.store.invitations.push({
				userId: user.id,
				email: user.email,
				at: this.store.clock.nowMs(),
			});
		return user;
	}

	update(id: number, body: Body, opts: UpdateUserOptions = {}): User {
		const user = this.require(id);
		const input = new Input(body);
		const changes: Partial<User> = {};
		if (input.has('first_name')) changes.first_name = input.requireString('first_name');
		if (input.has('last_name')) changes.last_name = input.requireString('last_name');
		if (input.has('email')) {
			const email = input.email('email', true);
			const owner = email === undefined ? undefined : this.findByEmail(email);
			if (owner && owner.id !== id) input.problems.add('Email has already been taken');
			changes.email = email;
		}
		if (input.has('timezone')) changes.timezone = input.requireString('timezone');
		changes.has_access_to_all_future_projects = input.bool('has_access_to_all_future_projects');
		changes.is_contractor = input.bool('is_contractor');
		changes.is_active = input.bool('is_active');
		changes.weekly_capacity =
			input.number('weekly_capacity', { integer: true, min: 0 }) ?? undefined;
		const roles = input.stringArray('roles');
		if (input.has('access_roles'))
			changes.access_roles = normalizeAccessRoles(
				input.stringArray('access_roles'),
				input.problems,
			);
		let billable: number | undefined;
		let cost: number | undefined;
		// harvest-observed.md §2 (3A live test): PATCH takes telephone
		changes.telephone = input.string('telephone');
		if (opts.direct) {
			changes.avatar_url = input.string('avatar_url');
			billable = input.number('default_hourly_rate', { min: 0 }) ?? undefined;
			cost = input.number('cost_rate', { min: 0 }) ?? undefined;
		}
		// Harvest refuses name/e-mail changes on an archived user; whether the request that restores
		// the user may carry them is unconfirmed (behaviour.renameWhileRestoring).
		const restoring = changes.is_active === true && this.store.behaviour.renameWhileRestoring;
		if (!user.is_active && !restoring) {
			const locked = (['first_name', 'last_name', 'email'] as const).filter(
				(k) => changes[k] !== undefined && changes[k] !== user[k],
			);
			if (locked.length > 0)
				input.problems.add(
					`${locked.map(humanize).join(', ')} can't be changed while the user is archived`,
				);
		}
		input.done();

		const now = this.store.now();
		const oldEmail = user.email;
		if (changes.access_roles) {
			// A manager keeps people_manager while they have teammates; anyone else loses both.
			if (changes.access_roles[0] !== 'manager') this.store.teammates.clearManager(id);
			else if (this.store.teammates.ids(id).length > 0) changes.access_roles.push(PEOPLE_MANAGER);
		}
		const changed = assignChanged(user, changes);
		if (user.email !== oldEmail) {
			this.byEmail.delete(oldEmail.toLowerCase());
			this.byEmail.set(user.email.toLowerCase(), id);
		}
		if (changed) user.updated_at = now;
		// harvest-observed-2.md §3.8: archived from all their projects; a restore does not bring them back
		if (changes.is_active === false && this.store.behaviour.archiveArchivesAssignments)
			this.store.userAssignments.archiveUser(id, now);
		if (roles !== undefined) this.store.roles.syncUser(user, roles, now);
		if (billable !== undefined && billable !== user.default_hourly_rate)
			this.store.billableRates.create(id, { amount: billable });
		if (cost !== undefined && cost !== user.cost_rate)
			this.store.costRates.create(id, { amount: cost });
		return user;
	}

	/** Returns the deleted user, its updated_at moved to now (harvest-observed.md §2, H8). */
	delete(id: number, opts: { force?: boolean } = {}): User {
		const user = this.require(id);
		if (!opts.force && this.withTimeEntries.has(id)) throw notRemovable(USER_NOT_REMOVABLE);
		this.store.teammates.removeUser(id);
		this.store.roles.removeUser(id);
		this.store.userAssignments.removeUser(id);
		this.store.billableRates.removeUser(id);
		this.store.costRates.removeUser(id);
		this.byEmail.delete(user.email.toLowerCase());
		this.withTimeEntries.delete(id);
		this.table.delete(id);
		user.updated_at = this.store.now();
		return user;
	}

	/** Adds or drops the derived people_manager role; bumps updated_at when it changes. */
	refreshPeopleManager(user: User): void {
		const wanted =
			this.baseRole(user) === 'manager' && this.store.teammates.ids(user.id).length > 0;
		const has = user.access_roles.includes(PEOPLE_MANAGER);
		if (wanted === has) return;
		user.access_roles = wanted
			? [...user.access_roles, PEOPLE_MANAGER]
			: user.access_roles.filter((r) => r !== PEOPLE_MANAGER);
		user.updated_at = this.store.now();
	}

	/** Used by the role and rate models when they change a user's derived fields. */
	touch(user: User, now = this.store.now()): void {
		user.updated_at = now;
	}

	/**
	 * harvest-observed-2.md §1.6: a Harvest-side migration once moved `updated_at` of every user
	 * (archived ones too) to the same moment, with no visible field changed. Returns how many.
	 */
	touchAll(now = this.store.now()): number {
		const users = this.table.values();
		for (const user of users) user.updated_at = now;
		return users.length;
	}

	clear(): void {
		this.table.clear();
		this.byEmail.clear();
		this.withTimeEntries.clear();
	}
}

/**
 * Exactly one base role; the extra permissions only next to `manager`. `people_manager` is
 * dropped silently: clients that echo a user's access_roles back would otherwise fail, and
 * Harvest derives it anyway (whether Harvest rejects it is unconfirmed).
 */
export function normalizeAccessRoles(
	values: string[] | undefined,
	problems: Problems,
): string[] | undefined {
	if (values === undefined) return undefined;
	const roles = [...new Set(values.filter((r) => r !== PEOPLE_MANAGER))];
	const unknown = roles.filter(
		(r) => !(BASE_ROLES as readonly string[]).includes(r) && !MANAGER_PERMISSIONS.includes(r),
	);
	if (unknown.length > 0) {
		problems.add(`Access roles ${unknown.join(', ')} is not a valid access role`);
		return undefined;
	}
	const bases = roles.filter((r) => (BASE_ROLES as readonly string[]).includes(r));
	if (bases.length !== 1) {
		problems.add('Access roles must include exactly one of administrator, manager or member');
		return undefined;
	}
	const extras = roles.filter((r) => MANAGER_PERMISSIONS.includes(r));
	if (extras.length > 0 && bases[0] !== 'manager') {
		problems.add(`Access roles ${extras.join(', ')} can only be granted to managers`);
		return undefined;
	}
	return [bases[0], ...extras];
}
