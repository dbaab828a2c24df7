import { assignmentOperations } from '../shared/assignments';
import { TASK_ASSIGNMENT } from './taskAssignment.kind';

export const { description, execute } = assignmentOperations.get(TASK_ASSIGNMENT);
