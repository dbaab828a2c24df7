import type { IDataObject } from 'n8n-workflow';

/**
 * What Simplify keeps of a Harvest user: who they are, whether they can sign in, what they may do
 * and how much they work, plus `updated_at` to tell versions apart. Ten fields, as n8n's guideline
 * allows; rates, telephone, avatar and timezone stay in the full object (Simplify off).
 */
export const SIMPLE_USER_FIELDS = [
	'id',
	'first_name',
	'last_name',
	'email',
	'is_active',
	'is_contractor',
	'access_roles',
	'roles',
	'weekly_capacity',
	'updated_at',
] as const;

/** The simplified user; `keep` names extra keys to carry over (the trigger's `event`, `changes`). */
export function simplifyUser(user: IDataObject, keep: readonly string[] = []): IDataObject {
	const simple: IDataObject = {};
	for (const key of [...SIMPLE_USER_FIELDS, ...keep]) {
		if (key in user) simple[key] = user[key];
	}
	return simple;
}
