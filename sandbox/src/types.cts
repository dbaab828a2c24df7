/**
 * Public types of the Harvest sandbox. Other test code (harness, benchmarks, demo) depends on
 * these exact names; change them only together with their users.
 */
import type { Store } from './store.cjs';

export interface SandboxToken {
	token: string;
	accountId: string;
	/** The user the token belongs to; that user's access_roles decide permissions. */
	userId: number;
}

/** The sandbox's registered OAuth2 client (reference §1.3). */
export interface OAuthClient {
	clientId: string;
	clientSecret: string;
}

/** The token URL's answer. `refresh_token` is absent only for the implicit flow. */
export interface OAuthTokens {
	access_token: string;
	refresh_token?: string;
	token_type: 'bearer';
	expires_in: number;
}

export type TokenHolder = 'admin' | 'manager' | 'member';

export interface RateLimit {
	requests: number;
	windowMs: number;
}

export type SeedSpec = 'demo' | 'empty' | { users: number };

/**
 * Network round trip added to every API and OAuth request (not to /__sandbox/*): half before the
 * request is handled (the way in: it arrives, is logged and counted by the rate limit later than
 * it was sent), half before the answer is sent (the way back). Each half gets its own random
 * extra of 0..jitterMs/2, so requests can overtake each other, as on a real network.
 */
export interface Latency {
	ms: number;
	jitterMs?: number;
}

/**
 * Where Harvest's behaviour is unconfirmed (harvest-observed.md: no recording covers it), the
 * sandbox can answer either way; the package is tested under both.
 */
export interface Behaviour {
	/** `updated_since` keeps records updated exactly at the boundary (>=, default) or only after it (>). */
	updatedSinceInclusive: boolean;
	/**
	 * A PATCH that restores an archived user may also change their name and email (default), or
	 * those changes are refused with 422 until the user is active again.
	 */
	renameWhileRestoring: boolean;
	/**
	 * harvest-observed-2.md §3.8 (documented by Harvest's help centre, the API side inferred):
	 * archiving a person archives their user assignments (`is_active: false`, gone from
	 * /users/{id}/project_assignments) and restoring them does not bring those back (default), or
	 * (false) assignments are left as they were, as before the second pass.
	 */
	archiveArchivesAssignments: boolean;
	/**
	 * harvest-observed-2.md §3.3 (values recorded, rule inferred): an assignment with
	 * `use_default_rates: true` shows the user's `default_hourly_rate` (or null) as `hourly_rate`
	 * (default), or (false) its own stored rate.
	 */
	defaultRatesShowUserRate: boolean;
	/**
	 * harvest-observed-2.md §1.9 (inferred from use): `/api/v2/…` and a `.json` suffix serve the same
	 * records as `/v2/…` (default), or (false) only `/v2/` is served.
	 */
	apiV2Alias: boolean;
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
	updatedSinceInclusive: true,
	renameWhileRestoring: true,
	archiveArchivesAssignments: true,
	defaultRatesShowUserRate: true,
	apiV2Alias: true,
};

export interface SandboxOptions {
	/** Choices for unconfirmed behaviour (default DEFAULT_BEHAVIOUR). */
	behaviour?: Partial<Behaviour>;
	/** 0 = random free port (default). */
	port?: number;
	/** Default { requests: 100, windowMs: 15000 }, per token, sliding window. */
	rateLimit?: RateLimit | false;
	/** 'demo' (default), 'empty' (only the three token holders), or demo plus N generated active users. */
	seed?: SeedSpec;
	/** The sandbox clock = host clock + offset (Date header, created_at/updated_at, future-date checks). */
	clockOffsetMs?: number;
	/**
	 * Default true: a 429 carries Retry-After, as the docs promise. false: the recorded shape,
	 * an empty text/html body with no Retry-After (harvest-observed.md §3, H2).
	 */
	retryAfter?: boolean;
	/**
	 * The host clock the sandbox reads (default Date.now): the rate-limit window and, plus the
	 * offset, the sandbox clock. Tests inject one they move themselves, so no window depends on speed.
	 */
	now?: () => number;
	/** Faults queued at start (the CLI's --fault); reset() drops them like any other. */
	faults?: Fault[];
	/** Default none (0 ms). A number is a round trip without jitter. */
	latency?: Latency | number;
}

export interface LoggedRequest {
	seq: number;
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** 0 while the request is still being answered, and for `reset` faults (no answer was sent). */
	status: number;
	/** Last 4 characters of the token only. */
	token?: string;
	/** The fault kind that answered this request, if any. */
	fault?: string;
	/** Host clock (Date.now()) when the request arrived. */
	at: number;
	/** Host clock when the answer was sent (after the way back); absent while in flight and for `reset` faults. */
	answeredAt?: number;
}

