/**
 * The admin API under /__sandbox/, for end-to-end tests that run n8n in another process and
 * cannot reach `sandbox.store`. No auth, no rate limit, not logged.
 *
 *   GET    /__sandbox/state          everything (users, roles, assignments, rates, invitations, teammates…)
 *   GET    /__sandbox/tokens         url, account id, the demo tokens and the OAuth client
 *   POST   /__sandbox/tokens/oauth   {"user": "admin" | "manager" | "member" | id} -> tokens as the token URL issues them
 *   POST   /__sandbox/tokens/expire  {"token": "…"}: the API answers 401 invalid_token for it from now on
 *   GET    /__sandbox/log            the request log;  DELETE clears it
 *   POST   /__sandbox/reset          {"seed": "demo" | "empty" | {"users": N}}
 *   POST   /__sandbox/faults         a Fault; `match.path` is an exact path, `match.pathRegex` a RegExp source.
 *                                    Also the hostile kinds: redirect {location}, body {status, body, contentType},
 *                                    echo {status}, rewrite {drop, set, nextToSelf, headers} (see types.ts)
 *   DELETE /__sandbox/faults         drop queued faults
 *   POST   /__sandbox/users          create a user directly (body like POST /v2/users; "invite": true to record an invitation)
 *   PATCH  /__sandbox/users/:id      change fields directly (also telephone, avatar_url, rates, "has_time_entries")
 *   DELETE /__sandbox/users/:id      delete, even with time entries
 *   POST   /__sandbox/users/touch-all move every user's updated_at to now, nothing else (harvest-observed-2.md §1.6)
 *   POST   /__sandbox/rate-limit     {"requests": 5, "windowMs": 500, "retryAfter"?: bool} or {"enabled": false}
 *   POST   /__sandbox/clock          {"offsetMs": 3600000}
 *   POST   /__sandbox/pagination     {"users": "cursor" | "numbered"}: how GET /v2/users pages, until the next reset
 *   POST   /__sandbox/latency        {"ms": 300, "jitterMs": 50}: the round trip of every API request ({"ms": 0} = none)
 *   POST   /__sandbox/behaviour      {"updatedSinceInclusive": false, "renameWhileRestoring": false, "archiveArchivesAssignments": false,
 *                                    "defaultRatesShowUserRate": false, "apiV2Alias": false} (unconfirmed behaviours, types.ts)
 */
import { notFound, unprocessable } from './errors.cjs';
import { emptyJsonReply, jsonReply, parseBody, Reply, toReply } from './http.cjs';
import { renderUser } from './routes/render.cjs';
import { toLatency, type SandboxServer } from './server.cjs';
import type { Fault, SeedSpec, TokenHolder } from './types.cjs';

