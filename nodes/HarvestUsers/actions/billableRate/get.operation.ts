import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a billable rate',
	description: 'Retrieve one billable rate of a user',
};

export const recordParameter = null;

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Billable Rate Name or ID',
		name: 'billableRateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBillableRates', loadOptionsDependsOn: ['userId.value'] },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
];

const displayOptions = { show: { resource: ['billableRate'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ids = {
		userId: await readUserId(this, itemIndex),
		billableRateId: this.getNodeParameter('billableRateId', itemIndex),
	};
	return await harvestRequest(this, {
		method: 'GET',
		path: harvestPath(
			this.getNode(),
			'/v2/users/{userId}/billable_rates/{billableRateId}',
			ids,
			itemIndex,
		),
		itemIndex,
	});
}
