import type { IDataObject } from 'n8n-workflow';

import { withoutBlanks } from '../../../rules/toolUse';
import { toStringList } from '../../../rules/values';
import { DERIVED_ACCESS_ROLES, parseAccessRoles } from '../fields/userValues';
import { changedValues, diffUser, type Changes } from './diff';

/**
 * Update Fields as given -> the fields to apply. In tool use a blank (`""`, `null`) means "not
 * given": a model must fill every field the person let it define, and sends blanks for the ones it
 * has nothing to say about. Outside tool use a field the person added is applied as before (an
 * empty text is an error, an empty Business Roles list removes all roles): saved workflows rely on it.
 *
 * Access Role also takes Harvest's whole list, as Get shows `access_roles`
 * ("manager, project_creator"), so a value copied from Get goes back unchanged.
 */
export function givenUpdateFields(fields: IDataObject, toolUse: boolean): IDataObject {
	const given = toolUse ? withoutBlanks(fields) : { ...fields };
	if (given.accessRole !== undefined && toStringList(given.accessRole).length > 1) {
		const [base, ...extras] = parseAccessRoles([
			...toStringList(given.accessRole),
			...toStringList(given.managerPermissions),
		]);
		given.accessRole = base;
		given.managerPermissions = extras;
	}
	return given;
}

/**
 * An Access Role given without Manager Permissions keeps a manager's current permissions when the
 * base role stays the same (Harvest would otherwise drop them, as it replaces the whole list).
 */
function keepPermissions(
	body: IDataObject,
	current: IDataObject,
	permissionsGiven: boolean,
): IDataObject {
	const wanted = body.access_roles as string[] | undefined;
	if (!wanted || permissionsGiven) return body;
	const currentRoles = toStringList(current.access_roles)
		.map((role) => role.toLowerCase())
		.filter((role) => !DERIVED_ACCESS_ROLES.includes(role));
	if (wanted[0] !== 'manager' || !currentRoles.includes('manager')) return body;
	return {
		...body,
		access_roles: ['manager', ...currentRoles.filter((role) => role !== 'manager')],
	};
}

export interface UpdatePlan {
	/** What differs from the user as Harvest has them: the PATCH body (empty: nothing to send). */
	body: IDataObject;
	changes: Changes;
}

/** The update body reduced to what differs from `current`, so an unchanged value is never sent. */
export function planUpdate(
	body: IDataObject,
	current: IDataObject,
	given: IDataObject,
): UpdatePlan {
	const permissionsGiven = given.managerPermissions !== undefined;
	const changes = diffUser(current, keepPermissions(body, current, permissionsGiven));
	return { body: changedValues(changes), changes };
}
