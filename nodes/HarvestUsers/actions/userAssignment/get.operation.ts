import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { projectLocator } from '../shared/common.descriptions';
import { readLocatorId, readProjectId } from '../shared/parameters';
import { userAssignmentIdField } from './userAssignment.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a user assignment',
	description: 'Retrieve one user assignment of a project',
};

export const recordParameter = null;

const properties: INodeProperties[] = [projectLocator, userAssignmentIdField];

const displayOptions = { show: { resource: ['userAssignment'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ids = {
		projectId: readProjectId(this, itemIndex),
		userAssignmentId: readLocatorId(this, 'userAssignmentId', 'User Assignment ID', itemIndex),
	};
	return await harvestRequest(this, {
		method: 'GET',
		path: harvestPath(
			this.getNode(),
			'/v2/projects/{projectId}/user_assignments/{userAssignmentId}',
			ids,
			itemIndex,
		),
		itemIndex,
	});
}
