/** Users (§2) and teammates (§3). */
import { applyFilters, readFilters } from '../filters';
import { cursorPage, newestFirst, numberedPage } from '../paginate';
import { administrators, anyone, managers } from '../permissions';
import { Allow, created, deleted, ok, Router } from '../router';
import { renderTeammate, renderUser } from './render';

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

export function registerUsers(r: Router): void {
	r.get('/v2/users', managers, (ctx) => {
		const rows = applyFilters(ctx.store.users.list(), readFilters(ctx.query, ['is_active', 'updated_since']));
		if (ctx.store.usersPagination === 'numbered') return ok(numberedPage(ctx.list, 'users', rows, renderUser));
		return ok(cursorPage(ctx.list, 'users', rows, newestFirst, renderUser));
	});
	r.get('/v2/users/me', anyone, (ctx) => ok(renderUser(ctx.actor)));
	r.get('/v2/users/:userId', managers, (ctx) => ok(renderUser(ctx.store.users.require(ctx.id('userId')))));
	r.post('/v2/users', administrators, (ctx) => created(renderUser(ctx.store.users.create(ctx.body, { invite: true }))));
	r.patch('/v2/users/:userId', userEditors, (ctx) => ok(renderUser(ctx.store.users.update(ctx.id('userId'), ctx.body))));
	r.delete('/v2/users/:userId', administrators, (ctx) => {
		ctx.store.users.delete(ctx.id('userId'));
		return deleted();
	});

	r.get('/v2/users/:userId/teammates', administrators, (ctx) => {
		const manager = ctx.store.users.require(ctx.id('userId'));
		ctx.store.teammates.requireManager(manager);
		return ok(cursorPage(ctx.list, 'teammates', ctx.store.teammates.of(manager.id), newestFirst, renderTeammate));
	});
	// The PATCH answers with the full list and no pagination fields.
	r.patch('/v2/users/:userId/teammates', administrators, (ctx) =>
		ok({ teammates: ctx.store.teammates.set(ctx.id('userId'), ctx.body).map(renderTeammate) }),
	);
}
