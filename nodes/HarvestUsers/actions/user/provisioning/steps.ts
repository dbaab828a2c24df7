import type { IDataObject } from 'n8n-workflow';

import type { PersonPlan, ReconcilePlan } from './plan';

/**
 * One change of a reconcile as it goes from plan to output: the plan, then what applying it gave
 * (the user as Harvest has it afterwards, or the failure). The apply step fills `user` and
 * `failure`; the report reads them.
 */
export interface Step {
	email: string;
	/** The input item of the person; undefined for archives (no item lists them). */
	itemIndex?: number;
	plan?: PersonPlan;
	user?: IDataObject;
	failure?: { message: string; description?: string; httpCode?: string };
}

/** One step a person of the roster, then one an archive. */
export function planSteps(plan: ReconcilePlan): Step[] {
	return [
		...plan.people.map(({ itemIndex, email, plan: personPlan, error }) => ({
			itemIndex,
			email,
			plan: personPlan,
			failure: error === undefined ? undefined : { message: error },
		})),
		...plan.archives.map((archive) => ({ email: archive.email, plan: archive })),
	];
}

/** The requests a plan sends: a restore with other changes takes two (apply.ts, restoreThenChange). */
export function requestsFor(plan: PersonPlan): number {
	if (!plan.body) return 0;
	return plan.action === 'restored' && Object.keys(plan.body).some((key) => key !== 'is_active')
		? 2
		: 1;
}
