import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyUser } from './simplifyUser';
import { nodeVersion } from '../rules/toolUse';
import { toStringList } from '../rules/values';

/**
 * Output of every user operation from version 1.2 on (n8n's UX guideline for AI-tool use:
 * Simplified | Raw | Selected fields). The simplified user holds exactly what Update can set, under
 * the names and units Update takes back (capacity in hours), so that a model copying Get's answer
 * into Update changes nothing it did not mean to. That is 12 fields, two more than the guideline's
 * 10 for Simplify: round-tripping every field Update sets (Telephone included) was judged worth more.
 */
export const TOOL_USER_FIELDS = [
	'id',
	'first_name',
	'last_name',
	'email',
	'is_active',
	'is_contractor',
	'has_access_to_all_future_projects',
	'timezone',
	'telephone',
	'access_roles',
	'roles',
	'weekly_capacity_hours',
] as const;

/** Harvest's user with the derived `weekly_capacity_hours` beside its seconds. */
function withHours(user: IDataObject): IDataObject {
	const seconds = user.weekly_capacity;
	return typeof seconds === 'number'
		? { ...user, weekly_capacity_hours: seconds / 3600 }
		: { ...user };
}

export function simplifiedUser(user: IDataObject): IDataObject {
	const full = withHours(user);
	const simple: IDataObject = {};
	for (const key of TOOL_USER_FIELDS) if (key in full) simple[key] = full[key];
	return simple;
}

/** Only the listed fields (Harvest's names, or weekly_capacity_hours), always with the id. */
export function selectedUserFields(user: IDataObject, fields: unknown): IDataObject {
	const full = withHours(user);
	const picked: IDataObject = { id: full.id };
	for (const name of toStringList(fields)) if (name in full) picked[name] = full[name];
	return picked;
}

export type UserOutput = 'simplified' | 'raw' | 'fields';

export function shapeUser(user: IDataObject, output: UserOutput, fields?: unknown): IDataObject {
	if (output === 'raw') return user;
	if (output === 'fields') return selectedUserFields(user, fields);
	return simplifiedUser(user);
}

const fromV12 = { '@version': [{ _cnd: { gte: 1.2 } }] };

/** The Output and Fields parameters; operations add their own resource/operation display options. */
export const userOutputFields: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'simplified',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description:
					'The fields Update can set, with weekly capacity in hours (weekly_capacity_hours), and the ID',
			},
			{
				name: 'Raw',
				value: 'raw',
				description: "Harvest's full user object (weekly_capacity in seconds)",
			},
			{
				name: 'Selected Fields',
				value: 'fields',
				description: 'Only the fields you name, always with the ID',
			},
		],
		displayOptions: { show: fromV12 },
	},
	{
		displayName: 'Fields',
		name: 'outputFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. email, is_active, weekly_capacity_hours',
		description:
			"Comma-separated names of Harvest's user fields to return; the ID is always included",
		displayOptions: { show: { ...fromV12, output: ['fields'] } },
	},
];

/**
 * How this node returns a user. Version 1.2: the Output parameter. Earlier versions keep what
 * their saved workflows were built on: reads follow Simplify (`simple`), writes return Harvest's
 * object (`readSimplify` false).
 */
export function userShaper(
	ctx: IExecuteFunctions,
	itemIndex: number,
	readSimplify: boolean,
): (user: IDataObject) => IDataObject {
	if (nodeVersion(ctx) < 1.2) {
		const simple = readSimplify && ctx.getNodeParameter('simple', itemIndex, false) === true;
		return (user) => (simple ? simplifyUser(user) : user);
	}
	const output = ctx.getNodeParameter('output', itemIndex, 'simplified') as UserOutput;
	const fields =
		output === 'fields' ? ctx.getNodeParameter('outputFields', itemIndex, '') : undefined;
	return (user) => shapeUser(user, output, fields);
}
