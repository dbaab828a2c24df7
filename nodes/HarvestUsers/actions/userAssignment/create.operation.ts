import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { projectLocator, userLocator } from '../shared/common.descriptions';
import { readCollectionBody } from '../shared/fieldMap';
import { readProjectId, readUserId } from '../shared/parameters';
import { checkInput } from '../shared/checkInput';
import { requireCustomRateUsable } from './customRate';
import { userAssignmentBody, userAssignmentFields } from './userAssignment.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Assign a user to a project',
	description: 'Assign a user to a project',
};

export const recordParameter = 'projectId';

const properties: INodeProperties[] = [
	projectLocator,
	{ ...userLocator, description: 'The Harvest user to assign to the project' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: userAssignmentFields,
	},
];

const displayOptions = { show: { resource: ['userAssignment'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const projectId = readProjectId(this, itemIndex);
	const path = harvestPath(
		this.getNode(),
		'/v2/projects/{projectId}/user_assignments',
		{ projectId },
		itemIndex,
	);
	const fields = readCollectionBody(this, itemIndex, 'additionalFields', userAssignmentBody);
	checkInput(this, itemIndex, () => requireCustomRateUsable(fields, true));
	const body = { user_id: await readUserId(this, itemIndex), ...fields };
	return await harvestRequest(this, {
		method: 'POST',
		path,
		body,
		itemIndex,
		checkHint:
			"Check the project's user assignments (Get Many, scope One Project) for this user before running this item again.",
	});
}
