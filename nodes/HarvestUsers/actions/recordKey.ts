import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Which parameter names the record an item operation writes, so that items in flight together
 * never write one record at the same time: items whose record is the same run one after another,
 * in input order, exactly as a loop over the items would (last write wins; a read-modify-write
 * such as "add a teammate" never loses another item's change; a second upsert of one email sees
 * the user the first one created). `null`: the operation only reads, so its items are independent.
 *
 * An operation missing here runs its items strictly one after another (the safe default); the
 * unit tests require every operation to be listed.
 */
export const RECORD_PARAMETER: Record<string, Record<string, string | null>> = {
	billableRate: { create: 'userId', get: null, getAll: null },
	costRate: { create: 'userId', get: null, getAll: null },
	projectAssignment: { getAll: null },
	role: { addUsers: 'roleId', create: 'name', delete: 'roleId', get: null, getAll: null, removeUsers: 'roleId', update: 'roleId' },
	taskAssignment: { create: 'projectId', delete: 'projectId', get: null, getAll: null, update: 'projectId' },
	teammate: { add: 'userId', getAll: null, remove: 'userId', set: 'userId' },
	user: {
		archive: 'userId',
		create: 'email',
		delete: 'userId',
		get: null,
		getAll: null,
		me: null,
		restore: 'userId',
		update: 'userId',
		upsert: 'email',
	},
	userAssignment: { create: 'projectId', delete: 'projectId', get: null, getAll: null, update: 'projectId' },
};

const UNLISTED = '*';

/** The item's record key, or undefined when the item only reads. Throws when the parameter cannot be read. */
export function recordKey(ctx: IExecuteFunctions, resource: string, operation: string, itemIndex: number): string | undefined {
	const parameter = RECORD_PARAMETER[resource]?.[operation];
	if (parameter === undefined) return UNLISTED;
	if (parameter === null) return undefined;
	return `${parameter}:${normaliseRecordValue(ctx.getNodeParameter(parameter, itemIndex))}`;
}

/**
 * A locator by list or ID is the same record whatever the mode; emails and names are compared as
 * Harvest compares them (case and surrounding spaces ignored). A user picked by ID in one item and
 * by email in another is not recognised as the same record.
 */
export function normaliseRecordValue(value: unknown): string {
	if (value && typeof value === 'object' && '__rl' in value) {
		const locator = value as { mode?: string; value?: unknown };
		return `${locator.mode === 'email' ? 'email' : 'id'}:${normaliseRecordValue(locator.value)}`;
	}
	return String(value ?? '')
		.trim()
		.toLowerCase();
}
