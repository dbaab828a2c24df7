import type { INodeProperties } from 'n8n-workflow';

import { PACKAGE_USER_AGENT } from './packageMetadata.generated';

export const HARVEST_DEFAULT_BASE_URL = 'https://api.harvestapp.com';

/**
 * Harvest requires a User-Agent naming the app and a contact; requests without one get 400. It is
 * built from package.json (name, version, author email, homepage) so whoever publishes sets it there.
 */
export const USER_AGENT = PACKAGE_USER_AGENT;

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
