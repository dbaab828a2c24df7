/** Users (§2) and teammates (§3). */
import { notAuthorized } from '../errors.cjs';
import { applyFilters, readFilters } from '../filters.cjs';
import type { User } from '../model/records.cjs';
import { cursorPage, newestFirst, numberedPage } from '../paginate.cjs';
import { administrators, anyone, managers } from '../permissions.cjs';
import { Allow, created, deleted, ok, RouteContext, Router } from '../router.cjs';
import { renderMe, renderTeammate, renderUser } from './render.cjs';

/**
 * Managers may edit their teammates, but "cannot change email, roles or permissions, and
 * cannot archive, restore or delete teammates" (§1.7).
 */
const userEditors: Allow = (actor, ctx) => {
	if (administrators(actor, ctx)) return true;
	if (!managers(actor, ctx)) return false;
	const target = Number(ctx.params.userId);
	const forbidden = ['email', 'roles', 'access_roles', 'is_active'].some((k) => k in ctx.body);
	return !forbidden && ctx.store.teammates.ids(actor.id).includes(target);
};

/**
 * Visibility follows the role (docs: "Administrator or Manager with assigned teammates"): an
 * administrator sees everyone, a manager only themselves and the people assigned to them.
 * Members never get here (403 on the route).
 */
function visibleTo(ctx: RouteContext, user: User): boolean {
	if (administrators(ctx.actor, ctx) || user.id === ctx.actor.id) return true;
	return ctx.store.teammates.ids(ctx.actor.id).includes(user.id);
}

export function registerUsers(r: Router): void {
	r.get('/v2/users', managers, (ctx) => {
		const all = applyFilters(
			ctx.store.users.list(),
			readFilters(ctx.query, ['is_active', 'updated_since'], ctx.store.behaviour),
		);
		const rows = administrators(ctx.actor, ctx) ? all : all.filter((u) => visibleTo(ctx, u));
		if (ctx.store.usersPagination === 'numbered')
			return ok(numberedPage(ctx.list, 'users', rows, renderUser));
		return ok(cursorPage(ctx.list, 'users', rows, newestFirst, renderUser));
	});
	r.get('/v2/users/me', anyone, (ctx) => ok(renderMe(ctx.actor)));
	r.get('/v2/users/:userId', managers, (ctx) => {
		const user = ctx.store.users.require(ctx.id('userId'));
		// Whether Harvest answers 403 or 404 for a user the manager may not see is unconfirmed.
		if (!visibleTo(ctx, user)) throw notAuthorized();
		return ok(renderUser(user));
	});
	r.post('/v2/users', administrators, (ctx) => {
		const user = ctx.store.users.create(ctx.body, { invite: true });
		return created(renderUser(user), `/v2/users/${user.id}`);
	});
	r.patch('/v2/users/:userId', userEditors, (ctx) =>
		ok(renderUser(ctx.store.users.update(ctx.id('userId'), ctx.body))),
	);
	// harvest-observed.md §2 (H8): the deleted user, with updated_at moved to the deletion time.
	r.delete('/v2/users/:userId', administrators, (ctx) =>
		deleted(renderUser(ctx.store.users.delete(ctx.id('userId')))),
	);

	r.get('/v2/users/:userId/teammates', administrators, (ctx) => {
		const manager = ctx.store.users.require(ctx.id('userId'));
		ctx.store.teammates.requireManager(manager);
		return ok(
			cursorPage(
				ctx.list,
				'teammates',
				ctx.store.teammates.of(manager.id),
				newestFirst,
				renderTeammate,
			),
		);
	});
	// The PATCH answers with the full list and no pagination fields.
	r.patch('/v2/users/:userId/teammates', administrators, (ctx) =>
		ok({ teammates: ctx.store.teammates.set(ctx.id('userId'), ctx.body).map(renderTeammate) }),
	);
}
