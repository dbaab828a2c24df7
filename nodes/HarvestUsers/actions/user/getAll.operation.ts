import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { userOutputFields, userShaper } from '../../display/userOutput';
import { activeFilters, returnAllOrLimit, simplifyFields } from '../shared/common.descriptions';
import { listRecords } from '../shared/listRecords';
import { filtersToQuery } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many users',
	description: 'List users, active or archived',
};

export const recordParameter = null;

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	activeFilters,
	...simplifyFields,
	...userOutputFields,
];

const displayOptions = { show: { resource: ['user'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const users = await listRecords(this, itemIndex, {
		path: '/v2/users',
		key: 'users',
		qs: filtersToQuery(this, filters, itemIndex),
	});
	const shape = userShaper(this, itemIndex, true);
	// The partial-list flag (shared/partialList.ts) survives every Output: a workflow tests it either way.
	return users.map((user) =>
		user.partialList === undefined
			? shape(user)
			: { ...shape(user), partialList: user.partialList },
	);
}
