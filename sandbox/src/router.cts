/**
 * A tiny router: path templates (`/v2/users/:userId`), first match wins (so `/users/me` is
 * registered before `/users/:userId`), and a permission rule per route. A method that does not
 * match a template is a routing miss, which Harvest answers with its HTML 404 page.
 */
import { notFound } from './errors.cjs';
import type { Body } from './model/input.cjs';
import type { User } from './model/records.cjs';
import type { ListQuery } from './paginate.cjs';
import type { Store } from './store.cjs';

export interface RouteContext {
	store: Store;
	/** The token holder. */
	actor: User;
	params: Record<string, string>;
	query: Record<string, string>;
	body: Body;
	/** For building list envelopes whose links point back at this request. */
	list: ListQuery;
	origin: string;
	accountId: string;
	/** A numeric path parameter; a non-numeric one is an unknown record (JSON 404). */
	id(name: string): number;
}

export interface RouteResult {
	status: number;
	body: unknown;
	/** Path of the created record (`/users/5`); answered as `Location: {origin}/api/v2/users/5`. */
	location?: string;
}

/** Who may call a route; false means 403 "Not authorized!". */
export type Allow = (actor: User, ctx: RouteContext) => boolean;

export interface Route {
	method: string;
	segments: string[];
	allow: Allow;
	handle: (ctx: RouteContext) => RouteResult;
}

export class Router {
	private readonly routes: Route[] = [];

	add(method: string, pattern: string, allow: Allow, handle: Route['handle']): void {
		this.routes.push({ method, segments: pattern.split('/').filter(Boolean), allow, handle });
	}

	get(pattern: string, allow: Allow, handle: Route['handle']): void {
		this.add('GET', pattern, allow, handle);
	}
	post(pattern: string, allow: Allow, handle: Route['handle']): void {
		this.add('POST', pattern, allow, handle);
	}
	patch(pattern: string, allow: Allow, handle: Route['handle']): void {
		this.add('PATCH', pattern, allow, handle);
	}
	delete(pattern: string, allow: Allow, handle: Route['handle']): void {
		this.add('DELETE', pattern, allow, handle);
	}

	match(
		method: string,
		path: string,
	): { route: Route; params: Record<string, string> } | undefined {
		const parts = path.split('/');
		if (parts[0] === '') parts.shift();
		if (parts[parts.length - 1] === '') parts.pop();
		// An empty segment (`/v2/projects//user_assignments`) is a malformed path, never a match.
		if (parts.some((p) => p === '')) return undefined;
		for (const route of this.routes) {
			if (route.method !== method || route.segments.length !== parts.length) continue;
			const params: Record<string, string> = {};
			const ok = route.segments.every((seg, i) => {
				if (seg.startsWith(':')) {
					params[seg.slice(1)] = decodeURIComponent(parts[i]);
					return true;
				}
				return seg === parts[i];
			});
			if (ok) return { route, params };
		}
		return undefined;
	}
}

export function numericParam(params: Record<string, string>, name: string): number {
	const raw = params[name];
	if (raw === undefined || !/^\d+$/.test(raw)) throw notFound();
	return Number(raw);
}

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
/** harvest-observed.md §2: 201 with the full object and a Location under /api/v2/ (not /v2/). */
export const created = (body: unknown, location: string): RouteResult => ({
	status: 201,
	body,
	location,
});
/** harvest-observed.md §2 (H8, H20): DELETE answers 200 with the deleted record, not an empty body. */
export const deleted = (body: unknown): RouteResult => ({ status: 200, body });
