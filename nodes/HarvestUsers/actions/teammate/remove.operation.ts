import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { changeTeam, managerLocator, teammatesField } from './teammates';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Remove',
	value: 'remove',
	action: 'Remove teammates from a manager',
	description: 'Unassign people from a manager, keeping the others',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [
	managerLocator,
	{
		...teammatesField,
		required: true,
		description:
			'People to unassign from the manager; the other teammates stay. Output: one item with managerId, teammate_ids, teammates, added and removed. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['teammate'], operation: ['remove'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** GET the current teammates, then PATCH the whole list without these people. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await changeTeam(this, itemIndex, 'remove');
}
