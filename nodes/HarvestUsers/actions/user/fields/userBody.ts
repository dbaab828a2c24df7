import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../../transport';
import { userLocator } from '../../shared/common.descriptions';
import { readUserId } from '../../shared/parameters';
import { checkInput, itemOperation } from '../../shared/itemOperation';
import type { ItemOperation } from '../../types';
import {
	buildAccessRoles,
	capacityHoursToSeconds,
	MANAGER_PERMISSIONS,
	parseRoles,
	requireEmail,
} from './userValues';
import { requireAmount } from '../../../helpers/values';

/**
 * The user fields a person fills in on Create, Update and Create or Update, and their
 * translation into Harvest's body. Rates belong to creation only: Harvest removed
 * `default_hourly_rate` and `cost_rate` from the documented PATCH (late 2024), so an update must
 * go through the rate endpoints instead.
 */

const PERMISSION_NAMES: Record<(typeof MANAGER_PERMISSIONS)[number], [string, string]> = {
	project_creator: ['Create Projects', 'Create projects, and edit the projects they manage'],
	billable_rates_manager: ['See and Edit Billable Rates', 'See and edit billable rates of projects and people'],
	managed_projects_invoice_drafter: ['Draft Invoices', 'Create and edit draft invoices for managed projects'],
	managed_projects_invoice_manager: ['Manage Invoices', 'Create, edit and send invoices for managed projects'],
	client_and_task_manager: ['Manage Clients and Tasks', 'Create and edit clients and tasks'],
	time_and_expenses_manager: ['Manage Time and Expenses', 'Create and edit time and expenses of the people they manage'],
	estimates_manager: ['Manage Estimates', 'Create and edit estimates'],
};

const permissionOptions: INodePropertyOptions[] = MANAGER_PERMISSIONS.map((value) => ({
	name: PERMISSION_NAMES[value][0],
	value,
	description: PERMISSION_NAMES[value][1],
}));

const identityFields: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'Cannot be changed while the user is archived',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Cannot be changed while the user is archived',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Cannot be changed while the user is archived. Managers cannot change emails.',
	},
];

const profileFields: INodeProperties[] = [
	{
		displayName: 'Access Role',
		name: 'accessRole',
		type: 'options',
		options: [
			{ name: 'Administrator', value: 'administrator', description: 'Full access to everything in the account' },
			{ name: 'Manager', value: 'manager', description: 'Manages their teammates and projects, with the extra permissions below' },
			{ name: 'Member', value: 'member', description: 'Tracks their own time and expenses' },
		],
		default: 'member',
		description:
			"The user's base permission level in Harvest. Sent together with Manager Permissions: Harvest replaces the whole list of access roles.",
	},
	{
		displayName: 'Manager Permissions',
		name: 'managerPermissions',
		type: 'multiOptions',
		options: permissionOptions,
		default: [],
		description: 'Extra permissions; Harvest grants them only to users whose access role is Manager',
	},
	{
		displayName: 'Business Role Names or IDs',
		name: 'roles',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getRoleNames' },
		default: [],
		description:
			'Business roles (labels such as "Designer"; they grant no permissions). Replaces the user\'s current roles; an empty list removes them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Weekly Capacity (Hours)',
		name: 'weeklyCapacity',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 168, numberPrecision: 1 },
		default: 35,
		description: 'Hours a week the user is available, in half-hour steps (e.g. 37.5)',
	},
	{
		displayName: 'Timezone Name or ID',
		name: 'timezone',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimezones' },
		default: '',
		description:
			'Harvest timezone name (e.g. "Berlin", not "Europe/Berlin"). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Is Contractor',
		name: 'isContractor',
		type: 'boolean',
		default: false,
		description: 'Whether the user is a contractor rather than an employee',
	},
	{
		displayName: 'Has Access to All Future Projects',
		name: 'hasAccessToAllFutureProjects',
		type: 'boolean',
		default: false,
		description: 'Whether the user is added to every project created from now on',
	},
];

const creationOnlyFields: INodeProperties[] = [
	{
		displayName: 'Is Active',
		name: 'isActive',
		type: 'boolean',
		default: true,
		description: 'Whether the user starts active; off creates them archived',
	},
	{
		displayName: 'Default Hourly Rate',
		name: 'defaultHourlyRate',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: "The user's default billable rate per hour. Change it later with the Billable Rate resource.",
	},
	{
		displayName: 'Cost Rate',
		name: 'costRate',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: "The user's cost to the company per hour. Change it later with the Cost Rate resource.",
	},
];

