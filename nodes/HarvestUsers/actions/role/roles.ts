import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestPath, harvestRequest, positiveId } from '../../transport';
import { changeMembership, readIdList, userIdsField } from '../shared/membership';
import { itemOperation } from '../shared/itemOperation';
import type { ItemOperation } from '../types';

/**
 * Roles are business labels (the strings in `user.roles`), administrator-only. Harvest's
 * `user_ids` is the whole membership: a PATCH with it replaces everyone.
 */

export const roleIdField: INodeProperties = {
	displayName: 'Role Name or ID',
	name: 'roleId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRoles' },
	required: true,
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const roleOperation = (operation: string, properties: INodeProperties[]): INodeProperties[] =>
	updateDisplayOptions({ show: { resource: ['role'], operation: [operation] } }, properties);

export const roleNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Designer',
	description: 'The label shown on users, e.g. in their "roles" list',
};

export function readRoleId(ctx: IExecuteFunctions, itemIndex: number): number {
	return positiveId(ctx.getNode(), ctx.getNodeParameter('roleId', itemIndex), 'Role ID', itemIndex);
}

export function rolePath(ctx: IExecuteFunctions, itemIndex: number): string {
	return harvestPath(ctx.getNode(), '/v2/roles/{roleId}', { roleId: readRoleId(ctx, itemIndex) }, itemIndex);
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

export function readUserIds(ctx: IExecuteFunctions, itemIndex: number, name = 'userIds'): number[] {
	return readIdList(ctx, name, 'User ID', itemIndex);
}

export async function patchRole(
	ctx: IExecuteFunctions,
	path: string,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await harvestRequest(ctx, { method: 'PATCH', path, body, itemIndex });
}

/**
 * Add Users and Remove Users: read the role, send the whole new membership (only when it
 * differs) and return the role as Harvest answers, since Harvest drops IDs it does not accept.
 */
export function roleMembersOperation(operation: 'addUsers' | 'removeUsers', fieldDescription: string): ItemOperation {
	const properties = [roleIdField, userIdsField({ displayName: 'Users', name: 'userIds', required: true, description: fieldDescription })];
	return itemOperation('role', operation, properties, async function (this: IExecuteFunctions, itemIndex: number) {
		const path = rolePath(this, itemIndex);
		const given = readIdList(this, 'userIds', 'User ID', itemIndex, 'Users');
		const role = await harvestRequest(this, { method: 'GET', path, itemIndex });
		const change = changeMembership(
			(role.user_ids as number[] | undefined) ?? [],
			given,
			operation === 'addUsers' ? 'add' : 'remove',
		);
		if (!change.changed) return role;
		return await patchRole(this, path, { user_ids: change.ids }, itemIndex);
	});
}
