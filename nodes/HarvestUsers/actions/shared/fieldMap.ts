import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireAmount } from '../../rules/values';
import { checkInput } from './checkInput';

/** One node field and the Harvest body field it fills. */
export interface FieldMapping {
	/** The node's parameter name inside the collection, e.g. `hourlyRate`. */
	name: string;
	/** Harvest's field, e.g. `hourly_rate`. */
	key: string;
	/** Shown in errors, e.g. "Hourly Rate". */
	label: string;
	/** A money amount: checked to be 0 or more before sending (expressions bypass the field's minimum). */
	amount?: boolean;
}

/**
 * The fields a person set in a collection -> a partial Harvest body (only what was set, so an
 * update never resets what it did not mention). Throws a plain `Error` saying what to fix.
 */
export function toHarvestBody(values: IDataObject, fields: readonly FieldMapping[]): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		const value = values[field.name];
		if (value === undefined || value === null || value === '') continue;
		body[field.key] = field.amount ? requireAmount(value, field.label) : value;
	}
	return body;
}

/** The fields set in the item's collection `collection` -> a partial Harvest body; a bad value is an item error. */
export function readCollectionBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	collection: string,
	fields: readonly FieldMapping[],
): IDataObject {
	const values = ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	return checkInput(ctx, itemIndex, () => toHarvestBody(values, fields));
}
