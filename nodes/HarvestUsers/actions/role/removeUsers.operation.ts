import { roleMembersOperation } from './roles';

export const { description, execute } = roleMembersOperation(
	'removeUsers',
	'People to take this role from; the other members keep it. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
);
