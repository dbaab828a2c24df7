/** Billable rates (§4) and cost rates (§5): the same three operations on two histories. */
import { renderRate, Rates } from '../model/rates.cjs';
import { byStartDate, cursorPage } from '../paginate.cjs';
import { administrators, billableRateEditors } from '../permissions.cjs';
import { Allow, created, ok, Router } from '../router.cjs';
import type { Store } from '../store.cjs';

function registerRateHistory(
	r: Router,
	segment: string,
	rates: (s: Store) => Rates,
	allow: Allow,
): void {
	const base = `/v2/users/:userId/${segment}`;
	r.get(base, allow, (ctx) => {
		const user = ctx.store.users.require(ctx.id('userId'));
		return ok(
			cursorPage(ctx.list, segment, rates(ctx.store).list(user.id), byStartDate, renderRate),
		);
	});
	r.get(`${base}/:rateId`, allow, (ctx) => {
		const user = ctx.store.users.require(ctx.id('userId'));
		return ok(renderRate(rates(ctx.store).require(user.id, ctx.id('rateId'))));
	});
	r.post(base, allow, (ctx) => {
		const rate = rates(ctx.store).create(ctx.id('userId'), ctx.body);
		return created(renderRate(rate), `/v2/users/${rate.user_id}/${segment}/${rate.id}`);
	});
}

export function registerRates(r: Router): void {
	registerRateHistory(r, 'billable_rates', (s) => s.billableRates, billableRateEditors);
	registerRateHistory(r, 'cost_rates', (s) => s.costRates, administrators);
}
