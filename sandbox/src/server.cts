/**
 * The HTTP server. Every /v2 request passes, in order: User-Agent check (400), token and
 * account check (401), the per-token rate limit (429), injected faults, routing (HTML 404),
 * the route's permission rule (403), then the route; with `latency`, half a round trip before all
 * of that and half before the answer. /__sandbox/* is the admin API: no auth, no latency,
 * no rate limit, not logged. The OAuth2 endpoints (oauth.ts) are logged, take no token and no
 * rate limit, and only get faults whose `match.path` names them.
 */
import http, { IncomingMessage, STATUS_CODES } from 'http';
import type { AddressInfo } from 'net';
import { handleAdmin } from './admin.cjs';
import { Clock } from './clock.cjs';
import {
	htmlPage,
	invalidToken,
	missingUserAgent,
	notAuthorized,
	routeNotFound,
} from './errors.cjs';
import {
	alterReply,
	altersAnswer,
	FaultQueue,
	hostileReply,
	type FaultRequest,
} from './faults.cjs';
import { htmlReply, jsonReply, parseBody, readRaw, Reply, send, toReply } from './http.cjs';
import type { Body } from './model/input.cjs';
import type { User } from './model/records.cjs';
import { AUTHORIZE_PATH, OAuthProvider, redactTokenRequest, TOKEN_PATH } from './oauth.cjs';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rateLimit.cjs';
import { numericParam, RouteContext, Router } from './router.cjs';
import { harvestRoutes } from './routes/index.cjs';
import { seed } from './seed.cjs';
import { Store } from './store.cjs';
import type {
	Fault,
	Latency,
	LoggedRequest,
	OAuthTokens,
	SandboxOptions,
	SandboxToken,
	SeedSpec,
	TokenHolder,
} from './types.cjs';

export const ACCOUNT_ID = '1046325';

/** Fixed so that the CLI, demos and docs can show them; they only ever work against the sandbox. */
const TOKEN_STRINGS = {
	admin: `${ACCOUNT_ID}.pt.SbxAdmin-6Xq2vJ9rT4mB8nK1wE5y`,
	manager: `${ACCOUNT_ID}.pt.SbxManager-P3wZ7cL5hD0sF2uI8o`,
	member: `${ACCOUNT_ID}.pt.SbxMember-Y8uR4eN6gV1aQ9kT3j`,
};

type Role = keyof typeof TOKEN_STRINGS;
type ParsedRequest = ReturnType<typeof parseBody>;

export class SandboxServer {
	readonly clock: Clock;
	readonly store: Store;
	readonly log: LoggedRequest[] = [];
	readonly faults = new FaultQueue();
	readonly limiter: RateLimiter;
	/** Whether a 429 carries Retry-After (changeable over the admin API). */
	retryAfter: boolean;
	/** The simulated network round trip (see Latency); kept by reset(). */
	latency: Required<Latency>;
	readonly accountId = ACCOUNT_ID;
	readonly tokens: Record<Role, SandboxToken>;
	readonly oauth: OAuthProvider;
	origin = '';
	private readonly router: Router = harvestRoutes();
	private readonly http: http.Server;
	private seq = 0;
	/** Fixed personal tokens revoked by expireToken(), until the next reset(). */
	private readonly revoked = new Set<string>();
	/** Pending waits (`delay` faults, latency), cancelled by close() so no timer outlives the server. */
	private readonly delays = new Set<NodeJS.Timeout>();

