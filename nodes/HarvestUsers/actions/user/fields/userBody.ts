import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { typeName } from '../../../rules/email';
import { cleanText, requireAmount } from '../../../rules/values';
import { checkInput } from '../../shared/checkInput';
import { buildAccessRoles, capacityHoursToSeconds, parseRoles, requireEmail } from './userValues';

/**
 * The user fields of Create, Update, Create or Update and Reconcile (see user.descriptions.ts)
 * -> Harvest's JSON body, checked before anything is sent.
 */

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
	telephone: 'telephone',
};

const LABELS: Record<string, string> = {
	firstName: 'First Name',
	lastName: 'Last Name',
	timezone: 'Timezone',
	isContractor: 'Is Contractor',
	hasAccessToAllFutureProjects: 'Has Access to All Future Projects',
	isActive: 'Is Active',
	defaultHourlyRate: 'Default Hourly Rate',
	costRate: 'Cost Rate',
	telephone: 'Telephone',
	weeklyCapacity: 'Weekly Capacity (Hours)',
};

/** Number fields start empty (user.descriptions.ts): added but never filled is a mistake to report. */
const NUMBER_FIELDS = ['weeklyCapacity', 'defaultHourlyRate', 'costRate'];

function requireText(value: unknown, label: string): string {
	if (typeof value === 'object' && value !== null)
		throw new Error(`${label} must be text, got ${typeName(value)}`);
	const text =
		typeof value === 'string' || typeof value === 'number' ? cleanText(String(value)) : '';
	if (!text) throw new Error(`${label} cannot be empty`);
	return text;
}

/** Text that may be empty: an empty Telephone on Update clears it (Harvest holds "" when unset). */
function optionalText(value: unknown, label: string): string {
	if (typeof value === 'object' && value !== null)
		throw new Error(`${label} must be text, got ${typeName(value)}`);
	return typeof value === 'string' || typeof value === 'number' ? cleanText(String(value)) : '';
}

function requireBoolean(value: unknown, label: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new Error(`${label} must be true or false, got ${JSON.stringify(value)}`);
}

function convert(key: string, value: unknown): string | number | boolean | string[] {
	if (NUMBER_FIELDS.includes(key) && typeof value === 'string' && value.trim() === '') {
		throw new Error(
			`${LABELS[key]} was added but is empty: fill it in or map it from the input (e.g. {{ $json.hours }}), or remove the field`,
		);
	}
	switch (key) {
		case 'email':
			return requireEmail(value);
		case 'weeklyCapacity':
			return capacityHoursToSeconds(value);
		case 'roles':
			return parseRoles(value);
		case 'telephone':
			return optionalText(value, LABELS[key]);
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
		body.access_roles = buildAccessRoles(
			hasRole ? fields.accessRole : 'member',
			fields.managerPermissions ?? [],
		);
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
