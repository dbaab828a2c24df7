import { createHash } from 'crypto';
import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { HARVEST_DEFAULT_BASE_URL, USER_AGENT } from '../../../credentials/harvestCredentialShared';
import { explainUnauthorized } from './accounts';
import { baseUrlProblem } from './baseUrl';
import { harvestMessage, isHtml, notFoundMessage, statusHint } from './errorMessage';
import {
	backoffDelay,
	classifyNetworkCode,
	classifyStatus,
	decide,
	parseRetryAfter,
	type FailureKind,
} from './retryPolicy';
import { settings } from './settings';
import { expectedShape, shapeProblem } from './shape';
import { scrubSecrets, scrubText, usableSecrets } from './scrub';
import { limiterFor } from './throttle';

export type HarvestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export interface HarvestRequest {
	method: IHttpRequestMethods;
	/** `/v2/...` (build it with harvestPath), or an absolute `links.next` URL from Harvest. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** For writes whose outcome is unknown after a failure: what the person should check. */
	checkHint?: string;
}

export interface HarvestResponse<T = unknown> {
	body: T;
	status: number;
	headers: Record<string, string>;
}

/** The node's `authentication` choice -> credential type name. */
export function credentialTypeFor(authentication: unknown): 'harvestUsersApi' | 'harvestUsersOAuth2Api' {
	return authentication === 'oAuth2' ? 'harvestUsersOAuth2Api' : 'harvestUsersApi';
}

interface ExecutionState {
	maxRetries: number;
	retryBudget: number;
}

// Keyed by the n8n context object, which lives exactly as long as one node execution or poll.
const executions = new WeakMap<object, ExecutionState>();

function executionState(ctx: HarvestContext): ExecutionState {
	let state = executions.get(ctx);
	if (!state) {
		state = { maxRetries: 5, retryBudget: settings.retryBudgetPerExecution };
		executions.set(ctx, state);
	}
	return state;
}

/** Called once per execution by the node (its "Max Retries" option) and by the trigger. */
export function configureExecution(ctx: HarvestContext, options: { maxRetries?: number }): void {
	if (options.maxRetries !== undefined) executionState(ctx).maxRetries = Math.max(0, options.maxRetries);
}

function credentialType(ctx: HarvestContext): string {
	const auth =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, 'accessToken')
			: ctx.getNodeParameter('authentication', 'accessToken');
	return credentialTypeFor(auth);
}

interface Target {
	credentialType: string;
	baseUrl: string;
	accountId: string;
	limiterKey: string;
	/** What must never come back out of an answer (scrub.ts). */
	secrets: string[];
}

/** The credential's secrets: the token, and for OAuth2 also the refresh token and client secret. */
function secretsOf(type: string, creds: IDataObject): string[] {
	if (type !== 'harvestUsersOAuth2Api') return usableSecrets([creds.accessToken]);
	const tokens = (creds.oauthTokenData ?? {}) as IDataObject;
	return usableSecrets([tokens.access_token, tokens.refresh_token, creds.clientSecret]);
}

async function resolveTarget(ctx: HarvestContext): Promise<Target> {
	const type = credentialType(ctx);
	const creds = await ctx.getCredentials(type);
	const baseUrl = String(creds.baseUrl || HARVEST_DEFAULT_BASE_URL).replace(/\/+$/, '');
	const accountId = String(creds.accountId ?? '').trim();
	const badUrl = baseUrlProblem(baseUrl);
	if (badUrl) throw new NodeOperationError(ctx.getNode(), badUrl);
	if (!accountId) {
		throw new NodeOperationError(ctx.getNode(), 'The Harvest credential has no Account ID', {
			description:
				'Harvest answers 401 to every request without it. Find it on https://id.getharvest.com/developers and add it to the credential.',
		});
	}
	const token =
		type === 'harvestUsersOAuth2Api'
			? String((creds.oauthTokenData as IDataObject | undefined)?.access_token ?? '')
			: String(creds.accessToken ?? '');
	// Harvest limits per token; the key is a digest so the token itself is never kept around.
	const limiterKey = createHash('sha256').update(`${baseUrl}\n${token}`).digest('hex');
	return { credentialType: type, baseUrl, accountId, limiterKey, secrets: secretsOf(type, creds) };
}

/**
 * Follows Harvest's absolute `links.next` URLs without ever sending the token to another host:
 * a link on another origin (a proxy in front of Harvest) is re-based onto the credential's URL.
 */
