import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_PARALLEL_REQUESTS } from './concurrency/parallelRequests';

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

/** The action node's request options: the trigger's, plus how many items are in flight. */
export const nodeRequestOptionsProperty: INodeProperties = {
	...requestOptionsProperty,
	options: [
		...(requestOptionsProperty.options as INodeProperties[]),
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_PARALLEL_REQUESTS,
			description:
				"How many items are sent to Harvest at the same time (for Reconcile: how many changes). Harvest's limit of 100 requests per 15 seconds still holds; more in flight only saves waiting for each answer. Output stays in input order, and one record is never written by two items at once. 1 = one item after another.",
		},
	],
};
