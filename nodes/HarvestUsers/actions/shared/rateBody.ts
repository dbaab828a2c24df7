import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requirePastOrToday, toHarvestDate } from '../../rules/rateRules';
import { requireAmount } from '../../rules/values';
import { checkInput } from './checkInput';

/**
 * The body of a billable or cost rate create, from its Amount and Start Date fields; checked
 * before anything is sent. The start date is read in the workflow's timezone, where "today" is.
 */
export function readRateBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return checkInput(ctx, itemIndex, () => {
		const amount = requireAmount(ctx.getNodeParameter('amount', itemIndex), 'Amount');
		const zone = ctx.getTimezone();
		const startDate = requirePastOrToday(
			toHarvestDate(ctx.getNodeParameter('startDate', itemIndex, ''), zone),
			DateTime.now().setZone(zone).toISODate() as string,
		);
		return startDate === undefined ? { amount } : { amount, start_date: startDate };
	});
}
