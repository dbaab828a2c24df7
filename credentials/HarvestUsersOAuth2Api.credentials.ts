import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { accountIdProperty, baseUrlProperty } from './harvestCredentialShared';

/**
 * OAuth2 (authorization code) for Harvest. n8n signs requests with the token; the node's transport
 * adds `Harvest-Account-Id` and `User-Agent`, which OAuth2 credentials cannot template.
 */
export class HarvestUsersOAuth2Api implements ICredentialType {
	name = 'harvestUsersOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Harvest Users OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/HarvestUsers/harvest.svg',
		dark: 'file:../nodes/HarvestUsers/harvest.dark.svg',
	};

	documentationUrl =
		'https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/#oauth2-authorization-flow';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://id.getharvest.com/oauth2/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://id.getharvest.com/api/v2/oauth2/token',
		},
		{
			// Harvest grants access by the account the person picks when authorising; `all` is what
			// n8n's built-in Harvest credential sends and is known to be accepted.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'all',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		accountIdProperty(
			'The Harvest account to act on: shown on https://id.getharvest.com/developers, and in the "harvest:ID" scope Harvest returns after you connect',
		),
		baseUrlProperty,
	];
}
