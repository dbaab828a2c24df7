import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath } from '../../transport';
import {
	activeFilters,
	returnAllOrLimit,
	updatedSinceFilter,
	userLocator,
} from '../shared/common.descriptions';
import { listRecords } from '../shared/listRecords';
import { filtersToQuery, readUserId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many project assignments of a user',
	description: 'List the active projects a user (or the authenticated user) is assigned to',
};

export const recordParameter = null;

const properties: INodeProperties[] = [
	{
		displayName: 'Assignments Of',
		name: 'of',
		type: 'options',
		default: 'user',
		options: [
			{
				name: 'A User',
				value: 'user',
				description:
					'A chosen user (needs an Administrator, or a Manager of that user, unless it is you)',
			},
			{
				name: 'Me',
				value: 'me',
				description: "The credential's own user; works for every role, Members included",
			},
		],
		description: 'Whose active project assignments to list (Harvest lists no archived ones here)',
	},
	{ ...userLocator, displayOptions: { show: { of: ['user'] } } },
	...returnAllOrLimit,
	{ ...activeFilters, options: [updatedSinceFilter], displayOptions: { show: { of: ['user'] } } },
];

const displayOptions = { show: { resource: ['projectAssignment'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const key = 'project_assignments';
	if (this.getNodeParameter('of', itemIndex) === 'me') {
		// Harvest documents no filters for /me; its `links` point at /v2/users/{id}/…, and the transport follows them as given.
		return await listRecords(this, itemIndex, { path: '/v2/users/me/project_assignments', key });
	}
	const userId = await readUserId(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listRecords(this, itemIndex, {
		path: harvestPath(
			this.getNode(),
			'/v2/users/{userId}/project_assignments',
			{ userId },
			itemIndex,
		),
		key,
		qs: filtersToQuery(this, filters, itemIndex),
	});
}
