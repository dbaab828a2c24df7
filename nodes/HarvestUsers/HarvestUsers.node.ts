import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { agentGuardProperties } from './rules/agentGuard';
import { router } from './actions/router';
import { resourceDescriptions, resourceProperty } from './actions/operations';
import { listSearch, loadOptions } from './methods';
import { testHarvestConnection } from './transport/connectionTest';
import { authenticationProperty, nodeRequestOptionsProperty } from './node.descriptions';

export class HarvestUsers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest Users',
		name: 'harvestUsers',
		icon: { light: 'file:harvest.svg', dark: 'file:harvest.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify is on by default (version 1 nodes keep Harvest's full object).
		// 1.2: Output (Simplified | Raw | Selected fields) on every user operation, writes included;
		// Update sends only what differs (helpers/userOutput.ts, actions/user/update.operation.ts).
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Provision Harvest users: create, update, archive, upsert and reconcile users, and manage their rates, teammates, project and task assignments and roles',
		defaults: { name: 'Harvest Users' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
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
			resourceProperty,
			...resourceDescriptions,
			...agentGuardProperties,
			nodeRequestOptionsProperty,
		],
	};

	methods = {
		listSearch,
		loadOptions,
		credentialTest: { harvestConnectionTest: testHarvestConnection },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
