import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { projectLocator } from '../shared/common.descriptions';
import { readLocatorId, readProjectId } from '../shared/parameters';
import { taskAssignmentIdField } from './taskAssignment.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a task assignment',
	description: 'Retrieve one task assignment of a project',
};

export const recordParameter = null;

const properties: INodeProperties[] = [projectLocator, taskAssignmentIdField];

const displayOptions = { show: { resource: ['taskAssignment'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ids = {
		projectId: readProjectId(this, itemIndex),
		taskAssignmentId: readLocatorId(this, 'taskAssignmentId', 'Task Assignment ID', itemIndex),
	};
	return await harvestRequest(this, {
		method: 'GET',
		path: harvestPath(
			this.getNode(),
			'/v2/projects/{projectId}/task_assignments/{taskAssignmentId}',
			ids,
			itemIndex,
		),
		itemIndex,
	});
}
