import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath } from '../../transport';
import { projectLocator, returnAllOrLimit, updatedSinceFilter } from '../shared/common.descriptions';
import { listRecords } from '../shared/listRecords';
import { filtersToQuery, readProjectId } from '../shared/parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Projects', value: 'all', description: 'User Assignments of every project, newest first' },
			{ name: 'One Project', value: 'project', description: 'User Assignments of the chosen project' },
		],
	},
	{ ...projectLocator, displayOptions: { show: { scope: ['project'] } } },
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'is_active',
				type: 'options',
				default: 'true',
				options: [
					{ name: 'Active Only', value: 'true' },
					{ name: 'Archived Only', value: 'false' },
				],
				description: 'Whether to return active or archived user assignments',
			},
			updatedSinceFilter,
			{
				displayName: 'User Name or ID',
				name: 'user_id',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: '',
				description:
					'Only this user\'s assignments. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['userAssignment'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const perProject = this.getNodeParameter('scope', itemIndex) === 'project';
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listRecords(this, itemIndex, {
		path: perProject
			? harvestPath(this.getNode(), '/v2/projects/{projectId}/user_assignments', { projectId: readProjectId(this, itemIndex) }, itemIndex)
			: '/v2/user_assignments',
		key: 'user_assignments',
		qs: filtersToQuery(this, filters, itemIndex),
	});
}
