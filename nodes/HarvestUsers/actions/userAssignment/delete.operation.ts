import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { deleteOptions, projectLocator } from '../shared/common.descriptions';
import { deleteOrArchive } from '../shared/deleteOrArchive';
import { readLocatorId, readProjectId } from '../shared/parameters';
import { userAssignmentIdField } from './userAssignment.descriptions';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Delete',
	value: 'delete',
	action: 'Remove a user from a project',
	description: 'Delete a user assignment without time entries (or archive it instead)',
};

export const recordParameter = 'projectId';

const properties: INodeProperties[] = [
	projectLocator,
	userAssignmentIdField,
	{
		...deleteOptions,
		hint: 'An archived assignment keeps the user on the project, but they can no longer track time to it',
	},
];

const displayOptions = { show: { resource: ['userAssignment'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ids = {
		projectId: readProjectId(this, itemIndex),
		userAssignmentId: readLocatorId(this, 'userAssignmentId', 'User Assignment ID', itemIndex),
	};
	const path = harvestPath(
		this.getNode(),
		'/v2/projects/{projectId}/user_assignments/{userAssignmentId}',
		ids,
		itemIndex,
	);
	const archive = this.getNodeParameter(
		'options.archiveIfNotDeletable',
		itemIndex,
		false,
	) as boolean;
	return await deleteOrArchive(this, itemIndex, {
		id: ids.userAssignmentId,
		deletePath: path,
		noun: 'user assignment',
		// Archiving is Harvest's is_active: false on the same record.
		archive: archive ? { path, body: { is_active: false } } : undefined,
		whenBlocked:
			'Turn on Options → "Archive Instead If Not Deletable", or use Update with Active off, to stop the user tracking time on this project.',
	});
}
