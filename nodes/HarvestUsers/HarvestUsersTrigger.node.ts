import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { authenticationProperty, credentialsDescription, requestOptionsProperty } from './node.descriptions';
import { eventsProperty, simplifyProperties, watchFieldsProperty } from './trigger/description';
import { pollUsers } from './trigger/poll';
import { testHarvestConnection } from './transport/connectionTest';

export class HarvestUsersTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest Users Trigger',
		name: 'harvestUsersTrigger',
		icon: { light: 'file:harvest.svg', dark: 'file:harvest.dark.svg' },
		group: ['trigger'],
		// 1.1: Simplify is on by default (version 1 triggers keep emitting Harvest's full object).
		version: [1, 1.1],
		defaultVersion: 1.1,
		// n8n's add-node panel merges this trigger into the Harvest Users entry and shows this text
		// there, so it describes both nodes.
		description:
			'Provision Harvest users (create, update, archive, reconcile with your HR roster; rates, teammates, assignments, roles) and start a workflow when users change',
		subtitle: '={{$parameter["events"].join(", ")}}',
		defaults: { name: 'Harvest Users Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [authenticationProperty, eventsProperty, watchFieldsProperty, ...simplifyProperties, requestOptionsProperty],
	};

	// n8n asks any node that lists the credential with `testedBy` for the test, so both carry it.
	methods = { credentialTest: { harvestConnectionTest: testHarvestConnection } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollUsers(this);
	}
}
