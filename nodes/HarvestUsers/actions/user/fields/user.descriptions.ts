import type { INodeProperties } from 'n8n-workflow';

import { timezoneOptions } from '../../../rules/timezones';
import { accessRoleField, managerPermissionsField } from './accessRole.descriptions';

/**
 * The user fields a person fills in on Create, Update, Create or Update and Reconcile. Rates
 * belong to creation only: Harvest removed `default_hourly_rate` and `cost_rate` from the
 * documented PATCH (late 2024), so an update must go through the rate endpoints instead.
 * Collections list their fields in display-name order, as n8n's own nodes do.
 */

const businessRolesField: INodeProperties = {
	displayName: 'Business Role Names or IDs',
	name: 'roles',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRoleNames' },
	default: [],
	description:
		'Business roles (labels such as "Designer"; they grant no permissions). Replaces the user\'s current roles; an empty list removes them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const weeklyCapacityField: INodeProperties = {
	displayName: 'Weekly Capacity (Hours)',
	name: 'weeklyCapacity',
	// Text, empty until filled or mapped: a preset number would silently go to everyone whose
	// roster lacks the column. Saved workflows keep their stored number (both are accepted).
	type: 'string',
	default: '',
	placeholder: 'e.g. 37.5, or map it: {{ $json.hours }}',
	description:
		'Hours a week the user is available, from 0 to 168 in half-hour steps (e.g. 37.5). Added but left empty, the item fails and says so.',
};

/** A fixed list (n8n's guideline: static options, no request); an expression may still give any other Harvest name. */
const timezoneField: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'options',
	options: timezoneOptions(),
	default: 'UTC',
	description:
		'Harvest\'s timezone name (e.g. "Berlin", not "Europe/Berlin"); the IANA name is shown under each',
};

const isContractorField: INodeProperties = {
	displayName: 'Is Contractor',
	name: 'isContractor',
	type: 'boolean',
	default: false,
	description: 'Whether the user is a contractor rather than an employee',
};

const hasAccessToAllFutureProjectsField: INodeProperties = {
	displayName: 'Has Access to All Future Projects',
	name: 'hasAccessToAllFutureProjects',
	type: 'boolean',
	default: false,
	description: 'Whether the user is added to every project created from now on',
};

const isActiveField: INodeProperties = {
	displayName: 'Is Active',
	name: 'isActive',
	type: 'boolean',
	default: true,
	description: 'Whether the user starts active; off creates them archived',
};

const defaultHourlyRateField: INodeProperties = {
	displayName: 'Default Hourly Rate',
	name: 'defaultHourlyRate',
	type: 'string',
	default: '',
	placeholder: 'e.g. 125, or map it from the input',
	description:
		"The user's default billable rate per hour. Change it later with the Billable Rate resource.",
};

const costRateField: INodeProperties = {
	displayName: 'Cost Rate',
	name: 'costRate',
	type: 'string',
	default: '',
	placeholder: 'e.g. 125, or map it from the input',
	description:
		"The user's cost to the company per hour. Change it later with the Cost Rate resource.",
};

/** harvest-observed-2.md §1.1: POST /v2/users takes and returns telephone, PATCH too (the API reference lists neither). */
const telephoneField: INodeProperties = {
	displayName: 'Telephone',
	name: 'telephone',
	type: 'string',
	placeholder: 'e.g. +1 555 0100',
	default: '',
	description: "The user's telephone number, as free text",
};

/** Options of "Fields to Sync" on Reconcile: what a create sets, except Is Active (the roster decides that). */
export const syncUserFieldOptions: INodeProperties[] = [
	accessRoleField,
	businessRolesField,
	costRateField,
	defaultHourlyRateField,
	hasAccessToAllFutureProjectsField,
	isContractorField,
	managerPermissionsField,
	telephoneField,
	timezoneField,
	weeklyCapacityField,
];

/** Options of "Additional Fields" on Create and Create or Update. */
export const createUserFieldOptions: INodeProperties[] = [
	accessRoleField,
	businessRolesField,
	costRateField,
	defaultHourlyRateField,
	hasAccessToAllFutureProjectsField,
	isActiveField,
	isContractorField,
	managerPermissionsField,
	telephoneField,
	timezoneField,
	weeklyCapacityField,
];

/** "Additional Fields" of Create; Create or Update and Reconcile add their own hint. */
export const additionalUserFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: createUserFieldOptions,
};

/** Options of "Update Fields" on Update. */
export const updateUserFieldOptions: INodeProperties[] = [
	accessRoleField,
	businessRolesField,
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		default: '',
		description: 'Cannot be changed while the user is archived. Managers cannot change emails.',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		placeholder: 'e.g. Nathan',
		default: '',
		description: 'Cannot be changed while the user is archived',
	},
	hasAccessToAllFutureProjectsField,
	isContractorField,
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		placeholder: 'e.g. Smith',
		default: '',
		description: 'Cannot be changed while the user is archived',
	},
	managerPermissionsField,
	telephoneField,
	timezoneField,
	weeklyCapacityField,
];

/** "Options" of Create or Update and Reconcile. */
export const provisioningOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Restore Archived Users',
			name: 'restoreArchived',
			type: 'boolean',
			default: false,
			description:
				'Whether to reactivate a user who is archived in Harvest when the input lists them, and bring their fields up to date. Off, archived users are left as they are and reported with a note.',
		},
	],
};
