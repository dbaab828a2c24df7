import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { changeMembership, readIdList } from '../shared/membership';
import { readRoleId } from './roleParameters';

/**
 * Add Users and Remove Users. Harvest only replaces a role's whole membership: read it, add or
 * drop the people, and send the list back only if it changed.
 */
export async function changeRoleMembers(
	ctx: IExecuteFunctions,
	itemIndex: number,
	change: 'add' | 'remove',
): Promise<IDataObject> {
	const path = harvestPath(
		ctx.getNode(),
		'/v2/roles/{roleId}',
		{ roleId: readRoleId(ctx, itemIndex) },
		itemIndex,
	);
	const given = readIdList(ctx, 'userIds', 'User ID', itemIndex, {
		noun: 'users',
		field: 'User Names or IDs',
	});
	const role = await harvestRequest(ctx, { method: 'GET', path, itemIndex });
	const result = changeMembership((role.user_ids as number[] | undefined) ?? [], given, change);
	if (!result.changed) return role;
	return await harvestRequest(ctx, {
		method: 'PATCH',
		path,
		body: { user_ids: result.ids },
		itemIndex,
	});
}
