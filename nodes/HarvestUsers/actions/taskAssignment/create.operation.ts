import { positiveId } from '../../transport';
import { assignmentOperations } from '../shared/assignments';
import { TASK_ASSIGNMENT } from './taskAssignment.kind';

export const { description, execute } = assignmentOperations.create(TASK_ASSIGNMENT, {
	properties: [
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
	],
	read: async (ctx, itemIndex) => ({
		task_id: positiveId(ctx.getNode(), ctx.getNodeParameter('taskId', itemIndex), 'Task ID', itemIndex),
	}),
});
