import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { resources } from './actions/operations';
import { listSearch, loadOptions } from './methods';
import { authenticationProperty, credentialsDescription, requestOptionsProperty } from './node.descriptions';

export class HarvestUsers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest Users',
		name: 'harvestUsers',
		icon: { light: 'file:harvest.svg', dark: 'file:harvest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Provision Harvest users: create, update, archive, upsert and reconcile users, and manage their rates, teammates, project and task assignments and roles',
		defaults: { name: 'Harvest Users' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.entries(resources).map(([value, { name }]) => ({ name, value })),
				default: 'user',
			},
			...Object.values(resources).flatMap(({ module }) => module.description),
			requestOptionsProperty,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
