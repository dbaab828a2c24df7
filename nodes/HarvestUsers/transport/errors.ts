import { NodeApiError, type JsonObject } from 'n8n-workflow';

import { harvestMessage, isHtml, notFoundMessage, statusHint } from './errorMessage';
import { describe, type Failure } from './failure';
import { settings } from './settings';
import type { HarvestContext, HarvestRequest } from './types';

/**
 * The errors the transport throws, each saying what happened and what to do about it. Those n8n's
 * durable poll scheduler can act on carry a `failure` (n8n-workflow >= 2.37): its backoff waits
 * out a 'rate-limited' one and stops polling on a 'credential-invalid' one.
 */

/** n8n-workflow's `Failure`, written out: its constants are absent before 2.37 and must not be imported. */
type HarvestFailure =
	| { cause: 'rate-limited'; retryAfterMs?: number }
	| { cause: 'credential-invalid' };

/**
 * Older n8n (1.x, 2.x before 2.37) ignores the `failure` option, an unknown destructured key, so
 * passing it is harmless there. Where the host's error did not take it, it is set on the error
 * itself, so the error says the same on every n8n (nothing older reads it).
 */
export function withFailure<E extends Error>(error: E, failure: HarvestFailure | undefined): E {
	if (failure && (error as { failure?: unknown }).failure === undefined)
		Object.assign(error, { failure });
	return error;
}

function where(request: HarvestRequest): string {
	const path = /^https?:/i.test(request.path) ? new URL(request.path).pathname : request.path;
	return `${request.method} ${path}`;
}

function harvestApiError(
	ctx: HarvestContext,
	request: HarvestRequest,
	f: Pick<Failure, 'status'> & {
		response: JsonObject;
		message: string;
		description: string;
		failure?: HarvestFailure;
	},
): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), f.response, {
		message: f.message,
		description: f.description,
		httpCode: f.status ? String(f.status) : undefined,
		itemIndex: request.itemIndex,
		failure: f.failure,
	});
	return withFailure(error, f.failure);
}

/** A definite refusal (4xx): Harvest's own words, and for a 404 which record is missing. */
export function apiError(
	ctx: HarvestContext,
	request: HarvestRequest,
	f: Failure,
	attempts: number,
): NodeApiError {
	const said = harvestMessage(f.body, f.headers.hint, f.status, f.statusText);
	const malformed = f.status === 404 && isHtml(f.body);
	const missing = f.status === 404 && !malformed ? notFoundMessage(where(request)) : undefined;
	const message = missing ?? said;
	const hint = malformed
		? 'Harvest answered with its HTML "page not found": the URL is malformed (check the Base URL in the credential).'
		: [statusHint(f.status), missing ? `Harvest said: ${said}.` : undefined]
				.filter(Boolean)
				.join(' ');
	return harvestApiError(ctx, request, {
		status: f.status,
		response: { message, status: f.status ?? null },
		message: f.status ? `${message} [HTTP ${f.status}]` : message,
		description: [
			hint,
			`Request: ${where(request)}${attempts > 1 ? ` (${attempts} attempts)` : ''}.`,
		]
			.filter(Boolean)
			.join(' '),
		failure: f.status === 401 ? { cause: 'credential-invalid' } : undefined,
	});
}

/** A 2xx whose body is not what the request asked for (shape.ts). */
export function wrongShape(
	ctx: HarvestContext,
	request: HarvestRequest,
	status: number,
	expected: string,
	problem: string,
): NodeApiError {
	const applied =
		request.method === 'GET'
			? ''
			: ` The ${request.method} may have been applied: ${request.checkHint ?? 'check in Harvest before running this item again.'}`;
	return harvestApiError(ctx, request, {
		status,
		response: { message: problem, status },
		message: `Harvest answered ${status} but not with a ${expected} (got: ${problem})`,
		description: `Something other than Harvest's API may have answered (a proxy, a login page, a wrong Base URL in the credential).${applied} Request: ${where(request)}.`,
	});
}

