import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { changeMembership, readIdList } from '../shared/membership';
import { readUserId } from '../shared/parameters';
import { managerLocator, replaceTeammates, teammatesField } from './teammates';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Add',
	value: 'add',
	action: 'Add teammates to a manager',
	description: 'Assign more people to a manager, keeping the current teammates',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [
	managerLocator,
	{
		...teammatesField,
		required: true,
		description:
			'People to assign to the manager; current teammates stay. Output: one item with managerId, teammate_ids, teammates, added and removed. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['teammate'], operation: ['add'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const managerId = await readUserId(this, itemIndex);
	// GET the current teammates, then PATCH the whole list with these people added.
	const given = readIdList(this, 'teammateIds', 'Teammate ID', itemIndex, { noun: 'teammates', field: 'Teammate Names or IDs' });
	const path = harvestPath(this.getNode(), '/v2/users/{userId}/teammates', { userId: managerId }, itemIndex);
	return await replaceTeammates(this, { managerId, path, itemIndex }, (current) => changeMembership(current, given, 'add'));
}
