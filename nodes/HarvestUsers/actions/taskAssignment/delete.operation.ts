import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { projectLocator } from '../shared/common.descriptions';
import { deleteOrArchive } from '../shared/deleteOrArchive';
import { readLocatorId, readProjectId } from '../shared/parameters';
import { taskAssignmentIdField } from './taskAssignment.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Delete',
	value: 'delete',
	action: 'Remove a task from a project',
	description: 'Delete a task assignment without time entries',
};

export const recordParameter = 'projectId';

const properties: INodeProperties[] = [projectLocator, taskAssignmentIdField];

const displayOptions = { show: { resource: ['taskAssignment'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Harvest keeps a task assignment with time tracked to it; Update with Active off archives it instead. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ids = {
		projectId: readProjectId(this, itemIndex),
		taskAssignmentId: readLocatorId(this, 'taskAssignmentId', 'Task Assignment ID', itemIndex),
	};
	return await deleteOrArchive(this, itemIndex, {
		id: ids.taskAssignmentId,
		deletePath: harvestPath(
			this.getNode(),
			'/v2/projects/{projectId}/task_assignments/{taskAssignmentId}',
			ids,
			itemIndex,
		),
		noun: 'task assignment',
		whenBlocked:
			'To stop time being tracked to this task on the project, use Update with Active off (archive the task assignment) instead.',
	});
}
