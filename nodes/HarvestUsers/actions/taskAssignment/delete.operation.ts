import { assignmentOperations } from '../shared/assignments';
import { TASK_ASSIGNMENT } from './taskAssignment.kind';

export const { description, execute } = assignmentOperations.delete(TASK_ASSIGNMENT, {
	whenBlocked:
		'To stop time being tracked to this task on the project, use Update with Active off (archive the task assignment) instead.',
});
