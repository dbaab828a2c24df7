import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { authenticationProperty, credentialsDescription } from './node.descriptions';

// STUB: the change detection lands with the trigger issue.
export class HarvestUsersTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest Users Trigger',
		name: 'harvestUsersTrigger',
		icon: { light: 'file:harvest.svg', dark: 'file:harvest.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when Harvest users are created, changed, archived, reactivated or deleted',
		subtitle: '={{$parameter["events"].join(", ")}}',
		defaults: { name: 'Harvest Users Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [authenticationProperty],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return null;
	}
}
