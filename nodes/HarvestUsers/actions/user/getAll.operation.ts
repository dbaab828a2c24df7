import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestList } from '../../transport';
import { isActiveFilter, returnAllOrLimit, updatedSinceFilter } from '../common.descriptions';
import { filtersToQuery, readLimit } from '../params';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [isActiveFilter('users'), updatedSinceFilter],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await harvestList(this, {
		path: '/v2/users',
		key: 'users',
		qs: filtersToQuery(this, filters, itemIndex),
		limit: readLimit(this, itemIndex),
		itemIndex,
	});
}
