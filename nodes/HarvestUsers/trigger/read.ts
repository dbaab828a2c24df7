import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { harvestPages, harvestPath, harvestRequest, type HarvestResponse } from '../transport';
import { serverTime } from './clock';

interface UserListing {
	users: IDataObject[];
	/** Harvest's Date when it answered the first page: the next cursor. */
	serverTime?: string;
	/** Requests it took. */
	pages: number;
}

/**
 * GET /v2/users with the given filters, every page. The first page's Date header is kept: the
 * cursor must be no later than the moment Harvest started answering, so a user changed while
 * later pages were read is re-read by the next poll.
 */
export async function readUsers(
	ctx: IPollFunctions,
	filters: IDataObject = {},
): Promise<UserListing> {
	const users: IDataObject[] = [];
	let time: string | undefined;
	let pages = 0;
	const onResponse = (response: HarvestResponse<unknown>) => {
		if (pages === 0) time = serverTime(response.headers.date);
		pages++;
	};
	for await (const page of harvestPages(ctx, {
		path: '/v2/users',
		key: 'users',
		qs: filters,
		onResponse,
	})) {
		users.push(...page);
	}
	return { users, serverTime: time, pages };
}

interface Confirmation {
	/** Users Harvest still returns: compared like listed users. */
	present: IDataObject[];
	/** Users Harvest no longer shows this token (403): forgotten quietly, never reported deleted. */
	hidden: number[];
}

/** The user as Harvest has it now; 'deleted' on 404, 'hidden' on 403. */
async function currentUser(
	ctx: IPollFunctions,
	userId: number,
): Promise<IDataObject | 'deleted' | 'hidden'> {
	let failure: unknown;
	try {
		return await harvestRequest(ctx, {
			method: 'GET',
			path: harvestPath(ctx.getNode(), '/v2/users/{userId}', { userId }),
		});
	} catch (error) {
		failure = error;
	}
	// Anything else is already a NodeApiError from the transport, with Harvest's message.
	const status = (failure as { httpCode?: string | null }).httpCode;
	if (status === '404') return 'deleted';
	if (status === '403') return 'hidden';
	throw failure;
}

/**
 * A Deleted event may start a deprovisioning elsewhere, so a user missing from the roster is
 * only taken as deleted once Harvest answers 404 for it. A Manager's token sees only their
 * teammates, so a user can also drop out of sight (403) without being deleted. Any other
 * failure fails the poll, which is then repeated whole.
 */
export async function confirmMissing(
	ctx: IPollFunctions,
	ids: readonly number[],
): Promise<Confirmation> {
	const result: Confirmation = { present: [], hidden: [] };
	for (const id of ids) {
		const user = await currentUser(ctx, id);
		if (user === 'hidden') result.hidden.push(id);
		else if (user !== 'deleted') result.present.push(user);
	}
	return result;
}
