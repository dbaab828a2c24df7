import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestList, type PageRequest } from '../../transport';
import { readLimit } from './parameters';
import { markPartial } from './partialList';

/** A Harvest list read with the item's Return All / Limit; a list the token sees only part of says so. */
export async function listRecords(
	ctx: IExecuteFunctions,
	itemIndex: number,
	list: Omit<PageRequest, 'limit' | 'itemIndex'>,
): Promise<IDataObject[]> {
	const records = await harvestList(ctx, { ...list, limit: readLimit(ctx, itemIndex), itemIndex });
	return await markPartial(ctx, list.path, records);
}