	constructor(opts: SandboxOptions = {}) {
		this.clock = new Clock(opts.clockOffsetMs ?? 0, opts.now);
		this.store = new Store(this.clock);
		Object.assign(this.store.behaviour, opts.behaviour);
		this.limiter = new RateLimiter(
			opts.rateLimit === undefined ? DEFAULT_RATE_LIMIT : opts.rateLimit,
		);
		this.retryAfter = opts.retryAfter ?? true;
		this.latency = toLatency(opts.latency);
		this.oauth = new OAuthProvider(this.clock, ACCOUNT_ID);
		const holders = seed(this.store, opts.seed);
		this.tokens = {
			admin: { token: TOKEN_STRINGS.admin, accountId: ACCOUNT_ID, userId: holders.admin },
			manager: { token: TOKEN_STRINGS.manager, accountId: ACCOUNT_ID, userId: holders.manager },
			member: { token: TOKEN_STRINGS.member, accountId: ACCOUNT_ID, userId: holders.member },
		};
		this.http = http.createServer((req, res) => {
			const started = performance.now();
			// Rails' X-Runtime header: the server's own time, so benchmarks can tell it from the client's.
			const answer = (reply: Reply) => {
				reply.headers['X-Runtime'] = ((performance.now() - started) / 1000).toFixed(6);
				send(res, reply, this.clock.nowMs());
			};
			this.onRequest(req).then(
				(reply) => (reply === 'reset' ? req.socket.destroy() : answer(reply)),
				(e: unknown) => answer(toReply(e)),
			);
		});
		// Clients keep connections alive; close() must not wait for them.
		this.http.keepAliveTimeout = 1000;
	}

	listen(port = 0): Promise<void> {
		return new Promise((resolve, reject) => {
			this.http.once('error', reject);
			this.http.listen(port, '127.0.0.1', () => {
				const { port: actual } = this.http.address() as AddressInfo;
				this.origin = `http://127.0.0.1:${actual}`;
				resolve();
			});
		});
	}

	get port(): number {
		return (this.http.address() as AddressInfo).port;
	}

	reset(spec: SeedSpec = 'demo'): void {
		const holders = seed(this.store, spec);
		this.store.users.table.continueAfterHighestId();
		this.tokens.admin.userId = holders.admin;
		this.tokens.manager.userId = holders.manager;
		this.tokens.member.userId = holders.member;
		this.faults.clear();
		this.limiter.reset();
		this.log.length = 0;
		this.oauth.reset();
		this.revoked.clear();
	}

	/** undefined when `who` is not an active user. */
	issueOAuthTokens(who: TokenHolder | number = 'admin'): OAuthTokens | undefined {
		const userId = this.activeUserId(String(who));
		return userId === undefined ? undefined : this.oauth.issue(userId);
	}

	/** false for a token the sandbox never issued. */
	expireToken(token: string): boolean {
		if (!Object.values(this.tokens).some((t) => t.token === token)) return this.oauth.expire(token);
		this.revoked.add(token);
		return true;
	}

	/** 'admin' | 'manager' | 'member' or a user id (undefined = the admin), if that user is active. */
	private activeUserId(who = 'admin'): number | undefined {
		const id = Object.hasOwn(this.tokens, who)
			? this.tokens[who as Role].userId
			: /^\d+$/.test(who)
				? Number(who)
				: undefined;
		return id !== undefined && this.store.users.get(id)?.is_active ? id : undefined;
	}

	close(): Promise<void> {
		for (const timer of this.delays) clearTimeout(timer);
		this.delays.clear();
		return new Promise((resolve) => {
			this.http.close(() => resolve());
			this.http.closeAllConnections();
		});
	}

	private async onRequest(req: IncomingMessage): Promise<Reply | 'reset'> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const raw = await readRaw(req);
		const method = (req.method ?? 'GET').toUpperCase();
		if (url.pathname.startsWith('/__sandbox/'))
			return handleAdmin(this, method, url, req.headers['content-type'], raw);

