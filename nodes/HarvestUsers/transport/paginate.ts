import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { harvestRequestFull } from './request';
import { settings } from './settings';
import type { HarvestContext, HarvestResponse } from './types';

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
	total_pages?: unknown;
	[key: string]: unknown;
}

/**
 * Yields Harvest list pages, following `links.next` verbatim until it is null. Harvest's cursor
 * pages carry `next_page: null` mid-stream, so a loop on `next_page` silently stops after the
 * first page; the cursor URL is the only reliable way on. Pages are yielded as they arrive, so a
 * caller that stops early (Limit) sends no further request.
 */
export async function* harvestPages(
	ctx: HarvestContext,
	request: PageRequest,
): AsyncGenerator<IDataObject[]> {
	const perPage = Math.min(request.limit ?? settings.pageSize, settings.pageSize);
	let remaining = request.limit ?? Infinity;
	if (remaining <= 0) return;
	let path: string | null = request.path;
	let qs: IDataObject | undefined = { ...request.qs, per_page: perPage };
	const guard = new ListingGuard(ctx, request);
	guard.visit(pageKey(path, qs));
	while (path && remaining > 0) {
		const response: HarvestResponse<Envelope> = await harvestRequestFull<Envelope>(ctx, {
			method: 'GET',
			path,
			qs,
			itemIndex: request.itemIndex,
		});
		request.onResponse?.(response);
		const page = response.body;
		guard.countPage(page.total_pages);
		// The transport has checked that the array is there (shape.ts).
		const records = page[request.key] as IDataObject[];
		const taken = records.length > remaining ? records.slice(0, remaining) : records;
		remaining -= taken.length;
		if (taken.length) yield taken;
		path = page.links?.next ?? null;
		qs = undefined; // the next link already carries the filters, per_page and cursor
		if (path && remaining > 0) guard.visit(pageKey(path));
	}
}

/** A page's identity: path and sorted query, whatever the host or parameter order. */
function pageKey(path: string, qs?: IDataObject): string {
	const url = new URL(path, 'http://harvest.invalid');
	for (const [key, value] of Object.entries(qs ?? {}))
		if (value !== undefined) url.searchParams.set(key, String(value));
	url.searchParams.sort();
	return `${url.pathname}?${url.searchParams.toString()}`;
}

/**
 * Stops listings that lie: a next link back to a page already read would loop for ever, and
 * a listing far past its own total_pages is not Harvest's. Either is an error rather than a
 * partial roster (reconcile and the trigger would plan on it). Pages may grow while they are
 * read, so the bound allows well over what was announced.
 */
class ListingGuard {
	private readonly seen = new Set<string>();

	private pages = 0;

	private announced = 0;

	constructor(
		private readonly ctx: HarvestContext,
		private readonly request: PageRequest,
	) {}

	visit(key: string): void {
		if (this.seen.has(key)) {
			this.fail(
				`Harvest's next link for ${this.request.path} points back to a page it already sent`,
			);
		}
		this.seen.add(key);
	}

	countPage(totalPages: unknown): void {
		this.pages++;
		if (typeof totalPages === 'number' && Number.isFinite(totalPages))
			this.announced = Math.max(this.announced, totalPages);
		if (this.announced > 0 && this.pages > this.announced * 2 + 5) {
			this.fail(
				`Harvest kept sending pages of ${this.request.path} past the ${this.announced} page${this.announced === 1 ? '' : 's'} it announced (total_pages); stopped after ${this.pages}`,
			);
		}
	}

	private fail(message: string): never {
		throw new NodeOperationError(this.ctx.getNode(), message, {
			itemIndex: this.request.itemIndex,
			description:
				'Nothing of this listing was used, since it may be incomplete. Something other than Harvest may be answering (check the Base URL in the credential and any proxy); try again later.',
		});
	}
}

/** All records of a list (or the first `limit`), for callers that need them together. */
export async function harvestList(
	ctx: HarvestContext,
	request: PageRequest,
): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for await (const page of harvestPages(ctx, request)) all.push(...page);
	return all;
}
