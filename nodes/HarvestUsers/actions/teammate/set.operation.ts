import { teammateChangeOperation } from './teammates';

export const { description, execute } = teammateChangeOperation(
	'set',
	'The complete new team: anyone not picked is unassigned, and none unassigns everyone. Output: one item with managerId, teammate_ids, teammates, added and removed.',
);
