import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { changeTeam, managerLocator, teammatesField } from './teammates';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Set',
	value: 'set',
	action: 'Replace the teammates of a manager',
	description: 'Replace the whole list of people assigned to a manager',
};

export const recordParameter = 'userId';

const properties: INodeProperties[] = [
	managerLocator,
	{
		...teammatesField,
		description:
			'The complete new team: anyone not picked is unassigned, and none unassigns everyone. Output: one item with managerId, teammate_ids, teammates, added and removed. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['teammate'], operation: ['set'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** GET the current teammates, then PATCH the whole list replaced by these people. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await changeTeam(this, itemIndex, 'set');
}