/** Names the host only: the rest of a Location header can carry anything, the token included. */
export function redirected(
	ctx: HarvestContext,
	request: HarvestRequest,
	f: Failure,
	requestUrl: string,
): NodeApiError {
	let host = 'an unreadable address';
	try {
		host = new URL(f.headers.location ?? '', requestUrl).host || host;
	} catch {
		// keep the placeholder
	}
	return harvestApiError(ctx, request, {
		status: f.status,
		response: { message: `HTTP ${f.status}`, status: f.status ?? null },
		message: `Harvest's answer to ${where(request)} was a redirect (HTTP ${f.status}) to ${host}; it was not followed, so the credential was not sent there`,
		description:
			'Harvest does not redirect API requests. Check the Base URL in the credential (it should be https://api.harvestapp.com, or your proxy in front of it) and any proxy between n8n and Harvest.',
	});
}

/** A write whose answer was lost: it may have been applied, so it is not sent again. */
export function unknownOutcome(
	ctx: HarvestContext,
	request: HarvestRequest,
	f: Failure,
): NodeApiError {
	return harvestApiError(ctx, request, {
		status: f.status,
		response: { message: describe(f) },
		message: `Outcome unknown: Harvest may or may not have applied ${where(request)} (${describe(f)})`,
		description: `The request was not sent again, because repeating a create can duplicate it (for users, a second invitation email). ${
			request.checkHint ??
			'Check in Harvest whether the record exists before running this item again.'
		}`,
	});
}

interface Exhaustion {
	attempts: number;
	/** A 429's wait: what Harvest asked for, or the default when it did not say. */
	retryAfterMs?: number;
	/** The wait asked for is longer than this node waits. */
	tooLong?: boolean;
	budgetSpent?: boolean;
}

function exhaustedHint(f: Failure): string {
	if (f.kind === 'throttled') {
		return 'Harvest allows 100 requests per 15 seconds per token. Other workflows or scripts may be using the same token; raise "Max Retries" in the node options or run them at different times.';
	}
	if (f.kind === 'refused') {
		return `Nothing answered at ${f.host ?? 'the Base URL'}. Check the Base URL in the credential (https://api.harvestapp.com for Harvest itself; scheme, host and port of a proxy or sandbox), and that this n8n can reach that host (firewall, proxy).`;
	}
	if (f.kind === 'cut-off' || f.kind === 'unreadable') {
		return 'Harvest answered, but the answer did not arrive whole every time it was asked; nothing of it was used. A proxy or the network between n8n and Harvest may be cutting answers short. Try again later.';
	}
	return 'Harvest or the network failed repeatedly. Try again later; see https://www.harveststatus.com for incidents.';
}

/** Retries used up: for a 429, with the wait n8n's scheduler should leave before the next poll. */
export function exhausted(
	ctx: HarvestContext,
	request: HarvestRequest,
	f: Failure,
	run: Exhaustion,
): NodeApiError {
	const why =
		run.tooLong && run.retryAfterMs !== undefined
			? `Harvest asked to wait ${Math.round(run.retryAfterMs / 1000)} s, longer than the ${Math.round(settings.maxRetryAfterMs / 1000)} s this node waits`
			: run.budgetSpent
				? 'this execution has used up its retries for server and network errors, so Harvest looks unavailable'
				: `the last answer was ${describe(f)}`;
	const { attempts } = run;
	return harvestApiError(ctx, request, {
		status: f.status,
		response: { message: describe(f) },
		message: `Harvest did not complete ${where(request)} after ${attempts} attempt${attempts > 1 ? 's' : ''}: ${why}`,
		description: exhaustedHint(f),
		failure:
			f.kind === 'throttled'
				? { cause: 'rate-limited', retryAfterMs: run.retryAfterMs }
				: undefined,
	});
}
