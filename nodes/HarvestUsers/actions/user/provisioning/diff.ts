import type { IDataObject } from 'n8n-workflow';

import { sameUserValue } from '../fields/userValues';

/** Harvest field -> its value before and after, as shown in the output for review. */
export type Changes = Record<string, { old: unknown; new: unknown }>;

/** The fields of `wanted` that differ from the Harvest user `current` (see `comparableUserValue`). */
export function diffUser(current: IDataObject, wanted: IDataObject): Changes {
	const changes: Changes = {};
	for (const [field, value] of Object.entries(wanted)) {
		if (!sameUserValue(field, current[field], value)) changes[field] = { old: current[field] ?? null, new: value };
	}
	return changes;
}

/** Every field a create sends, as changes from nothing. */
export function creationChanges(body: IDataObject): Changes {
	return Object.fromEntries(Object.entries(body).map(([field, value]) => [field, { old: null, new: value }]));
}

/** The PATCH body that makes the changes. */
export function changedValues(changes: Changes): IDataObject {
	return Object.fromEntries(Object.entries(changes).map(([field, { new: value }]) => [field, value])) as IDataObject;
}
