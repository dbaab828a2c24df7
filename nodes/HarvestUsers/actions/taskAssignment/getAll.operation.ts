import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { activeFilters, assignmentScope, returnAllOrLimit } from '../shared/common.descriptions';
import { listRecords } from '../shared/listRecords';
import { filtersToQuery, readProjectId } from '../shared/parameters';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many task assignments',
	description: 'List task assignments of many projects or of one',
};

export const recordParameter = null;

const properties: INodeProperties[] = [...assignmentScope, ...returnAllOrLimit, activeFilters];

const displayOptions = { show: { resource: ['taskAssignment'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const path =
		this.getNodeParameter('scope', itemIndex) === 'project'
			? harvestPath(
					this.getNode(),
					'/v2/projects/{projectId}/task_assignments',
					{ projectId: readProjectId(this, itemIndex) },
					itemIndex,
				)
			: '/v2/task_assignments';
	const qs = filtersToQuery(
		this,
		this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	return await listRecords(this, itemIndex, { path, key: 'task_assignments', qs });
}
