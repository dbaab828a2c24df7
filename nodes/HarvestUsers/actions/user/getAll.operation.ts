import { type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { isActiveFilter, returnAllOrLimit, updatedSinceFilter } from '../shared/common.descriptions';
import { filtersToQuery } from '../shared/parameters';
import { filtersCollection, itemOperation, listRecords } from '../shared/itemOperation';

export const { description, execute } = itemOperation(
	'user',
	'getAll',
	[...returnAllOrLimit, filtersCollection([isActiveFilter('users'), updatedSinceFilter])],
	async function (this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return await listRecords(this, itemIndex, {
			path: '/v2/users',
			key: 'users',
			qs: filtersToQuery(this, filters, itemIndex),
		});
	},
);