function resolveUrl(baseUrl: string, path: string): string {
	if (!/^https?:\/\//i.test(path)) return `${baseUrl}${path}`;
	const link = new URL(path);
	const base = new URL(baseUrl);
	if (link.origin === base.origin) return link.toString();
	return `${baseUrl}${link.pathname}${link.search}`;
}

function lowerCaseHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (raw && typeof raw === 'object') {
		const source =
			typeof (raw as { toJSON?: unknown }).toJSON === 'function'
				? ((raw as { toJSON: () => object }).toJSON() as Record<string, unknown>)
				: (raw as Record<string, unknown>);
		for (const [k, v] of Object.entries(source)) {
			if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
		}
	}
	return headers;
}

interface Failure {
	kind: FailureKind;
	status?: number;
	statusText?: string;
	body?: unknown;
	headers: Record<string, string>;
	code?: string;
	/** Where the request went, so a refused connection can say which host (a wrong Base URL). */
	host?: string;
}

/**
 * Reads what n8n's HTTP helper threw without keeping the error (it holds the request headers);
 * the answer's texts come out without the credential's secrets.
 */
function describeFailure(error: unknown, secrets: readonly string[]): Failure {
	const cause = (error as { cause?: unknown }).cause ?? error;
	const response = (cause as { response?: { status?: number; statusText?: string; headers?: unknown; data?: unknown } })
		.response;
	if (response?.status) {
		return {
			kind: classifyStatus(response.status),
			status: response.status,
			statusText: response.statusText === undefined ? undefined : scrubText(response.statusText, secrets),
			body: scrubSecrets(response.data, secrets),
			headers: scrubSecrets(lowerCaseHeaders(response.headers), secrets),
		};
	}
	const code = findCode(error);
	const kind = classifyNetworkCode(code) ?? (isTimeoutMessage(error) ? 'timeout' : 'network');
	return { kind, headers: {}, code: code ?? (kind === 'timeout' ? 'ETIMEDOUT' : undefined) };
}

function findCode(error: unknown, depth = 0): string | undefined {
	if (!error || typeof error !== 'object' || depth > 5) return undefined;
	const { code, cause } = error as { code?: unknown; cause?: unknown };
	if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
	return findCode(cause, depth + 1);
}

/** httpRequestWithAuthentication wraps everything in NodeApiError; n8n's own refusals are its cause. */
function n8nRefusal(error: unknown): Error | undefined {
	const cause = (error as { cause?: unknown } | undefined)?.cause;
	const name = (cause as { constructor?: { name?: string } } | undefined)?.constructor?.name;
	return name === 'NodeOperationError' ? (cause as Error) : undefined;
}

function isTimeoutMessage(error: unknown): boolean {
	return /timeout|timed out/i.test(String((error as Error)?.message ?? ''));
}

/**
 * In words, never as a raw code: n8n rewrites any error message containing ECONNRESET & co.
 * into a generic "connection closed" text, which would hide "outcome unknown" from the person.
 */
function describe(f: Failure): string {
	if (f.status) return `HTTP ${f.status}${f.statusText ? ` ${f.statusText}` : ''}`;
	if (f.kind === 'timeout') return `no answer within ${Math.round(settings.timeoutMs / 100) / 10} s`;
	if (f.kind === 'refused') return `could not connect to ${f.host ?? 'Harvest'}`;
	return 'the connection broke before an answer arrived';
}

function requestOptions(target: Target, request: HarvestRequest): IHttpRequestOptions {
	return {
		method: request.method,
		url: resolveUrl(target.baseUrl, request.path),
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		timeout: settings.timeoutMs,
		// Harvest never redirects its API. A redirect comes from a proxy or an attacker, and n8n
		// would resend the Authorization header to wherever it points: it is an error instead.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		headers: {
			Accept: 'application/json',
			'Harvest-Account-Id': target.accountId,
			'User-Agent': USER_AGENT,
		},
	};
}

type Outcome<T> = { response: HarvestResponse<T> } | { failure: Failure };

