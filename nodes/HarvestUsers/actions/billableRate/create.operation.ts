import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { rateAmountField, rateStartDateField, userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import { readRateBody } from '../shared/rateBody';
import { onlyIfDifferentField, unchangedRate } from '../shared/currentRate';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a billable rate',
	description: 'Give a user a new default billable rate from a start date',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [
	userLocator,
	{
		...rateAmountField,
		description:
			"The hourly billable rate, in the account's currency. It also becomes the user's default hourly rate when it is the latest rate.",
	},
	rateStartDateField,
	onlyIfDifferentField,
];

const displayOptions = { show: { resource: ['billableRate'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = readRateBody(this, itemIndex);
	const path = harvestPath(
		this.getNode(),
		'/v2/users/{userId}/billable_rates',
		{ userId: await readUserId(this, itemIndex) },
		itemIndex,
	);
	const unchanged = await unchangedRate(this, itemIndex, path, 'billable_rates', body);
	if (unchanged) return unchanged;
	// Outcome unknown after a lost answer: the hint says where to look before creating it again.
	const checkHint = `Check the user's billable rate history (Billable Rate → Get Many, or Team → the user → Settings in Harvest) for a rate of ${body.amount} before running this item again.`;
	return await harvestRequest<IDataObject>(this, {
		method: 'POST',
		path,
		body,
		itemIndex,
		checkHint,
	});
}
