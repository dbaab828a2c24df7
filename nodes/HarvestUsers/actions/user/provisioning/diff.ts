import type { IDataObject } from 'n8n-workflow';

import type { Changes } from '../../../display/changes';
import { sameUserValue } from '../fields/userValues';

export type { Changes };

/** The fields of `wanted` that differ from the Harvest user `current` (see `comparableUserValue`). */
export function diffUser(current: IDataObject, wanted: IDataObject): Changes {
	const changes: Changes = {};
	for (const [field, value] of Object.entries(wanted)) {
		if (!sameUserValue(field, current[field], value))
			changes[field] = { previous: current[field] ?? null, current: value };
	}
	return changes;
}

/** Every field a create sends, as changes from nothing. */
export function creationChanges(body: IDataObject): Changes {
	return Object.fromEntries(
		Object.entries(body).map(([field, value]) => [field, { previous: null, current: value }]),
	);
}

/** The PATCH body that makes the changes. */
export function changedValues(changes: Changes): IDataObject {
	return Object.fromEntries(
		Object.entries(changes).map(([field, { current }]) => [field, current]),
	) as IDataObject;
}
