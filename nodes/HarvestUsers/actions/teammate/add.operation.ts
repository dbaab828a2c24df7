import { teammateChangeOperation } from './teammates';

export const { description, execute } = teammateChangeOperation(
	'add',
	'People to assign to the manager; current teammates stay. Output: one item with managerId, teammate_ids, teammates, added and removed.',
);