		await this.travel(); // the way in: Harvest sees (logs, counts) the request this much later
		const query = Object.fromEntries(url.searchParams);
		const entry: LoggedRequest = {
			seq: ++this.seq,
			method,
			path: url.pathname,
			query,
			body: undefined,
			status: 0,
			at: Date.now(),
		};
		this.log.push(entry);
		let reply: Reply | 'reset';
		try {
			reply = await this.answer(req, method, url.pathname, query, raw, entry);
		} catch (e) {
			reply = toReply(e);
		}
		if (reply !== 'reset') entry.status = reply.status;
		await this.travel(); // the way back
		if (reply !== 'reset') entry.answeredAt = Date.now();
		return reply;
	}

	/** Half the round trip, with its share of the jitter. */
	private async travel(): Promise<void> {
		const { ms, jitterMs } = this.latency;
		const half = ms / 2 + (Math.random() * jitterMs) / 2;
		if (half > 0) await this.sleep(half);
	}

	private async answer(
		req: IncomingMessage,
		method: string,
		path: string,
		query: Record<string, string>,
		raw: string,
		entry: LoggedRequest,
	): Promise<Reply | 'reset'> {
		const parsed = parseBody(req.headers['content-type'], raw);
		entry.body = parsed.logged;
		if (path === AUTHORIZE_PATH || path === TOKEN_PATH)
			return this.answerOAuth(req, method, path, query, parsed, entry);
		// harvest-observed-2.md §1.9: /api/v2/… (the prefix of every recorded Location) and a .json suffix
		// serve /v2/…; /api/v2/accounts stays Harvest ID's endpoint.
		if (
			this.store.behaviour.apiV2Alias &&
			path !== '/api/v2/accounts' &&
			path.startsWith('/api/v2/')
		)
			path = path.slice(4).replace(/\.json$/, '');
		else if (this.store.behaviour.apiV2Alias && path.startsWith('/v2/'))
			path = path.replace(/\.json$/, '');
		const isApi = path.startsWith('/v2/');
		if (!isApi && path !== '/api/v2/accounts') throw routeNotFound();
		if (!req.headers['user-agent']?.trim()) throw missingUserAgent();

		const auth =
			req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? query.access_token;
		if (auth) entry.token = auth.slice(-4);
		// id.getharvest.com's /api/v2/accounts is the one call that needs no account id.
		const account = isApi
			? (headerValue(req, 'harvest-account-id') ?? query.account_id)
			: ACCOUNT_ID;
		const actor = this.authenticate(auth, account);

		// The host clock without the offset: moving the sandbox clock back must not freeze the window.
		const waitMs = this.limiter.take(auth as string, this.clock.hostNowMs());
		if (waitMs > 0)
			return this.throttled(this.retryAfter ? Math.max(1, Math.ceil(waitMs / 1000)) : undefined);

		const fault = this.faults.take(method, path);
		const seen: FaultRequest = {
			url: `${this.origin}${req.url ?? path}`,
			authorization: headerValue(req, 'authorization'),
		};
		if (fault) {
			entry.fault = fault.kind;
			if (fault.kind === 'delay') await this.sleep(fault.delayMs ?? 1000);
			else if (!altersAnswer(fault)) {
				if (fault.afterApply && !parsed.error)
					this.dispatch(method, path, query, parsed.body, actor);
				return hostileReply(fault, seen) ?? this.faultReply(fault);
			}
		}
		if (parsed.error) throw parsed.error;
		const reply = this.dispatch(method, path, query, parsed.body, actor);
		return fault && altersAnswer(fault) ? alterReply(fault, reply, seen) : reply;
	}

	/** Harvest ID's side (reference §1.3): no token, no account id, no API rate limit. */
	private async answerOAuth(
		req: IncomingMessage,
		method: string,
		path: string,
		query: Record<string, string>,
		parsed: ParsedRequest,
		entry: LoggedRequest,
	): Promise<Reply | 'reset'> {
		if (path === TOKEN_PATH) entry.body = redactTokenRequest(parsed.logged);
		const expected = path === TOKEN_PATH ? 'POST' : 'GET';
		if (method !== expected) throw routeNotFound();
		// A browser always sends one; the docs ask API clients to send it to the token URL too.
		if (path === TOKEN_PATH && !req.headers['user-agent']?.trim()) throw missingUserAgent();
		const fault = this.faults.take(method, path, { explicitOnly: true });
		if (fault) {
			entry.fault = fault.kind;
			if (fault.kind === 'delay') await this.sleep(fault.delayMs ?? 1000);
			else return this.faultReply(fault);
		}
		if (path === AUTHORIZE_PATH)
			return this.oauth.authorize(query, (who) => this.activeUserId(who));
		if (parsed.error) throw parsed.error;
		return this.oauth.token(parsed.body);
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.delays.delete(timer);
				resolve();
			}, ms);
			this.delays.add(timer);
		});
	}

	/**
	 * Unknown, expired or revoked token, wrong or missing account, or a token whose user is gone or
	 * archived: all the same 401. OAuth tokens are granted for this one account (scope harvest:ID).
	 */
	private authenticate(token: string | undefined, account: string | undefined): User {
		const holder = Object.values(this.tokens).find((t) => t.token === token);
		let userId: number | undefined;
		if (holder)
			userId =
				account === holder.accountId && !this.revoked.has(holder.token) ? holder.userId : undefined;
		else if (account === this.accountId) userId = this.oauth.userFor(token);
		if (userId === undefined) throw invalidToken();
		const user = this.store.users.get(userId);
		if (!user || !user.is_active) throw invalidToken();
		return user;
	}

	private dispatch(
		method: string,
		path: string,
		query: Record<string, string>,
		body: Body,
		actor: User,
	): Reply {
		try {
			const match = this.router.match(method, path);
			if (!match) throw routeNotFound();
			const ctx: RouteContext = {
				store: this.store,
				actor,
				params: match.params,
				query,
				body,
				list: { origin: this.origin, path, query },
				origin: this.origin,
				accountId: this.accountId,
				id: (name) => numericParam(match.params, name),
			};
			if (!match.route.allow(actor, ctx)) throw notAuthorized();
			const result = match.route.handle(ctx);
			return jsonReply(
				result.status,
				result.body,
				result.location ? { Location: `${this.origin}/api${result.location}` } : {},
			);
		} catch (e) {
			return toReply(e);
		}
	}

	/**
	 * Harvest's throttle answer (harvest-observed.md §3, H2): empty body, `text/html` without a
	 * charset, `Cache-Control: no-cache, no-store`, never X-RateLimit-*; Retry-After as the docs
	 * promise it, or (retryAfter: false / the fault's 'none') missing as recorded.
	 */
	private throttled(retryAfter: string | number | undefined): Reply {
		const headers: Record<string, string> = {
			'Content-Type': 'text/html',
			'Cache-Control': 'no-cache, no-store',
		};
		if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
		return { status: 429, headers, body: '' };
	}

	private faultReply(fault: Fault): Reply | 'reset' {
		switch (fault.kind) {
			case 'reset':
				return 'reset';
			case 'status': {
				const status = fault.status ?? 500;
				return jsonReply(status, { status, error: STATUS_CODES[status] ?? 'Error' });
			}
			case 'html': {
				const status = fault.status ?? 502;
				return htmlReply(status, htmlPage(status, STATUS_CODES[status] ?? 'Error'));
			}
			case 'empty':
				return { status: fault.status ?? 500, headers: {}, body: '' };
			case '429': {
				const seconds = fault.retryAfterSeconds ?? 1;
				const style = fault.retryAfter ?? 'seconds';
				if (style === 'none') return this.throttled(undefined);
				if (style === 'http-date')
					return this.throttled(new Date(this.clock.nowMs() + seconds * 1000).toUTCString());
				return this.throttled(seconds);
			}
			default:
				throw new Error(`unknown fault kind ${String(fault.kind)}`);
		}
	}
}

export function toLatency(latency: Latency | number | undefined): Required<Latency> {
	const { ms = 0, jitterMs = 0 } = typeof latency === 'number' ? { ms: latency } : (latency ?? {});
	if (!(ms >= 0) || !(jitterMs >= 0))
		throw new Error(`latency must be >= 0 ms, got ${ms} ms with jitter ${jitterMs} ms`);
	return { ms, jitterMs };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
	const v = req.headers[name];
	return Array.isArray(v) ? v[0] : v;
}
