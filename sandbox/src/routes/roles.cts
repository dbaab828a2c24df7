/** Roles (§9): administrator-only CRUD; membership changes are mirrored into user.roles. */
import { cursorPage, newestFirst } from '../paginate.cjs';
import { administrators } from '../permissions.cjs';
import { created, deleted, ok, Router } from '../router.cjs';

export function registerRoles(r: Router): void {
	r.get('/v2/roles', administrators, (ctx) =>
		ok(
			cursorPage(ctx.list, 'roles', ctx.store.roles.list(), newestFirst, (x) =>
				ctx.store.roles.render(x),
			),
		),
	);
	r.get('/v2/roles/:roleId', administrators, (ctx) =>
		ok(ctx.store.roles.render(ctx.store.roles.require(ctx.id('roleId')))),
	);
	r.post('/v2/roles', administrators, (ctx) => {
		const role = ctx.store.roles.create(ctx.body);
		return created(ctx.store.roles.render(role), `/v2/roles/${role.id}`);
	});
	r.patch('/v2/roles/:roleId', administrators, (ctx) => {
		const roles = ctx.store.roles;
		return ok(roles.render(roles.update(roles.require(ctx.id('roleId')), ctx.body)));
	});
	r.delete('/v2/roles/:roleId', administrators, (ctx) => {
		const role = ctx.store.roles.require(ctx.id('roleId'));
		const body = ctx.store.roles.render(role);
		ctx.store.roles.delete(role);
		return deleted(body);
	});
}