/** One paced attempt; the answer (or the failure's texts) already without the credential's secrets. */
async function attempt<T>(ctx: HarvestContext, target: Target, options: IHttpRequestOptions): Promise<Outcome<T>> {
	const release = await limiterFor(target.limiterKey).acquire();
	let outcome: Outcome<T> | undefined;
	let error: unknown;
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, target.credentialType, {
			...options,
			headers: { ...options.headers },
		})) as { body: T; statusCode: number; headers: unknown };
		outcome = { response: { body: response.body, status: response.statusCode, headers: lowerCaseHeaders(response.headers) } };
	} catch (caught) {
		error = caught;
	} finally {
		release();
	}
	// n8n itself refused to go on (e.g. Harvest rejected the OAuth2 refresh token: "reconnect
	// the credential"): there is no Harvest answer to retry, and n8n's message says what to do.
	const refusal = n8nRefusal(error);
	if (refusal) throw refusal;
	// n8n may have refreshed the OAuth2 token during the call: scrub the new one too.
	if (target.credentialType === 'harvestUsersOAuth2Api') {
		target.secrets = usableSecrets([...target.secrets, ...secretsOf(target.credentialType, await ctx.getCredentials(target.credentialType))]);
	}
	if (!outcome || !('response' in outcome)) {
		return { failure: { ...describeFailure(error, target.secrets), host: new URL(String(options.url)).host } };
	}
	const { response } = outcome;
	return { response: { ...response, body: scrubSecrets(response.body, target.secrets), headers: scrubSecrets(response.headers, target.secrets) } };
}

/**
 * The one place that talks HTTP to Harvest: credentials, headers, pacing, retries and errors.
 *
 * Retries live here and nowhere else (one layer only): 429 waits for Retry-After and is repeated
 * for every method, since Harvest did not process it; 5xx, resets and timeouts are repeated only
 * for GET, PATCH and DELETE. A POST is never repeated after an ambiguous failure: Harvest has no
 * idempotency keys, and a second POST /v2/users sends a second invitation email.
 */
export async function harvestRequestFull<T = unknown>(
	ctx: HarvestContext,
	request: HarvestRequest,
): Promise<HarvestResponse<T>> {
	const target = await resolveTarget(ctx);
	const options = requestOptions(target, request);
	let ambiguousEarlier = false;
	for (let attempts = 1; ; attempts++) {
		const outcome = await attempt<T>(ctx, target, options);
		if ('response' in outcome) return checkedAnswer(ctx, request, outcome.response);
		const { failure } = outcome;
		// A DELETE repeated after an ambiguous failure that now finds nothing was applied the first time.
		if (request.method === 'DELETE' && failure.status === 404 && ambiguousEarlier) {
			return { body: {} as T, status: 200, headers: failure.headers };
		}
		if (failure.status && failure.status >= 300 && failure.status < 400) {
			throw redirected(ctx, request, failure, String(options.url));
		}
		await retryOrThrow(ctx, target, request, failure, attempts);
		if (failure.kind !== 'refused' && failure.kind !== 'throttled') ambiguousEarlier = true;
	}
}

/** Waits before the next attempt, or throws when the failure is final. */
async function retryOrThrow(
	ctx: HarvestContext,
	target: Target,
	request: HarvestRequest,
	failure: Failure,
	attempts: number,
): Promise<void> {
	const state = executionState(ctx);
	const decision = decide(request.method, failure.kind, describe(failure));
	if (decision.action === 'fail') {
		throw await explainUnauthorized(ctx, target, failure.status, apiError(ctx, request, failure, attempts), request.itemIndex);
	}
	if (decision.action === 'unknown-outcome') throw unknownOutcome(ctx, request, failure);
	if (attempts > state.maxRetries) throw exhausted(ctx, request, failure, attempts);

	if (decision.action === 'wait') {
		const told = parseRetryAfter(failure.headers['retry-after'], failure.headers.date, Date.now());
		const wait = told ?? settings.defaultRetryAfterMs;
		if (wait > settings.maxRetryAfterMs) throw exhausted(ctx, request, failure, attempts, wait);
		limiterFor(target.limiterKey).pause(wait); // the next acquire() waits out the pause
		return;
	}

	if (state.retryBudget <= 0) throw exhausted(ctx, request, failure, attempts, undefined, true);
	state.retryBudget--;
	await sleep(backoffDelay(attempts - 1, settings.backoffBaseMs, settings.backoffCapMs, Math.random()));
}

export async function harvestRequest<T = IDataObject>(ctx: HarvestContext, request: HarvestRequest): Promise<T> {
	return (await harvestRequestFull<T>(ctx, request)).body;
}

function where(request: HarvestRequest): string {
	const path = /^https?:/i.test(request.path) ? new URL(request.path).pathname : request.path;
	return `${request.method} ${path}`;
}

