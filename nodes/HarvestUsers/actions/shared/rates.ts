/**
 * Billable rates (reference §4) and cost rates (§5) are the same three operations on two rate
 * histories of a user; one implementation serves both, parameterised by the kind.
 */
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { returnAllOrLimit, userLocator } from './common.descriptions';
import { readUserId } from './parameters';
import type { ItemOperation } from '../types';
import { requireAmount } from '../../helpers/values';
import { checkInput, dependentIdOption, itemOperation, listRecords } from './itemOperation';
import { requirePastOrToday, toHarvestDate } from '../../helpers/rateRules';

export interface RateKind {
	resource: 'billableRate' | 'costRate';
	/** Path segment and list envelope key. */
	segment: 'billable_rates' | 'cost_rates';
	idParameter: 'billableRateId' | 'costRateId';
	loadOptionsMethod: 'getBillableRates' | 'getCostRates';
	/** Singular, lower case, e.g. "billable rate". */
	noun: string;
	/** The user field Harvest keeps equal to the current rate. */
	userField: string;
}

export const BILLABLE_RATE: RateKind = {
	resource: 'billableRate',
	segment: 'billable_rates',
	idParameter: 'billableRateId',
	loadOptionsMethod: 'getBillableRates',
	noun: 'billable rate',
	userField: 'default hourly rate',
};

export const COST_RATE: RateKind = {
	resource: 'costRate',
	segment: 'cost_rates',
	idParameter: 'costRateId',
	loadOptionsMethod: 'getCostRates',
	noun: 'cost rate',
	userField: 'cost rate',
};

const title = (noun: string): string => noun.replace(/\b\w/g, (c) => c.toUpperCase());

/** `/v2/users/{id}/<rates>`, or one rate of it when `rateId` is given (IDs checked by harvestPath). */
async function ratePath(ctx: IExecuteFunctions, itemIndex: number, kind: RateKind, rateId?: unknown): Promise<string> {
	const userId = await readUserId(ctx, itemIndex);
	const template = `/v2/users/{userId}/${kind.segment}${rateId === undefined ? '' : `/{${kind.idParameter}}`}`;
	return harvestPath(ctx.getNode(), template, { userId, [kind.idParameter]: rateId }, itemIndex);
}

export function rateGetAll(kind: RateKind): ItemOperation {
	return itemOperation(kind.resource, 'getAll', [userLocator(), ...returnAllOrLimit], async function (itemIndex) {
		return await listRecords(this, itemIndex, { path: await ratePath(this, itemIndex, kind), key: kind.segment });
	});
}

export function rateGet(kind: RateKind): ItemOperation {
	const rateId = dependentIdOption(title(kind.noun), kind.idParameter, kind.loadOptionsMethod, 'userId');
	return itemOperation(kind.resource, 'get', [userLocator(), rateId], async function (itemIndex) {
		const path = await ratePath(this, itemIndex, kind, this.getNodeParameter(kind.idParameter, itemIndex));
		return await harvestRequest(this, { method: 'GET', path, itemIndex });
	});
}

export function rateCreate(kind: RateKind): ItemOperation {
	const properties: INodeProperties[] = [
		userLocator(),
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			required: true,
			default: 0,
			description: `The hourly ${kind.noun}, in the account's currency. It also becomes the user's ${kind.userField} when it is the latest rate.`,
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: `The first day the rate applies (today or earlier; Harvest refuses future dates). Leave empty to replace ALL of the user's earlier ${kind.noun}s with this one; a date before existing rates replaces those rates too.`,
			hint: `Empty replaces the user's whole ${kind.noun} history`,
		},
	];
	return itemOperation(kind.resource, 'create', properties, async function (itemIndex) {
		const body = checkInput(this, itemIndex, () => {
			const amount = requireAmount(this.getNodeParameter('amount', itemIndex), 'Amount');
			const zone = this.getTimezone();
			const startDate = requirePastOrToday(
				toHarvestDate(this.getNodeParameter('startDate', itemIndex, ''), zone),
				DateTime.now().setZone(zone).toISODate() as string,
			);
			return startDate === undefined ? { amount } : { amount, start_date: startDate };
		});
		return await harvestRequest<IDataObject>(this, {
			method: 'POST',
			path: await ratePath(this, itemIndex, kind),
			body,
			itemIndex,
			checkHint: `Check the user's ${kind.noun} history (${kind.resource} → Get Many, or Team → the user → Settings in Harvest) for a rate of ${body.amount} before running this item again.`,
		});
	});
}
