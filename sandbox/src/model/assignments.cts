/**
 * Project user assignments (§7) and task assignments (§8). They share everything but their
 * fields: one per (project, user|task), updates are partial, and a delete is refused while the
 * assignment has time entries (the flag stands in for time entries, which are not modelled).
 */
import { notFound, notRemovable } from '../errors.cjs';
import type { Store } from '../store.cjs';
import { Body, Input } from './input.cjs';
import { assignChanged, Project, TaskAssignment, UserAssignment } from './records.cjs';
import { Table } from './table.cjs';

export const USER_ASSIGNMENT_NOT_REMOVABLE =
	'This user assignment is not removable. It still has time entries and/or expenses.';
export const TASK_ASSIGNMENT_NOT_REMOVABLE =
	'This task assignment is not removable. It still has time entries.';

abstract class ProjectAssignments<T extends UserAssignment | TaskAssignment> {
	readonly table: Table<T>;
	private readonly withTimeEntries = new Set<number>();

	constructor(
		protected readonly store: Store,
		firstId: number,
		private readonly notRemovableMessage: string,
	) {
		this.table = new Table<T>(firstId);
	}

	get(id: number): T | undefined {
		return this.table.get(id);
	}

	/** Newest first. */
	list(): readonly T[] {
		return this.table.newest();
	}

	/** A record under the wrong project is as unknown as a missing one. */
	requireInProject(projectId: number, id: number): T {
		const row = this.table.get(id);
		if (!row || row.project_id !== projectId) throw notFound();
		return row;
	}

	hasTimeEntries(id: number): boolean {
		return this.withTimeEntries.has(id);
	}

	setHasTimeEntries(id: number, value = true): void {
		if (!this.table.get(id)) throw notFound();
		if (value) this.withTimeEntries.add(id);
		else this.withTimeEntries.delete(id);
	}

	withTimeEntriesIds(): number[] {
		return [...this.withTimeEntries];
	}

	update(row: T, body: Body): T {
		const changes = this.readChanges(new Input(body));
		if (assignChanged(row, changes)) row.updated_at = this.store.now();
		return row;
	}

	delete(row: T): void {
		if (this.withTimeEntries.has(row.id)) throw notRemovable(this.notRemovableMessage);
		this.remove(row.id);
	}

	protected remove(id: number): void {
		this.table.delete(id);
		this.withTimeEntries.delete(id);
	}

	protected requireProject(projectId: number): Project {
		const project = this.store.projects.get(projectId);
		if (!project) throw notFound();
		return project;
	}

	/** Reads the updatable fields and throws 422 if any is malformed. */
	protected abstract readChanges(input: Input): Partial<T>;

	clear(): void {
		this.table.clear();
		this.withTimeEntries.clear();
	}
}

export class UserAssignments extends ProjectAssignments<UserAssignment> {
	constructor(store: Store) {
		super(store, 125_068_001, USER_ASSIGNMENT_NOT_REMOVABLE);
	}

	create(projectId: number, body: Body, createdAt?: string): UserAssignment {
		this.requireProject(projectId);
		const input = new Input(body);
		const userId = input.requireNumber('user_id', { integer: true });
		const user = userId === undefined ? undefined : this.store.users.get(userId);
		if (userId !== undefined && !user) input.problems.add('User must exist');
		if (user && this.list().some((a) => a.project_id === projectId && a.user_id === user.id))
			input.problems.add('User has already been taken');
		const fields = this.readChanges(input);
		input.done();
		const now = createdAt ?? this.store.now();
		const isManagerOrAdmin = user !== undefined && this.store.users.baseRole(user) !== 'member';
		return this.table.insert({
			id: this.table.nextId(),
			project_id: projectId,
			user_id: userId as number,
			is_active: fields.is_active ?? true,
			// "true for users with Project Manager or Administrator permissions" (legacy wording in the docs)
			is_project_manager: fields.is_project_manager ?? isManagerOrAdmin,
			use_default_rates: fields.use_default_rates ?? true,
			// harvest-observed.md §2, §6 (H9): no rate given -> null, not the docs' 0.
			hourly_rate: fields.hourly_rate ?? null,
			budget: fields.budget ?? null,
			created_at: now,
			updated_at: now,
		});
	}

	protected readChanges(input: Input): Partial<UserAssignment> {
		return {
			is_active: input.bool('is_active'),
			is_project_manager: input.bool('is_project_manager'),
			use_default_rates: input.bool('use_default_rates'),
			hourly_rate: input.number('hourly_rate', { min: 0, nullable: true }),
			budget: input.number('budget', { min: 0, nullable: true }),
		};
	}

	/** Archiving a user archives their active assignments (harvest-observed-2.md §3.8). */
	archiveUser(userId: number, now: string): void {
		for (const a of this.table.values()) {
			if (a.user_id !== userId || !a.is_active) continue;
			a.is_active = false;
			a.updated_at = now;
		}
	}

