import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Shared by the action node and the trigger: both accept either credential. */
export const credentialsDescription: INodeCredentialDescription[] = [
	{
		name: 'harvestUsersApi',
		required: true,
		displayOptions: { show: { authentication: ['accessToken'] } },
	},
	{
		name: 'harvestUsersOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'accessToken' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'accessToken',
};

export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description:
				'How many times to repeat a request Harvest throttled (429, after its Retry-After) or failed with a server or network error. Creates are never repeated after an unclear failure.',
		},
	],
};
