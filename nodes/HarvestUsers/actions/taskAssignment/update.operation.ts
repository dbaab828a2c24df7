import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { checkInput } from '../shared/checkInput';
import { projectLocator } from '../shared/common.descriptions';
import { readCollectionBody } from '../shared/fieldMap';
import { readLocatorId, readProjectId } from '../shared/parameters';
import {
	taskAssignmentBody,
	taskAssignmentFields,
	taskAssignmentIdField,
} from './taskAssignment.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a task assignment',
	description: "Change a task's billable flag, rate or budget on a project",
};

export const recordParameter = 'projectId';

const properties: INodeProperties[] = [
	projectLocator,
	taskAssignmentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: taskAssignmentFields,
	},
];

const displayOptions = { show: { resource: ['taskAssignment'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = readCollectionBody(this, itemIndex, 'updateFields', taskAssignmentBody);
	checkInput(this, itemIndex, () => {
		if (Object.keys(body).length === 0)
			throw new Error('Nothing to update: add at least one field under "Update Fields"');
	});
	const ids = {
		projectId: readProjectId(this, itemIndex),
		taskAssignmentId: readLocatorId(this, 'taskAssignmentId', 'Task Assignment ID', itemIndex),
	};
	return await harvestRequest(this, {
		method: 'PATCH',
		path: harvestPath(
			this.getNode(),
			'/v2/projects/{projectId}/task_assignments/{taskAssignmentId}',
			ids,
			itemIndex,
		),
		body,
		itemIndex,
	});
}
