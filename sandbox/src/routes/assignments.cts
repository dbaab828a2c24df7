/**
 * Project assignments (§6, user-centric, read-only), user assignments (§7) and task
 * assignments (§8). The last two share one set of routes: a cursor list across projects, a
 * page-numbered list per project, and get/create/update/delete under the project.
 */
import { applyFilters, FilterName, readFilters } from '../filters.cjs';
import type { Body } from '../model/input.cjs';
import type { Project } from '../model/records.cjs';
import type { Row } from '../model/table.cjs';
import { notFound } from '../errors.cjs';
import { cursorPage, newestFirst, numberedPage } from '../paginate.cjs';
import { anyone, managers, selfOrManagers } from '../permissions.cjs';
import { created, deleted, ok, RouteContext, Router } from '../router.cjs';
import type { Store } from '../store.cjs';

interface AssignmentRow extends Row {
	project_id: number;
	is_active: boolean;
}

interface AssignmentModel<T extends AssignmentRow> {
	list(): readonly T[];
	requireInProject(projectId: number, id: number): T;
	create(projectId: number, body: Body): T;
	update(row: T, body: Body): T;
	delete(row: T): void;
	render(row: T): object;
}

interface AssignmentKind<T extends AssignmentRow> {
	segment: 'user_assignments' | 'task_assignments';
	model(store: Store): AssignmentModel<T>;
	filters: FilterName[];
}

function requireProject(ctx: RouteContext): Project {
	const project = ctx.store.projects.get(ctx.id('projectId'));
	if (!project) throw notFound();
	return project;
}

function registerAssignmentKind<T extends AssignmentRow>(r: Router, kind: AssignmentKind<T>): void {
	const { segment } = kind;
	const render = (ctx: RouteContext) => (row: T) => kind.model(ctx.store).render(row);
	const one = (ctx: RouteContext): T =>
		kind.model(ctx.store).requireInProject(requireProject(ctx).id, ctx.id('assignmentId'));

	r.get(`/v2/${segment}`, managers, (ctx) => {
		const rows = applyFilters(
			kind.model(ctx.store).list(),
			readFilters(ctx.query, kind.filters, ctx.store.behaviour),
		);
		return ok(cursorPage(ctx.list, segment, rows, newestFirst, render(ctx)));
	});
	r.get(`/v2/projects/:projectId/${segment}`, managers, (ctx) => {
		const project = requireProject(ctx);
		const rows = applyFilters(
			kind.model(ctx.store).list(),
			readFilters(ctx.query, kind.filters, ctx.store.behaviour),
		).filter((a) => a.project_id === project.id);
		return ok(numberedPage(ctx.list, segment, rows, render(ctx)));
	});
	r.get(`/v2/projects/:projectId/${segment}/:assignmentId`, managers, (ctx) =>
		ok(render(ctx)(one(ctx))),
	);
	r.post(`/v2/projects/:projectId/${segment}`, managers, (ctx) => {
		const project = requireProject(ctx);
		const row = kind.model(ctx.store).create(project.id, ctx.body);
		return created(render(ctx)(row), `/v2/projects/${project.id}/${segment}/${row.id}`);
	});
	r.patch(`/v2/projects/:projectId/${segment}/:assignmentId`, managers, (ctx) =>
		ok(render(ctx)(kind.model(ctx.store).update(one(ctx), ctx.body))),
	);
	r.delete(`/v2/projects/:projectId/${segment}/:assignmentId`, managers, (ctx) => {
		const row = one(ctx);
		const body = render(ctx)(row);
		kind.model(ctx.store).delete(row);
		return deleted(body);
	});
}

export function registerAssignments(r: Router): void {
	// §6: active assignments only, newest first. `/me` is page-numbered and its links point at
	// /v2/users/{id}/project_assignments, as in Harvest's own example.
	r.get('/v2/users/me/project_assignments', anyone, (ctx) => {
		const ua = ctx.store.userAssignments;
		const rows = ua.list().filter((a) => a.user_id === ctx.actor.id && a.is_active);
		const list = { ...ctx.list, path: `/v2/users/${ctx.actor.id}/project_assignments` };
		return ok(
			numberedPage(list, 'project_assignments', rows, (a) => ua.renderProjectAssignment(a)),
		);
	});
	r.get('/v2/users/:userId/project_assignments', selfOrManagers, (ctx) => {
		const user = ctx.store.users.require(ctx.id('userId'));
		const ua = ctx.store.userAssignments;
		const active = ua.list().filter((a) => a.user_id === user.id && a.is_active);
		const rows = applyFilters(
			active,
			readFilters(ctx.query, ['updated_since'], ctx.store.behaviour),
		);
		return ok(
			cursorPage(ctx.list, 'project_assignments', rows, newestFirst, (a) =>
				ua.renderProjectAssignment(a),
			),
		);
	});

	registerAssignmentKind(r, {
		segment: 'user_assignments',
		model: (s) => s.userAssignments,
		filters: ['user_id', 'is_active', 'updated_since'],
	});
	registerAssignmentKind(r, {
		segment: 'task_assignments',
		model: (s) => s.taskAssignments,
		filters: ['is_active', 'updated_since'],
	});
}
