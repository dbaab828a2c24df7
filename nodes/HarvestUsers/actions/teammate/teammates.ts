import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { userResult } from '../../display/labels';
import { harvestList, harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import {
	changeMembership,
	readIdList,
	type MembershipChange,
	type MembershipResult,
} from '../shared/membership';
import { readUserId } from '../shared/parameters';

/**
 * A manager's teammates. Harvest only lists them and replaces the whole list; only a Manager can
 * have teammates, and for anyone else both calls answer 422.
 */

export const managerLocator: INodeProperties = {
	...userLocator,
	displayName: 'Manager',
	description: 'The user whose teammates these are; their access role must be Manager',
};

/** The people of a team; each operation says what picking them does. */
export const teammatesField: INodeProperties = {
	displayName: 'Teammate Names or IDs',
	name: 'teammateIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: [],
	description:
		'Active users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The manager and `/v2/users/{userId}/teammates` of this item. */
interface Team {
	managerId: number;
	path: string;
	itemIndex: number;
}

/** Harvest's 422 names no one; say who is not a manager and what to do about it. */
async function asManager<T>(
	ctx: IExecuteFunctions,
	team: Team,
	call: () => Promise<T>,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const failed = error as Error & { httpCode?: string | null };
		if (failed.httpCode !== '422' || !/manager/i.test(failed.message)) throw failed;
		const { managerId, itemIndex } = team;
		const who = await harvestRequest(ctx, {
			method: 'GET',
			path: harvestPath(ctx.getNode(), '/v2/users/{userId}', { userId: managerId }, itemIndex),
			itemIndex,
		}).then(
			(user) => userResult(user).name,
			() => `User ${managerId}`,
		);
		throw new NodeOperationError(
			ctx.getNode(),
			`${who} is not a manager, so they cannot have teammates`,
			{
				itemIndex,
				description: `Give them the Manager access role first (User → Update → Access Role), then run this item again. Harvest said: ${failed.message}`,
			},
		);
	}
}

export async function listTeammates(
	ctx: IExecuteFunctions,
	team: Team,
	limit?: number,
): Promise<IDataObject[]> {
	return await asManager(ctx, team, async () =>
		harvestList(ctx, { path: team.path, key: 'teammates', limit, itemIndex: team.itemIndex }),
	);
}

/**
 * Set, Add and Remove: reads the current teammates, PATCHes the whole new list (only when it
 * differs), and reports the team as it is afterwards in one item, so that an emptied team still
 * gives an item to pair and act on.
 */
export async function replaceTeammates(
	ctx: IExecuteFunctions,
	team: Team,
	change: (current: number[]) => MembershipResult,
): Promise<IDataObject> {
	const current = await listTeammates(ctx, team);
	const result = change(current.map((t) => t.id as number));
	let teammates = current;
	if (result.changed) {
		const response = await asManager(ctx, team, async () =>
			harvestRequest<{ teammates?: IDataObject[] }>(ctx, {
				method: 'PATCH',
				path: team.path,
				body: { teammate_ids: result.ids },
				itemIndex: team.itemIndex,
			}),
		);
		teammates = response.teammates ?? [];
	}
	return {
		managerId: team.managerId,
		teammate_ids: teammates.map((t) => t.id as number),
		teammates,
		added: result.added,
		removed: result.removed,
	};
}

/**
 * Set, Add and Remove for this item: the manager, the people picked (Add and Remove need at least
 * one; an empty Set unassigns everyone) and the change to the team.
 */
export async function changeTeam(
	ctx: IExecuteFunctions,
	itemIndex: number,
	change: MembershipChange,
): Promise<IDataObject> {
	const managerId = await readUserId(ctx, itemIndex);
	const required =
		change === 'set' ? undefined : { noun: 'teammates', field: 'Teammate Names or IDs' };
	const given = readIdList(ctx, 'teammateIds', 'Teammate ID', itemIndex, required);
	const path = harvestPath(
		ctx.getNode(),
		'/v2/users/{userId}/teammates',
		{ userId: managerId },
		itemIndex,
	);
	return await replaceTeammates(ctx, { managerId, path, itemIndex }, (current) =>
		changeMembership(current, given, change),
	);
}
