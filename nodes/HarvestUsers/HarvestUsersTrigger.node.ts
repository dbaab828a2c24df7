import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { authenticationProperty, credentialsDescription, requestOptionsProperty } from './node.descriptions';
import { eventsProperty, watchFieldsProperty } from './trigger/description';
import { pollUsers } from './trigger/poll';

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
		properties: [authenticationProperty, eventsProperty, watchFieldsProperty, requestOptionsProperty],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollUsers(this);
	}
}
