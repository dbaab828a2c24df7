import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import { readRateBody } from '../shared/rateBody';

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		required: true,
		default: 0,
		description:
			"The hourly billable rate, in the account's currency. It also becomes the user's default hourly rate when it is the latest rate.",
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description:
			"The first day the rate applies (today or earlier; Harvest refuses future dates). Leave empty to replace ALL of the user's earlier billable rates with this one; a date before existing rates replaces those rates too.",
		hint: "Empty replaces the user's whole billable rate history",
	},
];

const displayOptions = { show: { resource: ['billableRate'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = readRateBody(this, itemIndex);
	const userId = await readUserId(this, itemIndex);
	return await harvestRequest<IDataObject>(this, {
		method: 'POST',
		path: harvestPath(this.getNode(), '/v2/users/{userId}/billable_rates', { userId }, itemIndex),
		body,
		itemIndex,
		checkHint: `Check the user's billable rate history (Billable Rate → Get Many, or Team → the user → Settings in Harvest) for a rate of ${body.amount} before running this item again.`,
	});
}
