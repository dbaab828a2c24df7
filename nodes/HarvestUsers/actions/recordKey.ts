import type { IExecuteFunctions } from 'n8n-workflow';

import { operations } from './operations';
import type { ResourceOperations } from './shared/types';

/**
 * Which parameter names the record an item operation writes, so that items in flight together
 * never write one record at the same time: items whose record is the same run one after another,
 * in input order, exactly as a loop over the items would (last write wins; a read-modify-write
 * such as "add a teammate" never loses another item's change; a second upsert of one email sees
 * the user the first one created). `null`: the operation only reads, so its items are independent.
 *
 * Each item operation declares its own (`recordParameter`, shared/types.ts): one cannot be left out.
 */
export const RECORD_PARAMETER: Record<string, Record<string, string | null>> = Object.fromEntries(
	Object.entries(operations as Record<string, ResourceOperations>).map(([resource, modules]) => [
		resource,
		Object.fromEntries(
			Object.entries(modules).flatMap(([operation, module]) =>
				'recordParameter' in module ? [[operation, module.recordParameter]] : [],
			),
		),
	]),
);

/** An operation the router does not know (it refuses one before any item runs): one key for all. */
const UNLISTED = '*';

/** The item's record key, or undefined when the item only reads. Throws when the parameter cannot be read. */
export function recordKey(
	ctx: IExecuteFunctions,
	resource: string,
	operation: string,
	itemIndex: number,
): string | undefined {
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
