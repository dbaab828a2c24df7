import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { harvestList } from '../transport';
import { byName, userResult } from '../display/labels';

/** Dropdowns about people: users and role names. */

async function roles(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	return await harvestList(ctx, { path: '/v2/roles', key: 'roles' });
}

/** Active users as "First Last <email>", valued by their numeric ID. */
export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await harvestList(this, {
		path: '/v2/users',
		key: 'users',
		qs: { is_active: true },
	});
	return users.map(userResult).sort(byName);
}

/** Roles valued by name: a user's `roles` are the role names themselves. */
export async function getRoleNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await roles(this))
		.map((r) => ({ name: String(r.name), value: String(r.name) }))
		.sort(byName);
}
