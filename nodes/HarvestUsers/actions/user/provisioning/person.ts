import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The fields that describe one person, shared by Create or Update (one person per item, typed or
 * mapped) and Reconcile (every item is a person, so the fields default to expressions that read
 * the item's own columns).
 */
export function personIdentityFields(defaults: { email: string; firstName: string; lastName: string }): INodeProperties[] {
	const mapped = defaults.email.startsWith('=');
	const keptWhenEmpty = mapped
		? 'Used to create the user; when empty for a person, their current value in Harvest is kept.'
		: "Needed when the user is created; left empty, an existing user's value is kept.";
	const fields: INodeProperties[] = [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. jane.doe@example.com',
			required: true,
			default: '',
			description: mapped
				? "Each person's email: how they are matched to Harvest users (case and surrounding spaces ignored). Map your HR system's email column here."
				: 'How the user is found (case and surrounding spaces ignored); a new user gets their invitation at this address',
		},
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			description: keptWhenEmpty,
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			description: keptWhenEmpty,
		},
	];
	return fields.map((field) => ({ ...field, default: defaults[field.name as keyof typeof defaults] }));
}

const restoreArchivedOption: INodeProperties = {
	displayName: 'Restore Archived Users',
	name: 'restoreArchived',
	type: 'boolean',
	default: false,
	description:
		'Whether to reactivate a user who is archived in Harvest when the input lists them, and bring their fields up to date. Off, archived users are left as they are and reported with a note.',
};

/** "Options" of both operations. */
export const provisioningOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [restoreArchivedOption],
};

/** The person's fields as the node's parameters give them for this item (expressions resolved per item). */
export function readPersonFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		email: ctx.getNodeParameter('email', itemIndex, ''),
		firstName: ctx.getNodeParameter('firstName', itemIndex, ''),
		lastName: ctx.getNodeParameter('lastName', itemIndex, ''),
		...(ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
}