export function handleAdmin(
	server: SandboxServer,
	method: string,
	url: URL,
	contentType: string | undefined,
	raw: string,
): Reply {
	try {
		const { body, error } = parseBody(contentType ?? 'application/json', raw);
		if (error) throw error;
		const path = url.pathname.replace(/\/+$/, '');
		const userId = path.match(/^\/__sandbox\/users\/(\d+)$/)?.[1];
		const { store } = server;
		switch (`${method} ${userId ? '/__sandbox/users/:id' : path}`) {
			case 'GET /__sandbox/state':
				return jsonReply(200, {
					...store.snapshot(),
					url: server.origin,
					account_id: server.accountId,
					tokens: server.tokens,
					faults: server.faults.pending.map((f) => ({
						...f,
						match: f.match && { ...f.match, path: f.match.path?.toString() },
					})),
					rate_limit: server.limiter.limit,
					clock_offset_ms: server.clock.offsetMs,
					latency: server.latency,
					behaviour: store.behaviour,
				});
			case 'GET /__sandbox/tokens':
				return jsonReply(200, {
					url: server.origin,
					account_id: server.accountId,
					tokens: server.tokens,
					oauth_client: server.oauth.client,
				});
			case 'POST /__sandbox/tokens/oauth': {
				const tokens = server.issueOAuthTokens(
					(body.user as TokenHolder | number | undefined) ?? 'admin',
				);
				if (!tokens) throw notFound();
				return jsonReply(201, tokens);
			}
			case 'POST /__sandbox/tokens/expire':
				if (!server.expireToken(String(body.token ?? ''))) throw notFound();
				return emptyJsonReply(200);
			case 'GET /__sandbox/log':
				return jsonReply(200, server.log);
			case 'DELETE /__sandbox/log':
				server.log.length = 0;
				return emptyJsonReply(200);
			case 'POST /__sandbox/reset':
				server.reset((body.seed as SeedSpec | undefined) ?? 'demo');
				return jsonReply(200, { tokens: server.tokens });
			case 'POST /__sandbox/faults':
				server.faults.add(faultFromJson(body));
				return jsonReply(201, { pending: server.faults.pending.length });
			case 'DELETE /__sandbox/faults':
				server.faults.clear();
				return emptyJsonReply(200);
			case 'POST /__sandbox/users':
				return jsonReply(
					201,
					renderUser(store.users.create(body, { invite: body.invite === true })),
				);
			case 'PATCH /__sandbox/users/:id': {
				const id = Number(userId);
				if (typeof body.has_time_entries === 'boolean')
					store.users.setHasTimeEntries(id, body.has_time_entries);
				return jsonReply(200, renderUser(store.users.update(id, body, { direct: true })));
			}
			case 'POST /__sandbox/users/touch-all':
				return jsonReply(200, { touched: store.users.touchAll(), updated_at: store.now() });
			case 'DELETE /__sandbox/users/:id':
				store.users.delete(Number(userId), { force: true });
				return emptyJsonReply(200);
			case 'POST /__sandbox/rate-limit':
				server.limiter.limit =
					body.enabled === false
						? false
						: { requests: Number(body.requests), windowMs: Number(body.windowMs) };
				if (body.retryAfter !== undefined) server.retryAfter = body.retryAfter !== false;
				return jsonReply(200, { rate_limit: server.limiter.limit, retry_after: server.retryAfter });
			case 'POST /__sandbox/clock':
				server.clock.offsetMs = Number(body.offsetMs ?? 0);
				return jsonReply(200, {
					clock_offset_ms: server.clock.offsetMs,
					now: server.clock.nowIso(),
				});
			case 'POST /__sandbox/pagination':
				if (body.users !== 'cursor' && body.users !== 'numbered')
					throw unprocessable('users must be "cursor" or "numbered"');
				store.usersPagination = body.users;
				return jsonReply(200, { users: store.usersPagination });
			case 'POST /__sandbox/latency':
				server.latency = toLatency({
					ms: Number(body.ms ?? 0),
					jitterMs: Number(body.jitterMs ?? 0),
				});
				return jsonReply(200, { latency: server.latency });
			case 'POST /__sandbox/behaviour':
				for (const key of [
					'updatedSinceInclusive',
					'renameWhileRestoring',
					'archiveArchivesAssignments',
					'defaultRatesShowUserRate',
					'apiV2Alias',
				] as const)
					if (typeof body[key] === 'boolean') store.behaviour[key] = body[key];
				return jsonReply(200, { behaviour: store.behaviour });
			default:
				throw notFound();
		}
	} catch (e) {
		return toReply(e);
	}
}

/** A fault as JSON: `match.pathRegex` is a RegExp source (JSON has no RegExp). */
export function faultFromJson(body: Record<string, unknown>): Fault {
	const match = (body.match ?? undefined) as
		| { method?: string; path?: string; pathRegex?: string }
		| undefined;
	const { pathRegex, ...rest } = match ?? {};
	return {
		...(body as unknown as Fault),
		match: match ? { ...rest, ...(pathRegex ? { path: new RegExp(pathRegex) } : {}) } : undefined,
	};
}
