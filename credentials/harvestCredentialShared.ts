import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import { PACKAGE_USER_AGENT } from './packageMetadata.generated';

export const HARVEST_DEFAULT_BASE_URL = 'https://api.harvestapp.com';

/**
 * Harvest requires a User-Agent naming the app and a contact; requests without one get 400. It is
 * built from package.json (name, version, author email, homepage) so whoever publishes sets it there.
 */
export const USER_AGENT = PACKAGE_USER_AGENT;

/**
 * n8n's credential test shows only the HTTP status text on failure. These rules put Harvest's own
 * answer (the documented 401/403 bodies) and what to do about it in front of the person instead.
 */
export const credentialTestRules: ICredentialTestRequest['rules'] = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Harvest answered 401 invalid_token: "The access token provided is expired, revoked, malformed or invalid for other reasons." Check the token, and that the Account ID is a Harvest account this token can reach (see https://id.getharvest.com/developers).',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message:
				'Harvest answered 403 "Not authorized!": this token\'s user lacks permission. Use a token of an Administrator.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message:
				'Harvest answered 404: the Base URL does not point at Harvest API v2. Leave it as https://api.harvestapp.com.',
		},
	},
];

/** Both credentials carry the account: Harvest answers 401 to any request without it. */
export const accountIdProperty = (hint: string): INodeProperties => ({
	displayName: 'Account ID',
	name: 'accountId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 123456',
	hint,
	description:
		'Harvest answers 401 to every request without the account the token should act on, even when the token is valid',
});

export const baseUrlProperty: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: HARVEST_DEFAULT_BASE_URL,
	description:
		'Leave as is for Harvest. Change it only to go through a proxy or to use a test server such as the bundled Harvest sandbox.',
};
