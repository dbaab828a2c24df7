import type { IAuthenticateGeneric, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { accountIdProperty, baseUrlProperty, USER_AGENT } from './harvestCredentialShared';

export class HarvestUsersApi implements ICredentialType {
	name = 'harvestUsersApi';

	displayName = 'Harvest Users (Personal Access Token) API';

	icon: Icon = {
		light: 'file:../nodes/HarvestUsers/harvest.svg',
		dark: 'file:../nodes/HarvestUsers/harvest.dark.svg',
	};

	documentationUrl =
		'https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Personal Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'Use a token of a Harvest Administrator: only Administrators may create, archive and change users. Other roles get 403 "Not authorized!".',
			description:
				'Create one at https://id.getharvest.com/developers ("Create new personal access token"). Tokens act with the permissions of the person who created them: use an Administrator for user provisioning.',
		},
		accountIdProperty(
			'Shown under the token on https://id.getharvest.com/developers ("Account ID" of the Harvest account, not a Forecast one)',
		),
		baseUrlProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Harvest-Account-Id': '={{$credentials.accountId}}',
				'User-Agent': USER_AGENT,
			},
		},
	};

	// No declarative `test`: n8n would prefer it over the nodes' `testedBy` (transport/connectionTest.ts),
	// which names the token's role and says what a wrong Account ID or Base URL is.
}
