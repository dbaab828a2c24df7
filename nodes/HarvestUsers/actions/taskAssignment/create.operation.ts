import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest, positiveId } from '../../transport';
import { projectLocator } from '../shared/common.descriptions';
import { readCollectionBody } from '../shared/fieldMap';
import { readProjectId } from '../shared/parameters';
import { taskAssignmentBody, taskAssignmentFields } from './taskAssignment.descriptions';

const properties: INodeProperties[] = [
	projectLocator,
	{
		displayName: 'Task Name or ID',
		name: 'taskId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTasks' },
		required: true,
		default: '',
		description:
			'The task to add to the project (active tasks). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
	const path = harvestPath(this.getNode(), '/v2/projects/{projectId}/task_assignments', { projectId }, itemIndex);
	const body = {
		task_id: positiveId(this.getNode(), this.getNodeParameter('taskId', itemIndex), 'Task ID', itemIndex),
		...readCollectionBody(this, itemIndex, 'additionalFields', taskAssignmentBody),
	};
	return await harvestRequest(this, {
		method: 'POST',
		path,
		body,
		itemIndex,
		checkHint: "Check the project's task assignments (Get Many, scope One Project) for this task before running this item again.",
	});
}
