import { assignmentOperations } from '../shared/assignments';
import { USER_ASSIGNMENT } from './userAssignment.kind';

export const { description, execute } = assignmentOperations.delete(USER_ASSIGNMENT, {
	archivedMeans: 'the user stays on the project but can no longer track time to it',
	whenBlocked:
		'Turn on Options → "Archive Instead If Not Deletable", or use Update with Active off, to stop the user tracking time on this project.',
});
