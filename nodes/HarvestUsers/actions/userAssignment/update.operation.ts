import { assignmentOperations } from '../shared/assignments';
import { USER_ASSIGNMENT } from './userAssignment.kind';

export const { description, execute } = assignmentOperations.update(USER_ASSIGNMENT);
