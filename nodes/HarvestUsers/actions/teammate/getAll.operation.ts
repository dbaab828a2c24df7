import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { returnAllOrLimit } from '../shared/common.descriptions';
import { readLimit, readUserId } from '../shared/parameters';
import { listTeammates, managerLocator } from './teammates';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many teammates of a manager',
	description: 'List the people assigned to a manager',
};

export const recordParameter = null;

const properties: INodeProperties[] = [managerLocator, ...returnAllOrLimit];

const displayOptions = { show: { resource: ['teammate'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const managerId = await readUserId(this, itemIndex);
	const path = harvestPath(
		this.getNode(),
		'/v2/users/{userId}/teammates',
		{ userId: managerId },
		itemIndex,
	);
	return await listTeammates(this, { managerId, path, itemIndex }, readLimit(this, itemIndex));
}