	/** Deleting a user takes their assignments with them. */
	removeUser(userId: number): void {
		for (const a of this.table.values()) if (a.user_id === userId) this.remove(a.id);
	}

	render(a: UserAssignment): object {
		const project = this.store.projects.get(a.project_id);
		const user = this.store.users.get(a.user_id);
		return {
			id: a.id,
			is_project_manager: a.is_project_manager,
			is_active: a.is_active,
			use_default_rates: a.use_default_rates,
			budget: a.budget,
			created_at: a.created_at,
			updated_at: a.updated_at,
			hourly_rate: this.shownRate(a),
			project: project ? { id: project.id, name: project.name, code: project.code } : null,
			// harvest-observed-2.md §3.1: the nested name is "First Last"
			user: user ? { id: user.id, name: `${user.first_name} ${user.last_name}` } : null,
		};
	}

	/** harvest-observed-2.md §3.3: with default rates on, the user's default rate (or null), never 0. */
	private shownRate(a: UserAssignment): number | null {
		if (!a.use_default_rates || !this.store.behaviour.defaultRatesShowUserRate)
			return a.hourly_rate;
		return this.store.users.get(a.user_id)?.default_hourly_rate ?? null;
	}

	/** The user-centric view of §6: the assignment plus its project's client and task assignments. */
	renderProjectAssignment(a: UserAssignment): object {
		const project = this.store.projects.get(a.project_id);
		const client = project ? this.store.clients.get(project.client_id) : undefined;
		// Inside a project assignment, task assignments come in ascending id order (harvest-observed.md §5, AB).
		const tasks = this.store.taskAssignments
			.list()
			.filter((t) => t.project_id === a.project_id && t.is_active)
			.sort((x, y) => x.id - y.id)
			.map((t) => {
				const { project: _project, ...rest } = this.store.taskAssignments.render(t) as Record<
					string,
					unknown
				>;
				return rest;
			});
		return {
			id: a.id,
			is_project_manager: a.is_project_manager,
			is_active: a.is_active,
			use_default_rates: a.use_default_rates,
			budget: a.budget,
			created_at: a.created_at,
			updated_at: a.updated_at,
			hourly_rate: this.shownRate(a),
			// project.is_billable and client.currency are beyond the docs (harvest-observed.md §5, AB 2022).
			project: project
				? {
						id: project.id,
						name: project.name,
						code: project.code,
						is_billable: project.is_billable,
					}
				: null,
			client: client ? { id: client.id, name: client.name, currency: client.currency } : null,
			task_assignments: tasks,
		};
	}
}

export class TaskAssignments extends ProjectAssignments<TaskAssignment> {
	constructor(store: Store) {
		super(store, 155_505_001, TASK_ASSIGNMENT_NOT_REMOVABLE);
	}

	create(projectId: number, body: Body, createdAt?: string): TaskAssignment {
		this.requireProject(projectId);
		const input = new Input(body);
		const taskId = input.requireNumber('task_id', { integer: true });
		const task = taskId === undefined ? undefined : this.store.tasks.get(taskId);
		if (taskId !== undefined && !task) input.problems.add('Task must exist');
		if (task && this.list().some((t) => t.project_id === projectId && t.task_id === task.id))
			input.problems.add('Task has already been taken');
		const fields = this.readChanges(input);
		input.done();
		const now = createdAt ?? this.store.now();
		return this.table.insert({
			id: this.table.nextId(),
			project_id: projectId,
			task_id: taskId as number,
			is_active: fields.is_active ?? true,
			// harvest-observed.md §2, §6 (H10): billable follows the task's billable_by_default
			// (the docs say false), and an unset rate is null (the docs say 0).
			billable: fields.billable ?? task?.billable_by_default ?? false,
			hourly_rate: fields.hourly_rate ?? null,
			budget: fields.budget ?? null,
			created_at: now,
			updated_at: now,
		});
	}

	protected readChanges(input: Input): Partial<TaskAssignment> {
		return {
			is_active: input.bool('is_active'),
			billable: input.bool('billable'),
			hourly_rate: input.number('hourly_rate', { min: 0, nullable: true }),
			budget: input.number('budget', { min: 0, nullable: true }),
		};
	}

	render(t: TaskAssignment): object {
		const project = this.store.projects.get(t.project_id);
		const task = this.store.tasks.get(t.task_id);
		return {
			id: t.id,
			billable: t.billable,
			is_active: t.is_active,
			created_at: t.created_at,
			updated_at: t.updated_at,
			hourly_rate: t.hourly_rate,
			budget: t.budget,
			project: project ? { id: project.id, name: project.name, code: project.code } : null,
			task: task ? { id: task.id, name: task.name } : null,
		};
	}
}
