/** Read-only lookups (§10): projects, tasks, the company, and the accounts a token can reach. */
import { notFound } from '../errors.cjs';
import { applyFilters, FilterName, readFilters } from '../filters.cjs';
import type { Row, Table } from '../model/table.cjs';
import { cursorPage, newestFirst } from '../paginate.cjs';
import { anyone, managers } from '../permissions.cjs';
import { Allow, ok, Router } from '../router.cjs';
import type { Store } from '../store.cjs';
import { renderProject, renderTask } from './render.cjs';

/** A list (cursor, newest first, filtered) and a get for one table. */
function registerReadOnly<T extends Row & { is_active: boolean }>(
	r: Router,
	segment: string,
	table: (s: Store) => Table<T>,
	filters: FilterName[],
	render: (s: Store, row: T) => object,
	allow: Allow,
): void {
	r.get(`/v2/${segment}`, allow, (ctx) => {
		const rows = applyFilters(
			table(ctx.store).newest(),
			readFilters(ctx.query, filters, ctx.store.behaviour),
		);
		return ok(cursorPage(ctx.list, segment, rows, newestFirst, (row) => render(ctx.store, row)));
	});
	r.get(`/v2/${segment}/:id`, allow, (ctx) => {
		const row = table(ctx.store).get(ctx.id('id'));
		if (!row) throw notFound();
		return ok(render(ctx.store, row));
	});
}

/** The Forecast account that every Harvest login also sees; its id must not be used with api.harvestapp.com. */
const FORECAST_ACCOUNT_ID = 2_046_330;

export function registerCatalog(r: Router): void {
	registerReadOnly(
		r,
		'projects',
		(s) => s.projects,
		['is_active', 'client_id', 'updated_since'],
		renderProject,
		managers,
	);
	registerReadOnly(
		r,
		'tasks',
		(s) => s.tasks,
		['is_active', 'updated_since'],
		(_s, t) => renderTask(t),
		managers,
	);
	// "Admin permissions required" says the page header, yet time-tracking clients call it as
	// regular users; whether members get 403 is unconfirmed, so the sandbox lets everyone read it.
	r.get('/v2/company', anyone, (ctx) => ok({ ...ctx.store.company }));
	// Lives on id.getharvest.com in reality; needs Authorization and User-Agent only.
	r.get('/api/v2/accounts', anyone, (ctx) =>
		ok({
			user: {
				id: ctx.actor.id,
				first_name: ctx.actor.first_name,
				last_name: ctx.actor.last_name,
				email: ctx.actor.email,
			},
			accounts: [
				{ id: Number(ctx.accountId), name: ctx.store.company.name, product: 'harvest' },
				{ id: FORECAST_ACCOUNT_ID, name: ctx.store.company.name, product: 'forecast' },
			],
		}),
	);
}
