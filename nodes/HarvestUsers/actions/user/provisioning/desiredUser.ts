import type { IDataObject } from 'n8n-workflow';

import { normaliseEmail } from '../../../rules/email';
import { toUserBody } from '../fields/userBody';
import { toStringList } from '../../../rules/values';
import { parseAccessRoles, requireEmail } from '../fields/userValues';

/**
 * What one input item says a person should look like in Harvest, in Harvest's own field names.
 * Pure: the operations read the node's parameters and hand them over as plain values.
 */
export interface DesiredUser {
	/** As given, trimmed: what a create sends. */
	email: string;
	/** Lower-cased and trimmed: how people are matched (Harvest treats emails case-insensitively). */
	key: string;
	/** Fields compared with an existing user and sent when they differ. */
	profile: IDataObject;
	/** Sent only when the user is created: Harvest no longer takes rates on a user update. */
	createOnly: IDataObject;
}

/** Fields a create takes but an existing user is never compared on. */
const CREATE_ONLY_FIELDS = ['default_hourly_rate', 'cost_rate', 'is_active'];

/**
 * An empty value from an HR export (a blank cell, a missing column) means "not managed for this
 * person", never "clear it": a blank capacity must not become 0 hours.
 */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * The node's fields (`email`, `firstName`, `lastName` and the Additional Fields keys) -> the
 * desired user. Throws a plain Error that says what to fix.
 */
export function desiredUser(fields: IDataObject): DesiredUser {
	const given: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) if (!isBlank(value)) given[name] = value;
	const email = requireEmail(given.email);
	if (given.accessRole !== undefined && toStringList(given.accessRole).length > 1) {
		// HR systems tend to export access roles as one list ("manager, project_creator").
		const [base, ...extras] = parseAccessRoles([
			...toStringList(given.accessRole),
			...toStringList(given.managerPermissions),
		]);
		given.accessRole = base;
		given.managerPermissions = extras;
	}
	if (given.accessRole === undefined && toStringList(given.managerPermissions).length === 0) {
		// An empty permission list alone would otherwise read as "make them a member".
		delete given.managerPermissions;
	}
	const body = toUserBody(given, 'create');
	const profile: IDataObject = {};
	const createOnly: IDataObject = {};
	for (const [field, value] of Object.entries(body)) {
		if (field === 'email') continue;
		if (CREATE_ONLY_FIELDS.includes(field)) createOnly[field] = value;
		else profile[field] = value;
	}
	return { email, key: normaliseEmail(email), profile, createOnly };
}
