import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestList } from '../transport';
import { normaliseEmail } from './email';

/**
 * Harvest has no lookup by email, so finding a user by email means reading all users. They are
 * read once per execution (keyed by n8n's context object, which lives for exactly one run),
 * however many items look users up.
 */
const userIndexes = new WeakMap<object, Promise<Map<string, IDataObject[]>>>();

async function usersByEmail(ctx: IExecuteFunctions, itemIndex: number): Promise<Map<string, IDataObject[]>> {
	let index = userIndexes.get(ctx);
	if (!index) {
		index = harvestList(ctx, { path: '/v2/users', key: 'users', itemIndex }).then(indexByEmail);
		userIndexes.set(ctx, index);
		index.catch(() => userIndexes.delete(ctx));
	}
	return await index;
}

/** Users by normalised email; old accounts may hold duplicates. */
export function indexByEmail(users: IDataObject[]): Map<string, IDataObject[]> {
	const index = new Map<string, IDataObject[]>();
	for (const user of users) {
		const key = normaliseEmail(user.email);
		index.set(key, [...(index.get(key) ?? []), user]);
	}
	return index;
}

export { normaliseEmail } from './email';

/** Finds the users with this email (matched by the email rule of email.ts). */
export async function findUsersByEmail(ctx: IExecuteFunctions, email: string, itemIndex: number): Promise<IDataObject[]> {
	return (await usersByEmail(ctx, itemIndex)).get(normaliseEmail(email)) ?? [];
}
