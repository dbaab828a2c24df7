/**
 * Harvest's list envelope (reference §1.5), in its two flavours.
 *
 * Cursor endpoints: `links.next` carries an opaque cursor ("after this record in this order"),
 * so inserts between two requests never shift or repeat records. `page`, `next_page` and
 * `previous_page` are null on every page but the first and the last, which is exactly what
 * makes a client that loops on `next_page` stop early. The deprecated `page` parameter still
 * works as an offset, with the same null rule.
 *
 * Page endpoints (`/users/me/project_assignments`, `/projects/{id}/…_assignments`): plain page
 * numbers everywhere.
 */
import { unprocessable } from './errors.cjs';

export const MAX_PER_PAGE = 2000;

/** Query keys that steer pagination or auth; every other key is a filter kept in the links. */
const CONTROL_KEYS = new Set(['page', 'cursor', 'per_page', 'ref', 'access_token', 'account_id']);

export interface ListQuery {
	/** Sandbox origin, e.g. http://127.0.0.1:43123 (links are absolute, like Harvest's). */
	origin: string;
	/** Path the links point to, e.g. /v2/users. */
	path: string;
	query: Record<string, string>;
}

export interface SortOrder<T> {
	/** What a cursor remembers about the last record of a page. */
	cursorOf(row: T): Record<string, string | number | null>;
	/** Whether `row` comes after the remembered record in this order. */
	isAfter(row: T, after: Record<string, unknown>): boolean;
}

/** Users, assignments, roles, projects, tasks: newest first. Ids grow with creation time. */
export const newestFirst: SortOrder<{ id: number }> = {
	cursorOf: (row) => ({ id: row.id }),
	isAfter: (row, after) => typeof after.id === 'number' && row.id < after.id,
};

/** Billable and cost rates: start_date ascending, a null start_date ("always") first. */
export const byStartDate: SortOrder<{ id: number; start_date: string | null }> = {
	cursorOf: (row) => ({ start_date: row.start_date, id: row.id }),
	isAfter: (row, after) => {
		const a = row.start_date ?? '';
		const b = typeof after.start_date === 'string' ? after.start_date : '';
		return a > b || (a === b && typeof after.id === 'number' && row.id > after.id);
	},
};

export function readPerPage(query: Record<string, string>): number {
	const raw = query.per_page;
	if (raw === undefined || raw === '') return MAX_PER_PAGE;
	if (!/^-?\d+$/.test(raw.trim()))
		throw unprocessable('per_page must be an integer between 1 and 2000');
	const n = Number(raw);
	if (n < 1 || n > MAX_PER_PAGE) throw unprocessable('per_page must be between 1 and 2000');
	return n;
}

function readPage(query: Record<string, string>): number {
	const raw = query.page;
	if (raw === undefined || raw === '') return 1;
	if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1)
		throw unprocessable('page must be a positive integer');
	return Number(raw);
}

export function encodeCursor(after: Record<string, unknown>): string {
	return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		const after = (parsed as { after?: unknown } | null)?.after;
		if (after && typeof after === 'object' && !Array.isArray(after))
			return after as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw unprocessable('Invalid cursor');
}

/**
 * harvest-observed.md §1.3: absolute, always with `page` (or `cursor`) and `per_page`, the
 * request's filters copied in, every parameter in alphabetical order, `ref=` last by the same rule.
 */
function link(list: ListQuery, controls: Array<[string, string | number]>): string {
	const pairs: Array<[string, string]> = Object.entries(list.query).filter(
		([k]) => !CONTROL_KEYS.has(k),
	);
	for (const [k, v] of controls) pairs.push([k, String(v)]);
	pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `${list.origin}${list.path}?${new URLSearchParams(pairs).toString()}`;
}

function envelope(
	key: string,
	items: unknown[],
	perPage: number,
	total: number,
	fields: { page: number | null; next_page: number | null; previous_page: number | null },
	links: Record<'first' | 'next' | 'previous' | 'last', string | null>,
): Record<string, unknown> {
	return {
		[key]: items,
		per_page: perPage,
		// harvest-observed.md §1.3 (H8, H19): an empty list still has one page.
		total_pages: Math.max(1, Math.ceil(total / perPage)),
		total_entries: total,
		next_page: fields.next_page,
		previous_page: fields.previous_page,
		page: fields.page,
		links,
	};
}

/** `rows` must already be filtered and sorted in `order`. */
export function cursorPage<T>(
	list: ListQuery,
	key: string,
	rows: readonly T[],
	order: SortOrder<NoInfer<T>>,
	render: (row: T) => unknown,
): Record<string, unknown> {
	const perPage = readPerPage(list.query);
	const totalPages = Math.ceil(rows.length / perPage);
	const lastPage = Math.max(totalPages, 1);
	let start: number;
	let requestedPage: number | null = null;
	if (list.query.cursor !== undefined) {
		// `cursor` wins over `page` when both are sent.
		const after = decodeCursor(list.query.cursor);
		start = firstIndexAfter(rows, order, after);
	} else {
		requestedPage = readPage(list.query);
		start = (requestedPage - 1) * perPage;
	}
	const slice = rows.slice(start, start + perPage);
	const hasMore = start + perPage < rows.length;
	const isFirst = requestedPage === 1;
	const isLast = !hasMore;
	const page = isFirst ? 1 : isLast ? (requestedPage ?? lastPage) : null;
	const lastRow = slice[slice.length - 1];
	return envelope(
		key,
		slice.map(render),
		perPage,
		rows.length,
		{
			page,
			next_page: isFirst && hasMore ? 2 : null,
			previous_page: isLast && !isFirst && page !== null ? page - 1 : null,
		},
		{
			first: link(list, [
				['page', 1],
				['per_page', perPage],
				['ref', 'first'],
			]),
			next:
				hasMore && lastRow !== undefined
					? link(list, [
							['cursor', encodeCursor(order.cursorOf(lastRow))],
							['per_page', perPage],
							['ref', 'next_cursor'],
						])
					: null,
			previous:
				isLast && !isFirst && page !== null
					? link(list, [
							['page', page - 1],
							['per_page', perPage],
							['ref', 'previous'],
						])
					: null,
			last: link(list, [
				['page', lastPage],
				['per_page', perPage],
				['ref', 'last'],
			]),
		},
	);
}

/** Plain page-number pagination. */
export function numberedPage<T>(
	list: ListQuery,
	key: string,
	rows: readonly T[],
	render: (row: T) => unknown,
): Record<string, unknown> {
	const perPage = readPerPage(list.query);
	const page = readPage(list.query);
	const totalPages = Math.ceil(rows.length / perPage);
	const start = (page - 1) * perPage;
	const next = page < totalPages ? page + 1 : null;
	const previous = page > 1 ? page - 1 : null;
	// `ref=` has been on every link since 2021 (harvest-observed.md §1.3, XB, H17).
	const at = (p: number, ref: string) =>
		link(list, [
			['page', p],
			['per_page', perPage],
			['ref', ref],
		]);
	return envelope(
		key,
		rows.slice(start, start + perPage).map(render),
		perPage,
		rows.length,
		{ page, next_page: next, previous_page: previous },
		{
			first: at(1, 'first'),
			next: next === null ? null : at(next, 'next'),
			previous: previous === null ? null : at(previous, 'previous'),
			last: at(Math.max(totalPages, 1), 'last'),
		},
	);
}

function firstIndexAfter<T>(
	rows: readonly T[],
	order: SortOrder<T>,
	after: Record<string, unknown>,
): number {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (order.isAfter(rows[mid], after)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}
