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
	action: 'Get a cost rate',
	description: 'Retrieve one cost rate of a user',
};

export const recordParameter = null;

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Cost Rate Name or ID',
		name: 'costRateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCostRates', loadOptionsDependsOn: ['userId.value'] },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
];

const displayOptions = { show: { resource: ['costRate'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ids = {
		userId: await readUserId(this, itemIndex),
		costRateId: this.getNodeParameter('costRateId', itemIndex),
	};
	return await harvestRequest(this, {
		method: 'GET',
		path: harvestPath(this.getNode(), '/v2/users/{userId}/cost_rates/{costRateId}', ids, itemIndex),
		itemIndex,
	});
}
