import { DateTime } from 'luxon';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { projectIdFromUrl } from '../../display/labels';
import { findUsersByEmail } from './usersByEmail';
import { requireId, requireWholeRoster, toId } from '../../transport';

/** Return All / Limit -> the transport's `limit` (undefined = everything). */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const raw = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
	// 0 or a negative would silently list nothing; a fraction reaches Harvest as per_page=2.5.
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Limit must be a positive whole number, got ${JSON.stringify(raw)}`,
			{
				itemIndex,
				description: 'Set Limit to 1 or more, or turn on Return All. Nothing was sent to Harvest.',
			},
		);
	}
	return limit;
}

/** A date-time picker value (or an ISO string from an expression) -> ISO 8601 UTC, as Harvest expects. */
function toHarvestDateTime(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	const parsed =
		value instanceof Date
			? DateTime.fromJSDate(value)
			: DateTime.isDateTime(value)
				? value
				: DateTime.fromISO(String(value), { setZone: true });
	if (!parsed.isValid) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} is not a date and time: ${JSON.stringify(value)}`,
			{
				itemIndex,
				description: 'Use the date picker, or an ISO 8601 value such as 2026-01-31T09:00:00Z.',
			},
		);
	}
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/** Copies set filters into a query string, converting date-times and "true"/"false" options. */
export function filtersToQuery(
	ctx: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		if (value === '' || value === undefined || value === null) continue;
		if (key === 'updated_since')
			qs[key] = toHarvestDateTime(ctx, value, 'Updated Since', itemIndex);
		else if (value === 'true' || value === 'false') qs[key] = value === 'true';
		else qs[key] = value;
	}
	return qs;
}

function locatorValue(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
): INodeParameterResourceLocator {
	const raw = ctx.getNodeParameter(name, itemIndex) as
		| INodeParameterResourceLocator
		| string
		| number;
	// Older workflows (saved before the field became a locator) and expressions may hand a bare ID.
	return typeof raw === 'object' && raw !== null
		? raw
		: { __rl: true, mode: 'id', value: String(raw) };
}

/** A record chosen from the list or typed as an ID (or given as a bare ID by an older workflow). */
export function readLocatorId(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	return requireId(ctx.getNode(), locatorValue(ctx, name, itemIndex).value, label, itemIndex);
}

/** A project chosen from the list, typed as an ID, or pasted as the address of its Harvest page. */
export function readProjectId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name = 'projectId',
): number {
	const locator = locatorValue(ctx, name, itemIndex);
	if (locator.mode !== 'url')
		return requireId(ctx.getNode(), locator.value, 'Project ID', itemIndex);
	const id = projectIdFromUrl(String(locator.value ?? ''));
	if (id === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Not the address of a Harvest project: ${JSON.stringify(locator.value)}`,
			{
				itemIndex,
				description:
					'Paste the address of the project page, e.g. https://example.harvestapp.com/projects/14308069, or pick the project from the list.',
			},
		);
	}
	return id;
}

/** Resolves the `userId` locator (list, ID or email) to a Harvest user ID. */
export async function readUserId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name = 'userId',
): Promise<number> {
	return (await readUserTarget(ctx, itemIndex, name)).id;
}

/** The user an item names, and their record when finding them already read it (by email). */
export interface UserTarget {
	id: number;
	user?: IDataObject;
}

const EMAIL_LIKE = /^[^@\s]+@[^@\s]+$/;

/**
 * Resolves the `userId` locator. An email typed into the ID mode, or an ID into the email mode, is
 * taken for what it is: a model filling the field cannot see which mode the person chose.
 */
export async function readUserTarget(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name = 'userId',
): Promise<UserTarget> {
	const locator = locatorValue(ctx, name, itemIndex);
	const text = String(locator.value ?? '').trim();
	if (!text) {
		throw new NodeOperationError(
			ctx.getNode(),
			"No user given: send the user's email (e.g. jane@example.com) or their numeric Harvest ID",
			{
				itemIndex,
				description: 'Pick the user from the list, or map their ID or email into "User".',
			},
		);
	}
	const byEmail = EMAIL_LIKE.test(text) || (locator.mode === 'email' && toId(text) === undefined);
	if (!byEmail) return { id: requireId(ctx.getNode(), locator.value, 'User ID', itemIndex) };
	await requireWholeRoster(ctx, {
		what: 'Finding a user by email',
		instead: 'pick the user from the list or by ID',
		itemIndex,
	});
	const matches = await findUsersByEmail(ctx, text, itemIndex);
	if (matches.length === 1) return { id: matches[0].id as number, user: matches[0] };
	throw new NodeOperationError(
		ctx.getNode(),
		matches.length === 0
			? `No Harvest user has the email ${text}: send the email of an existing user (User → Get Many lists them)`
			: `${matches.length} Harvest users have the email ${text}: send one of their IDs instead (${matches.map((u) => u.id).join(', ')})`,
		{
			itemIndex,
			description:
				matches.length === 0
					? 'Check the address, or use Create or Update to create the user when missing.'
					: 'Pick the user by ID instead, or merge the duplicate users in Harvest.',
		},
	);
}
