import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { harvestRequest } from '../transport';
import { projectResult, userResult } from '../helpers/labels';

interface Page {
	links?: { next?: string | null };
	[key: string]: unknown;
}

/**
 * Searchable lists for resource locators. Harvest has no server-side search, so each call reads
 * one page (up to 2000 records, one request) and filters it; n8n asks again with the returned
 * token for the next page.
 */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	key: string,
	qs: IDataObject,
	paginationToken: string | undefined,
	toResult: (record: IDataObject) => { name: string; value: number; url?: string },
	filter: string | undefined,
): Promise<INodeListSearchResult> {
	const page = await harvestRequest<Page>(
		ctx,
		paginationToken ? { method: 'GET', path: paginationToken } : { method: 'GET', path, qs: { ...qs, per_page: 2000 } },
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = ((page[key] as IDataObject[] | undefined) ?? [])
		.map(toResult)
		.filter((r) => !needle || r.name.toLowerCase().includes(needle));
	return { results, paginationToken: page.links?.next ?? undefined };
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v2/users', 'users', {}, paginationToken, userResult, filter);
}

export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v2/projects', 'projects', { is_active: true }, paginationToken, projectResult, filter);
}
