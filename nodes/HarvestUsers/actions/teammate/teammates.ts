import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { userResult } from '../../helpers/labels';
import { harvestList, harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { changeMembership, readIdList, userIdsField, type MembershipChange } from '../shared/membership';
import { readUserId } from '../shared/parameters';
import { itemOperation } from '../shared/itemOperation';
import type { ItemOperation } from '../types';

/**
 * A manager's teammates. Harvest only lists them and replaces the whole list; only a Manager can
 * have teammates, and for anyone else both calls answer 422.
 */

export const managerLocator = (): INodeProperties =>
	userLocator({ displayName: 'Manager', description: 'The user whose teammates these are; their access role must be Manager' });

function teammatesPath(ctx: IExecuteFunctions, managerId: number, itemIndex: number): string {
	return harvestPath(ctx.getNode(), '/v2/users/{userId}/teammates', { userId: managerId }, itemIndex);
}

/** Harvest's 422 names no one; say who is not a manager and what to do about it. */
async function asManager<T>(ctx: IExecuteFunctions, managerId: number, itemIndex: number, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const failed = error as Error & { httpCode?: string | null };
		if (failed.httpCode !== '422' || !/manager/i.test(failed.message)) throw failed;
		const who = await harvestRequest(ctx, {
			method: 'GET',
			path: harvestPath(ctx.getNode(), '/v2/users/{userId}', { userId: managerId }, itemIndex),
			itemIndex,
		}).then(
			(user) => userResult(user).name,
			() => `User ${managerId}`,
		);
		throw new NodeOperationError(ctx.getNode(), `${who} is not a manager, so they cannot have teammates`, {
			itemIndex,
			description: `Give them the Manager access role first (User → Update → Access Role), then run this item again. Harvest said: ${failed.message}`,
		});
	}
}

export async function listTeammates(
	ctx: IExecuteFunctions,
	managerId: number,
	itemIndex: number,
	limit?: number,
): Promise<IDataObject[]> {
	return await asManager(ctx, managerId, itemIndex, async () =>
		harvestList(ctx, { path: teammatesPath(ctx, managerId, itemIndex), key: 'teammates', limit, itemIndex }),
	);
}

/**
 * Set, Add and Remove: reads the current teammates, sends the whole new list (only when it
 * differs), and reports the team as it is afterwards in one item, so that an emptied team still
 * gives an item to pair and act on.
 */
export function teammateChangeOperation(operation: MembershipChange, fieldDescription: string): ItemOperation {
	const properties: INodeProperties[] = [
		managerLocator(),
		userIdsField({ displayName: 'Teammates', name: 'teammateIds', required: operation !== 'set', description: fieldDescription }),
	];
	return itemOperation('teammate', operation, properties, async function (this: IExecuteFunctions, itemIndex: number) {
		const managerId = await readUserId(this, itemIndex);
		const given = readIdList(this, 'teammateIds', 'Teammate ID', itemIndex, operation === 'set' ? undefined : 'Teammates');
		const current = await listTeammates(this, managerId, itemIndex);
		const change = changeMembership(
			current.map((t) => t.id as number),
			given,
			operation,
		);
		let teammates = current;
		if (change.changed) {
			const response = await asManager(this, managerId, itemIndex, async () =>
				harvestRequest<{ teammates?: IDataObject[] }>(this, {
					method: 'PATCH',
					path: teammatesPath(this, managerId, itemIndex),
					body: { teammate_ids: change.ids },
					itemIndex,
				}),
			);
			teammates = response.teammates ?? [];
		}
		return {
			managerId,
			teammate_ids: teammates.map((t) => t.id as number),
			teammates,
			added: change.added,
			removed: change.removed,
		};
	});
}
