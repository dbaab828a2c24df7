import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { authenticationProperty, requestOptionsProperty } from './node.descriptions';
import {
	eventsProperty,
	previousValuesProperty,
	simplifyProperties,
	watchFieldsProperty,
} from './trigger/description';
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
		credentials: [
			// Literal here (not shared): n8n's lint and verification scanner look for `testedBy` in each
			// node file. n8n's "Test connection" runs methods.credentialTest.harvestConnectionTest
			// because the credential declares no `test` of its own.
			{
				name: 'harvestUsersApi',
				required: true,
				testedBy: 'harvestConnectionTest',
				displayOptions: { show: { authentication: ['accessToken'] } },
			},
			{
				name: 'harvestUsersOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			authenticationProperty,
			eventsProperty,
			watchFieldsProperty,
			previousValuesProperty,
			...simplifyProperties,
			requestOptionsProperty,
		],
	};

	// n8n asks any node that lists the credential with `testedBy` for the test, so both carry it.
	methods = { credentialTest: { harvestConnectionTest: testHarvestConnection } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollUsers(this);
	}
}