/** Faults that send the normal answer broken on the wire (http.ts `send`). */
export type CutKind = 'short-body' | 'fake-gzip' | 'die-after-status';

export interface FaultMatch {
	method?: string;
	/** Exact pathname (e.g. '/v2/users') or a RegExp tested against the pathname. */
	path?: string | RegExp;
}

export type Fault = {
	/**
	 * status: JSON error with the given status (default 500); html: HTML body (default 502);
	 * empty: empty body (default 500); reset: destroy the socket without answering;
	 * delay: wait delayMs then answer normally; 429: a throttle answer.
	 * Hostile answers (a proxy or a broken Harvest):
	 * redirect: `status` (default 302) with `Location: location`, e.g. another origin;
	 * body: `status` (default 200) with exactly `body` as `contentType` (default JSON), e.g. `{}`
	 * or plain text where a record belongs;
	 * echo: echoes the request's Authorization header back, in a `Hint` header and in the body
	 * (an error `{message}` for a `status` >= 400, else the normal answer plus an `echo` key);
	 * rewrite: the normal answer, then `drop` / `set` top-level keys, `nextToSelf` points
	 * `links.next` at the URL just requested, and `headers` replace reply headers (also `Date`).
	 * Answers cut short or mislabelled (the request is applied first, as a proxy or a dying
	 * connection would lose the answer of a request Harvest did process):
	 * short-body: the normal answer's status and full Content-Length, then half the body and the
	 * connection closed; fake-gzip: the normal answer labelled `Content-Encoding: gzip` but not
	 * compressed; die-after-status: the status line and headers, then the connection closed.
	 */
	kind:
		| 'status'
		| 'html'
		| 'empty'
		| 'reset'
		| 'delay'
		| '429'
		| 'redirect'
		| 'body'
		| 'echo'
		| 'rewrite'
		| CutKind;
	/** How many matching requests get it (default 1). */
	count?: number;
	status?: number;
	delayMs?: number;
	/** For 429: how Retry-After is expressed (default 'seconds'). */
	retryAfter?: 'seconds' | 'http-date' | 'none';
	retryAfterSeconds?: number;
	/** Which requests it applies to (default: any). */
	match?: FaultMatch;
	/** Apply the request to the store first, then answer with the fault ("the POST reached Harvest but the answer was lost"). */
	afterApply?: boolean;
	/** redirect: the Location header. */
	location?: string;
	/** body: the exact response body. */
	body?: string;
	/** body: its Content-Type (default application/json; charset=utf-8). */
	contentType?: string;
	/** rewrite: top-level keys removed from the JSON answer (e.g. a list's record array). */
	drop?: string[];
	/** rewrite: top-level keys replaced in the JSON answer (e.g. `{ "users": {} }`, `{ "total_pages": 1 }`). */
	set?: Record<string, unknown>;
	/** rewrite: `links.next` points back at the URL just requested. */
	nextToSelf?: boolean;
	/** rewrite, body, redirect: reply headers to set, e.g. `{ "Date": "Tue, 01 Jan 2036 00:00:00 GMT" }`, `{ "Hint": "…" }`. */
	headers?: Record<string, string>;
};

export interface Invitation {
	userId: number;
	email: string;
	at: number;
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:43123 (API at url + '/v2/...', accounts at url + '/api/v2/accounts'). */
	url: string;
	port: number;
	tokens: { admin: SandboxToken; manager: SandboxToken; member: SandboxToken };
	/** Client id and secret for /oauth2/authorize and /api/v2/oauth2/token. */
	oauthClient: OAuthClient;
	/**
	 * Tokens as the token URL would issue them after an authorization-code exchange, for one of
	 * the token holders (default admin) or a user id. Forgotten by reset().
	 */
	issueOAuthTokens(who?: TokenHolder | number): OAuthTokens;
	/**
	 * From now on the API answers 401 invalid_token for this token: an issued OAuth access token
	 * expires; a fixed personal token is revoked until reset(). Throws for a token the sandbox never issued.
	 */
	expireToken(token: string): void;
	/** Every request that reached the server, in order (429s and faulted ones included; /__sandbox excluded). */
	log: LoggedRequest[];
	clearLog(): void;
	inject(fault: Fault): void;
	clearFaults(): void;
	setClockOffset(ms: number): void;
	setRateLimit(rl: RateLimit | false): void;
	/** The round trip from now on (0 = none); kept by reset(). */
	setLatency(latency: Latency | number): void;
	/** Switch unconfirmed behaviours (kept by reset()). */
	setBehaviour(b: Partial<Behaviour>): void;
	store: Store;
	/** One per user created through the API ("Harvest emails the new user an invitation"). */
	invitations: Invitation[];
	reset(seed?: SeedSpec): void;
	close(): Promise<void>;
}
