import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { projectLocator } from '../shared/common.descriptions';
import { readCollectionBody } from '../shared/fieldMap';
import { readLocatorId, readProjectId } from '../shared/parameters';
import { taskAssignmentBody, taskAssignmentFields } from './taskAssignment.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Assign a task to a project',
	description: 'Assign a task to a project',
};

export const recordParameter = 'projectId';

const properties: INodeProperties[] = [
	projectLocator,
	{
		displayName: 'Task',
		name: 'taskId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The task to add to the project (active tasks)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a task…',
				typeOptions: { searchListMethod: 'searchTasks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 8083365',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[1-9][0-9]*\\s*$',
							errorMessage: 'A Harvest task ID is a positive whole number',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: taskAssignmentFields,
	},
];

const displayOptions = { show: { resource: ['taskAssignment'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const projectId = readProjectId(this, itemIndex);
	const path = harvestPath(
		this.getNode(),
		'/v2/projects/{projectId}/task_assignments',
		{ projectId },
		itemIndex,
	);
	const body = {
		task_id: readLocatorId(this, 'taskId', 'Task ID', itemIndex),
		...readCollectionBody(this, itemIndex, 'additionalFields', taskAssignmentBody),
	};
	return await harvestRequest(this, {
		method: 'POST',
		path,
		body,
		itemIndex,
		checkHint:
			"Check the project's task assignments (Get Many, scope One Project) for this task before running this item again.",
	});
}
