import { roleMembersOperation } from './roles';

export const { description, execute } = roleMembersOperation(
	'addUsers',
	'People to give this role; its current members keep it. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
);
