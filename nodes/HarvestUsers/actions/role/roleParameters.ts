import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { positiveId } from '../../transport';

export function readRoleId(ctx: IExecuteFunctions, itemIndex: number): number {
	return positiveId(ctx.getNode(), ctx.getNodeParameter('roleId', itemIndex), 'Role ID', itemIndex);
}

export function readRoleName(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const name = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!name) {
		throw new NodeOperationError(ctx.getNode(), 'The role name is empty', {
			itemIndex,
			description: 'Enter a name such as "Designer".',
		});
	}
	return name;
}