const byName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** Options of "Additional Fields" on Create and Create or Update. */
export const createUserFieldOptions: INodeProperties[] = [...profileFields, ...creationOnlyFields].sort(byName);

/** "Additional Fields" of Create (and of Create or Update, with its own hint). */
export const additionalUserFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: createUserFieldOptions,
};

/** Options of "Update Fields" on Update. */
export const updateUserFieldOptions: INodeProperties[] = [...identityFields, ...profileFields].sort(byName);

/** Parameter name -> Harvest field (access roles are built from two parameters, below). */
const HARVEST_KEYS: Record<string, string> = {
	firstName: 'first_name',
	lastName: 'last_name',
	email: 'email',
	timezone: 'timezone',
	isContractor: 'is_contractor',
	hasAccessToAllFutureProjects: 'has_access_to_all_future_projects',
	isActive: 'is_active',
	defaultHourlyRate: 'default_hourly_rate',
	costRate: 'cost_rate',
	weeklyCapacity: 'weekly_capacity',
	roles: 'roles',
};

const LABELS: Record<string, string> = {
	firstName: 'First name',
	lastName: 'Last name',
	timezone: 'Timezone',
	isContractor: 'Is Contractor',
	hasAccessToAllFutureProjects: 'Has Access to All Future Projects',
	isActive: 'Is Active',
	defaultHourlyRate: 'Default hourly rate',
	costRate: 'Cost rate',
};

function requireText(value: unknown, label: string): string {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!text) throw new Error(`${label} cannot be empty`);
	return text;
}

function requireBoolean(value: unknown, label: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new Error(`${label} must be true or false, got ${JSON.stringify(value)}`);
}

function convert(key: string, value: unknown): string | number | boolean | string[] {
	switch (key) {
		case 'email':
			return requireEmail(value);
		case 'weeklyCapacity':
			return capacityHoursToSeconds(value);
		case 'roles':
			return parseRoles(value);
		case 'defaultHourlyRate':
		case 'costRate':
			return requireAmount(value, LABELS[key]);
		case 'isContractor':
		case 'hasAccessToAllFutureProjects':
		case 'isActive':
			return requireBoolean(value, LABELS[key]);
		default:
			return requireText(value, LABELS[key]);
	}
}

/**
 * Fields as n8n hands them over (only the ones the person added) -> Harvest's JSON body. Throws a
 * plain Error saying what to fix, before anything is sent.
 */
export function toUserBody(fields: IDataObject, mode: 'create' | 'update'): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		const harvestKey = HARVEST_KEYS[key];
		if (!harvestKey || value === undefined || value === null) continue;
		if (mode === 'update' && (key === 'defaultHourlyRate' || key === 'costRate')) {
			throw new Error(
				`${LABELS[key]} cannot be changed by updating the user; use the ${key === 'costRate' ? 'Cost Rate' : 'Billable Rate'} resource`,
			);
		}
		body[harvestKey] = convert(key, value);
	}
	const hasRole = fields.accessRole !== undefined && fields.accessRole !== '';
	const hasPermissions = fields.managerPermissions !== undefined;
	if (hasRole || hasPermissions) {
		if (!hasRole && mode === 'update') {
			throw new Error(
				'Manager Permissions need the Access Role too: Harvest replaces all access roles at once, so add Access Role "Manager" to the update',
			);
		}
		body.access_roles = buildAccessRoles(hasRole ? fields.accessRole : 'member', fields.managerPermissions ?? []);
	}
	return body;
}

/** toUserBody for an operation: its errors become item errors, before anything is sent. */
export function readUserBody(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	mode: 'create' | 'update',
	itemIndex: number,
): IDataObject {
	return checkInput(
		ctx,
		itemIndex,
		() => toUserBody(fields, mode),
		'Nothing was sent to Harvest. Fix the field and run the item again.',
	);
}

export async function patchUser(
	ctx: IExecuteFunctions,
	userId: number,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await harvestRequest(ctx, {
		method: 'PATCH',
		path: harvestPath(ctx.getNode(), '/v2/users/{userId}', { userId }, itemIndex),
		body,
		itemIndex,
	});
}

/** Archive and Restore: the same PATCH of `is_active`, which replaced v1's toggle. */
export function activeStateOperation(operation: 'archive' | 'restore', isActive: boolean): ItemOperation {
	return itemOperation('user', operation, [userLocator()], async function (this: IExecuteFunctions, itemIndex: number) {
		return await patchUser(this, await readUserId(this, itemIndex), { is_active: isActive }, itemIndex);
	});
}
