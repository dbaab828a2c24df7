import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { readLocatorId } from '../shared/parameters';

/** The role locator, or the bare ID a workflow saved before it was a locator holds. */
export function readRoleId(ctx: IExecuteFunctions, itemIndex: number): number {
	return readLocatorId(ctx, 'roleId', 'Role ID', itemIndex);
}

export function readRoleName(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	// NFC: a name typed or exported in NFD would otherwise be a different role name in Harvest
	const name =
		typeof value === 'string' || typeof value === 'number'
			? String(value).normalize('NFC').trim()
			: '';
	if (!name) {
		throw new NodeOperationError(ctx.getNode(), 'The role name is empty', {
			itemIndex,
			description: 'Enter a name such as "Designer".',
		});
	}
	return name;
}
