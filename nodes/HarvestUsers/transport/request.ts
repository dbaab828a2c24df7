import { sleep, type IDataObject, type IHttpRequestOptions } from 'n8n-workflow';

import { explainUnauthorized } from './accounts';
import { readTarget, type Target } from './credential';
import { apiError, exhausted, redirected, unknownOutcome, wrongShape } from './errors';
import { describe, type Failure } from './failure';
import { backoffDelay, decide, parseRetryAfter } from './retryPolicy';
import { baseOptions, send } from './send';
import { settings } from './settings';
import { expectedShape, shapeProblem } from './shape';
import { limiterFor } from './throttle';
import type { HarvestContext, HarvestRequest, HarvestResponse } from './types';

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
	if (options.maxRetries !== undefined)
		executionState(ctx).maxRetries = Math.max(0, options.maxRetries);
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

function requestOptions(target: Target, request: HarvestRequest): IHttpRequestOptions {
	const options = baseOptions(resolveUrl(target.baseUrl, request.path));
	return {
		...options,
		method: request.method,
		qs: request.qs,
		body: request.body,
		headers: { ...options.headers, 'Harvest-Account-Id': target.accountId },
	};
}

/**
 * The one place that retries requests to Harvest (one layer only): 429 waits for Retry-After and
 * is repeated for every method, since Harvest did not process it; 5xx, resets, timeouts and
 * answers cut short are repeated only for GET, PATCH and DELETE. A POST is never repeated after an
 * ambiguous failure: Harvest has no idempotency keys, and a second POST /v2/users sends a second
 * invitation email.
 */
export async function harvestRequestFull<T = unknown>(
	ctx: HarvestContext,
	request: HarvestRequest,
): Promise<HarvestResponse<T>> {
	const target = await readTarget(ctx);
	const options = requestOptions(target, request);
	let ambiguousEarlier = false;
	for (let attempts = 1; ; attempts++) {
		const outcome = await send<T>(ctx, target, options);
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
		throw await explainUnauthorized(
			ctx,
			target,
			failure.status,
			apiError(ctx, request, failure, attempts),
			request.itemIndex,
		);
	}
	if (decision.action === 'unknown-outcome') throw unknownOutcome(ctx, request, failure);

	if (decision.action === 'wait') {
		const told = parseRetryAfter(failure.headers['retry-after'], failure.headers.date, Date.now());
		const retryAfterMs = told ?? settings.defaultRetryAfterMs;
		if (attempts > state.maxRetries)
			throw exhausted(ctx, request, failure, { attempts, retryAfterMs });
		if (retryAfterMs > settings.maxRetryAfterMs)
			throw exhausted(ctx, request, failure, { attempts, retryAfterMs, tooLong: true });
		limiterFor(target.limiterKey).pause(retryAfterMs); // the next acquire() waits out the pause
		return;
	}

	if (attempts > state.maxRetries) throw exhausted(ctx, request, failure, { attempts });
	if (state.retryBudget <= 0)
		throw exhausted(ctx, request, failure, { attempts, budgetSpent: true });
	state.retryBudget--;
	await sleep(
		backoffDelay(attempts - 1, settings.backoffBaseMs, settings.backoffCapMs, Math.random()),
	);
}

export async function harvestRequest<T = IDataObject>(
	ctx: HarvestContext,
	request: HarvestRequest,
): Promise<T> {
	return (await harvestRequestFull<T>(ctx, request)).body;
}

/** The answer, if it is what the request asked for (shape.ts); otherwise an error saying what came back. */
function checkedAnswer<T>(
	ctx: HarvestContext,
	request: HarvestRequest,
	response: HarvestResponse<T>,
): HarvestResponse<T> {
	const expected = expectedShape(request.method, request.path);
	const problem = expected && shapeProblem(response.body, expected);
	if (!expected || !problem) return response;
	throw wrongShape(ctx, request, response.status, expected.what, problem);
}
