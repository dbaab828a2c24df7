import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import { assignmentOperations } from '../shared/assignments';
import { USER_ASSIGNMENT } from './userAssignment.kind';

export const { description, execute } = assignmentOperations.create(USER_ASSIGNMENT, {
	properties: [userLocator({ description: 'The Harvest user to assign to the project' })],
	read: async (ctx, itemIndex) => ({ user_id: await readUserId(ctx, itemIndex) }),
});
