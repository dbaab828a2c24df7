import type { IDataObject } from 'n8n-workflow';

import { harvestRequestFull, type HarvestContext, type HarvestResponse } from './request';
import { settings } from './settings';

export interface PageRequest {
	/** `/v2/...` list path. */
	path: string;
	/** The envelope key holding the records, e.g. `users`. */
	key: string;
	qs?: IDataObject;
	/** Stop after this many records; undefined = all. */
	limit?: number;
	itemIndex?: number;
	/** Sees every page's response (e.g. the trigger reads Harvest's clock from the first Date header). */
	onResponse?: (response: HarvestResponse<unknown>) => void;
}

interface Envelope {
	links?: { next?: string | null };
	[key: string]: unknown;
}

/**
 * Yields Harvest list pages, following `links.next` verbatim until it is null. Harvest's cursor
 * pages carry `next_page: null` mid-stream, so a loop on `next_page` silently stops after the
 * first page; the cursor URL is the only reliable way on. Pages are yielded as they arrive, so a
 * caller that stops early (Limit) sends no further request.
 */
export async function* harvestPages(ctx: HarvestContext, request: PageRequest): AsyncGenerator<IDataObject[]> {
	const perPage = Math.min(request.limit ?? settings.pageSize, settings.pageSize);
	let remaining = request.limit ?? Infinity;
	if (remaining <= 0) return;
	let path: string | null = request.path;
	let qs: IDataObject | undefined = { ...request.qs, per_page: perPage };
	while (path && remaining > 0) {
		const response: HarvestResponse<Envelope> = await harvestRequestFull<Envelope>(ctx, {
			method: 'GET',
			path,
			qs,
			itemIndex: request.itemIndex,
		});
		request.onResponse?.(response);
		const page = response.body;
		const records = Array.isArray(page[request.key]) ? (page[request.key] as IDataObject[]) : [];
		const taken = records.length > remaining ? records.slice(0, remaining) : records;
		remaining -= taken.length;
		if (taken.length) yield taken;
		path = page.links?.next ?? null;
		qs = undefined; // the next link already carries the filters, per_page and cursor
	}
}

/** All records of a list (or the first `limit`), for callers that need them together. */
export async function harvestList(ctx: HarvestContext, request: PageRequest): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for await (const page of harvestPages(ctx, request)) all.push(...page);
	return all;
}
