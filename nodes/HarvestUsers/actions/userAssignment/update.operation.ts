import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { checkInput } from '../shared/checkInput';
import { projectLocator } from '../shared/common.descriptions';
import { readCollectionBody } from '../shared/fieldMap';
import { readLocatorId, readProjectId } from '../shared/parameters';
import {
	userAssignmentBody,
	userAssignmentFields,
	userAssignmentIdField,
} from './userAssignment.descriptions';
import { requireCustomRateUsable } from './customRate';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a user assignment',
	description: "Change a user's role, rate or budget on a project, or archive the assignment",
};

export const recordParameter = 'projectId';

const properties: INodeProperties[] = [
	projectLocator,
	userAssignmentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: userAssignmentFields,
	},
];

const displayOptions = { show: { resource: ['userAssignment'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = readCollectionBody(this, itemIndex, 'updateFields', userAssignmentBody);
	checkInput(this, itemIndex, () => {
		if (Object.keys(body).length === 0)
			throw new Error('Nothing to update: add at least one field under "Update Fields"');
		requireCustomRateUsable(body, false);
	});
	const ids = {
		projectId: readProjectId(this, itemIndex),
		userAssignmentId: readLocatorId(this, 'userAssignmentId', 'User Assignment ID', itemIndex),
	};
	return await harvestRequest(this, {
		method: 'PATCH',
		path: harvestPath(
			this.getNode(),
			'/v2/projects/{projectId}/user_assignments/{userAssignmentId}',
			ids,
			itemIndex,
		),
		body,
		itemIndex,
	});
}
