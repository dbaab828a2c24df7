import { teammateChangeOperation } from './teammates';

export const { description, execute } = teammateChangeOperation(
	'remove',
	'People to unassign from the manager; the other teammates stay. Output: one item with managerId, teammate_ids, teammates, added and removed.',
);
