import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestList, type PageRequest } from '../../transport';
import { readLimit } from './parameters';

/** A Harvest list read with the item's Return All / Limit. */
export async function listRecords(
	ctx: IExecuteFunctions,
	itemIndex: number,
	list: Omit<PageRequest, 'limit' | 'itemIndex'>,
): Promise<IDataObject[]> {
	return await harvestList(ctx, { ...list, limit: readLimit(ctx, itemIndex), itemIndex });
}
