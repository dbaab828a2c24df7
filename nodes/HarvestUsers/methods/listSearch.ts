import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../transport';
import { archivedSuffix, projectResult, userResult } from '../display/labels';
import { chosen } from './choices';

interface Page {
	links?: { next?: string | null };
	[key: string]: unknown;
}

type ToResult = (record: IDataObject) => { name: string; value: number; url?: string };

/**
 * Searchable lists for resource locators. Harvest has no server-side search, so each call reads
 * one page (up to 2000 records, one request) and filters it; n8n asks again with the returned
 * token for the next page.
 */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	list: { path: string; key: string; qs?: IDataObject },
	paginationToken: string | undefined,
	toResult: ToResult,
	filter: string | undefined,
): Promise<INodeListSearchResult> {
	const page = await harvestRequest<Page>(
		ctx,
		paginationToken
			? { method: 'GET', path: paginationToken }
			: { method: 'GET', path: list.path, qs: { ...list.qs, per_page: 2000 } },
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = ((page[list.key] as IDataObject[] | undefined) ?? [])
		.map(toResult)
		.filter((r) => !needle || r.name.toLowerCase().includes(needle));
	return { results, paginationToken: page.links?.next ?? undefined };
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		{ path: '/v2/users', key: 'users' },
		paginationToken,
		userResult,
		filter,
	);
}

/** Projects link to their page in Harvest: the account's address comes from GET /v2/company. */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let baseUri: string | undefined;
	try {
		baseUri =
			String((await harvestRequest(this, { method: 'GET', path: '/v2/company' })).base_uri ?? '') ||
			undefined;
	} catch {
		// Without the account's address the list still works; it just has no links.
	}
	const list = { path: '/v2/projects', key: 'projects', qs: { is_active: true } };
	return await searchPage(this, list, paginationToken, (p) => projectResult(p, baseUri), filter);
}

/** Roles are business labels ("Designer"); administrator-only in Harvest. */
export async function searchRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toResult: ToResult = (r) => ({ name: String(r.name), value: r.id as number });
	return await searchPage(
		this,
		{ path: '/v2/roles', key: 'roles' },
		paginationToken,
		toResult,
		filter,
	);
}

export async function searchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toResult: ToResult = (t) => ({ name: String(t.name), value: t.id as number });
	return await searchPage(
		this,
		{ path: '/v2/tasks', key: 'tasks', qs: { is_active: true } },
		paginationToken,
		toResult,
		filter,
	);
}

/**
 * Assignments of the project chosen above them. Until that is set the list is empty rather than
 * an error, since n8n asks as soon as the field shows.
 */
async function searchAssignments(
	ctx: ILoadOptionsFunctions,
	segment: 'user_assignments' | 'task_assignments',
	label: (record: IDataObject) => string,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const project = chosen(ctx, 'projectId');
	if (!project) return { results: [] };
	const path = harvestPath(ctx.getNode(), `/v2/projects/{projectId}/${segment}`, {
		projectId: project.value,
	});
	const toResult: ToResult = (a) => ({
		name: `${label(a)}${archivedSuffix(a)}`,
		value: a.id as number,
	});
	return await searchPage(ctx, { path, key: segment }, paginationToken, toResult, filter);
}

/** "First Last" of each user on the chosen project. */
export async function searchUserAssignments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (a: IDataObject) =>
		String((a.user as IDataObject | null)?.name ?? `User assignment ${a.id}`);
	return await searchAssignments(this, 'user_assignments', label, filter, paginationToken);
}

/** The task name of each task on the chosen project. */
export async function searchTaskAssignments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (a: IDataObject) =>
		String((a.task as IDataObject | null)?.name ?? `Task assignment ${a.id}`);
	return await searchAssignments(this, 'task_assignments', label, filter, paginationToken);
}