function apiError(ctx: HarvestContext, request: HarvestRequest, f: Failure, attempts: number): NodeApiError {
	const said = harvestMessage(f.body, f.headers.hint, f.status, f.statusText);
	const malformed = f.status === 404 && isHtml(f.body);
	const missing = f.status === 404 && !malformed ? notFoundMessage(where(request)) : undefined;
	const message = missing ?? said;
	const hint = malformed
		? 'Harvest answered with its HTML "page not found": the URL is malformed (check the Base URL in the credential).'
		: [statusHint(f.status), missing ? `Harvest said: ${said}.` : undefined].filter(Boolean).join(' ');
	return new NodeApiError(
		ctx.getNode(),
		{ message, status: f.status ?? null } as JsonObject,
		{
			message: f.status ? `${message} [HTTP ${f.status}]` : message,
			description: [hint, `Request: ${where(request)}${attempts > 1 ? ` (${attempts} attempts)` : ''}.`]
				.filter(Boolean)
				.join(' '),
			httpCode: f.status ? String(f.status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
}

/** The answer, if it is what the request asked for (shape.ts); otherwise an error saying what came back. */
function checkedAnswer<T>(ctx: HarvestContext, request: HarvestRequest, response: HarvestResponse<T>): HarvestResponse<T> {
	const expected = expectedShape(request.method, request.path);
	const problem = expected && shapeProblem(response.body, expected);
	if (!expected || !problem) return response;
	const applied =
		request.method === 'GET'
			? ''
			: ` The ${request.method} may have been applied: ${request.checkHint ?? 'check in Harvest before running this item again.'}`;
	throw new NodeApiError(ctx.getNode(), { message: problem, status: response.status } as JsonObject, {
		message: `Harvest answered ${response.status} but not with a ${expected.what} (got: ${problem})`,
		description: `Something other than Harvest's API may have answered (a proxy, a login page, a wrong Base URL in the credential).${applied} Request: ${where(request)}.`,
		httpCode: String(response.status),
		itemIndex: request.itemIndex,
	});
}

/** Names the host only: the rest of a Location header can carry anything, the token included. */
function redirected(ctx: HarvestContext, request: HarvestRequest, f: Failure, requestUrl: string): NodeApiError {
	let host = 'an unreadable address';
	try {
		host = new URL(f.headers.location ?? '', requestUrl).host || host;
	} catch {
		// keep the placeholder
	}
	return new NodeApiError(
		ctx.getNode(),
		{ message: `HTTP ${f.status}`, status: f.status ?? null } as JsonObject,
		{
			message: `Harvest's answer to ${where(request)} was a redirect (HTTP ${f.status}) to ${host}; it was not followed, so the credential was not sent there`,
			description:
				'Harvest does not redirect API requests. Check the Base URL in the credential (it should be https://api.harvestapp.com, or your proxy in front of it) and any proxy between n8n and Harvest.',
			httpCode: f.status ? String(f.status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
}

function unknownOutcome(ctx: HarvestContext, request: HarvestRequest, f: Failure): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ message: describe(f) } as JsonObject,
		{
			message: `Outcome unknown: Harvest may or may not have applied ${where(request)} (${describe(f)})`,
			description: `The request was not sent again, because repeating a create can duplicate it (for users, a second invitation email). ${
				request.checkHint ?? 'Check in Harvest whether the record exists before running this item again.'
			}`,
			httpCode: f.status ? String(f.status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
}

function exhausted(
	ctx: HarvestContext,
	request: HarvestRequest,
	f: Failure,
	attempts: number,
	askedWaitMs?: number,
	budgetSpent = false,
): NodeApiError {
	const why = askedWaitMs
		? `Harvest asked to wait ${Math.round(askedWaitMs / 1000)} s, longer than the ${Math.round(settings.maxRetryAfterMs / 1000)} s this node waits`
		: budgetSpent
			? 'this execution has used up its retries for server and network errors, so Harvest looks unavailable'
			: `the last answer was ${describe(f)}`;
	return new NodeApiError(
		ctx.getNode(),
		{ message: describe(f) } as JsonObject,
		{
			message: `Harvest did not complete ${where(request)} after ${attempts} attempt${attempts > 1 ? 's' : ''}: ${why}`,
			description:
				f.kind === 'throttled'
					? 'Harvest allows 100 requests per 15 seconds per token. Other workflows or scripts may be using the same token; raise "Max Retries" in the node options or run them at different times.'
					: f.kind === 'refused'
						? `Nothing answered at ${f.host ?? 'the Base URL'}. Check the Base URL in the credential (https://api.harvestapp.com for Harvest itself; scheme, host and port of a proxy or sandbox), and that this n8n can reach that host (firewall, proxy).`
						: 'Harvest or the network failed repeatedly. Try again later; see https://www.harveststatus.com for incidents.',
			httpCode: f.status ? String(f.status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
}
