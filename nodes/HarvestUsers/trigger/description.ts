import type { INodeProperties } from 'n8n-workflow';

import { FIELD_LABELS, WATCHABLE_FIELDS } from './fields';

export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	options: [
		{ name: 'Archived', value: 'archived', description: 'A user was archived (deactivated)' },
		{ name: 'Created', value: 'created', description: 'A user was added to the account' },
		{
			name: 'Deleted',
			value: 'deleted',
			description:
				'A user was deleted for good (Harvest answers 404 for them). Costs a full user list on every poll.',
		},
		{ name: 'Reactivated', value: 'reactivated', description: 'An archived user was restored' },
		{
			name: 'Updated',
			value: 'updated',
			description: 'One of the watched fields of a user changed',
		},
	],
	default: ['created', 'updated', 'archived', 'reactivated'],
	hint: 'Each poll costs one request while fewer than 2,000 users changed. With Deleted selected, each poll lists every user instead: one request per 2,000 users (5 for 10,000), plus one per user gone from the list, to confirm the deletion.',
	description: 'Which user changes start the workflow',
};

export const watchFieldsProperty: INodeProperties = {
	displayName: 'Watch Fields',
	name: 'watchFields',
	type: 'multiOptions',
	options: WATCHABLE_FIELDS.map((value) => ({ name: FIELD_LABELS[value], value })).sort((a, b) =>
		a.name.localeCompare(b.name),
	),
	default: [],
	description:
		'Emit Updated only when one of these fields changes; leave empty to watch all of them. Changing this list makes the trigger start over: its next poll records the current users and emits nothing.',
};

/**
 * Keep (the default, and what triggers saved before this option did) reports `previous` values;
 * None keeps digests instead, for large accounts (about 24 bytes a user instead of up to 150).
 */
export const previousValuesProperty: INodeProperties = {
	displayName: 'Previous Values',
	name: 'previousValues',
	type: 'options',
	options: [
		{
			name: 'Keep',
			value: 'keep',
			description:
				"Each change says what a watched field was before and what it is now. The trigger remembers every user's watched values.",
		},
		{
			name: "Don't Keep (Smallest Memory)",
			value: 'none',
			description:
				'Each change names the watched fields that changed and their new values, without the old ones. For large accounts: about 24 bytes a user.',
		},
	],
	default: 'keep',
	description:
		"Whether the trigger remembers the watched values to report what they were before a change. Changing this from Don't Keep to Keep makes the trigger start over.",
};

/** n8n's Simplify: on by default from version 1.1, off for triggers saved with version 1. */
const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const simplifyProperties: INodeProperties[] = [
	{ ...simplifyProperty, default: false, displayOptions: { show: { '@version': [1] } } },
	{ ...simplifyProperty, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
];
