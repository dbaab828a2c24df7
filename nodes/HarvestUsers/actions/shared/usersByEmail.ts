import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestList } from '../../transport';
import { indexByEmail, normaliseEmail } from '../../rules/email';

/**
 * Harvest has no lookup by email, so finding a user by email means reading all users. They are
 * read once per execution (keyed by n8n's context object, which lives for exactly one run),
 * however many items look users up.
 */
const userIndexes = new WeakMap<object, Promise<Map<string, IDataObject[]>>>();

/**
 * Items in flight wait for the same read. A failed read is forgotten: the item that sent it
 * reports it, and the items that were waiting read again for themselves, as they would have one
 * after another, so each item fails with its own error or not at all.
 */
async function usersByEmail(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<Map<string, IDataObject[]>> {
	for (;;) {
		const pending = userIndexes.get(ctx);
		if (!pending) {
			const index = harvestList(ctx, { path: '/v2/users', key: 'users', itemIndex }).then(
				indexByEmail,
			);
			userIndexes.set(ctx, index);
			index.catch(() => {
				if (userIndexes.get(ctx) === index) userIndexes.delete(ctx);
			});
			return await index;
		}
		try {
			return await pending;
		} catch {
			// Someone else's read failed; go round and read for this item.
		}
	}
}

/** Finds the users with this email (matched by the email rule of email.ts). */
export async function findUsersByEmail(
	ctx: IExecuteFunctions,
	email: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	return (await usersByEmail(ctx, itemIndex)).get(normaliseEmail(email)) ?? [];
}

/**
 * After a write, the roster this execution read holds the user as they were. Later items of the
 * same run that find them by email (and compare with them, as Update does) must see the new record.
 */
export async function refreshKnownUser(ctx: IExecuteFunctions, user: IDataObject): Promise<void> {
	const index = await userIndexes.get(ctx)?.catch(() => undefined);
	if (!index || user.id === undefined) return;
	for (const [key, users] of index) {
		const others = users.filter((known) => known.id !== user.id);
		if (others.length === users.length) continue;
		if (others.length) index.set(key, others);
		else index.delete(key);
	}
	const key = normaliseEmail(user.email);
	index.set(key, [...(index.get(key) ?? []), user]);
}
