import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError, type IHttpRequestOptions } from 'n8n-workflow';

import type { HarvestContext } from './types';

/**
 * The n8n versions this package is measured on (docs/compatibility.md). On another n8n the
 * transport checks, where it uses them, the two things it relies on: n8n's authenticated HTTP
 * helper, and that helper answering with the full response (status, headers, body) instead of
 * throwing on an HTTP error status. Without them a 404 or 422 would read as a broken connection
 * and be retried, so the package refuses with this list rather than misbehave.
 */
export const SUPPORTED_N8N = 'n8n 1.123 (the last 1.x line) and n8n 2.41';

type AuthenticatedRequest = HarvestContext['helpers']['httpRequestWithAuthentication'];

export function unsupportedN8n(ctx: HarvestContext, what: string): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`This n8n is not supported by the Harvest Users node: ${what}`,
		{
			description: `The Harvest Users package is tested on ${SUPPORTED_N8N}. Update n8n to one of them, or use a version of this package made for your n8n.`,
		},
	);
}

/** n8n's authenticated HTTP helper, or a clear refusal when this n8n has none. */
export function authenticatedRequest(ctx: HarvestContext): AuthenticatedRequest {
	const helper = (ctx.helpers as Partial<HarvestContext['helpers']> | undefined)
		?.httpRequestWithAuthentication;
	if (typeof helper !== 'function')
		throw unsupportedN8n(
			ctx,
			'it has no authenticated HTTP helper (helpers.httpRequestWithAuthentication).',
		);
	return helper;
}

/** Whether n8n returned the full response that was asked for (`returnFullResponse`). */
export function isFullResponse(raw: unknown): raw is { statusCode: number } {
	return (
		typeof raw === 'object' &&
		raw !== null &&
		Number.isInteger((raw as { statusCode?: unknown }).statusCode)
	);
}

export function assertFullResponse(ctx: HarvestContext, raw: unknown): void {
	if (!isFullResponse(raw)) {
		throw unsupportedN8n(
			ctx,
			'its HTTP helper answered without the status code and headers it was asked for (returnFullResponse).',
		);
	}
}

/**
 * Whether n8n's HTTP helper can be asked to throw on one status only (`ignoreHttpStatusErrors:
 * { ignore: true, except: [401] }`), as n8n 2.x can. n8n 1.x reads the option as true/false. A
 * node cannot ask n8n-core its version, but n8n-core ships with the n8n-workflow of the same
 * release, and the 2.x line of n8n-workflow exports N8N_NODES_API_VERSION, which 1.x does not.
 * A wrong answer loses nothing: send.ts asks again when a 401 comes back without being thrown, and
 * a thrown status is read as well (failure.ts, thrownAnswer).
 */
export function httpHelperKnowsExceptList(): boolean {
	return 'N8N_NODES_API_VERSION' in n8nWorkflow;
}

/**
 * Which HTTP error statuses n8n's helper should throw on instead of returning them. None with a
 * token: every answer is read from the full response. With OAuth2 n8n refreshes the token only
 * when the request throws on 401: on 2.x only 401 is thrown; on 1.x every error status has to be
 * (otherwise the 401 comes back unrefreshed and must be sent twice), and is read from the
 * NodeApiError n8n 1.x throws, which keeps the status and a JSON body but not the headers.
 */
export function statusErrorsToThrow(
	oauth2: boolean,
): IHttpRequestOptions['ignoreHttpStatusErrors'] {
	if (!oauth2) return true;
	return httpHelperKnowsExceptList() ? { ignore: true, except: [401] } : false;
}
