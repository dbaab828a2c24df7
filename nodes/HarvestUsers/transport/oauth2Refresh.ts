import { NodeOperationError } from 'n8n-workflow';

import { withFailure } from './errors';
import { causeChain } from './failure';
import { scrubText } from './scrub';
import type { HarvestContext } from './types';

/**
 * Harvest ID refused to refresh the OAuth2 access token. n8n 2.x says so itself for a refused
 * refresh token (`invalid_grant`: "needs to be reconnected", read by `n8nRefusal`). Everything
 * else arrives as client-oauth2's `AuthError` (code `EAUTH`): on n8n 1.x even `invalid_grant`, in a
 * NodeApiError that kept only the code (`httpCode`) and client-oauth2's message, not the body. It
 * is an answer from the token endpoint, not a broken connection: repeating the request cannot
 * help, the person has to reconnect or fix the credential. So it becomes the error n8n 2.x gives.
 */

/** client-oauth2's text for `invalid_grant` ("…or refresh token is invalid, expired, revoked…"). */
const INVALID_GRANT = /invalid_grant|refresh token is\s+invalid/i;

interface Refusal {
	message: string;
	invalidGrant: boolean;
}

/** The AuthError (or what n8n 1.x kept of it) in the error's cause chain. */
export function refreshRefusal(error: unknown): Refusal | undefined {
	for (const e of causeChain(error)) {
		const { code, httpCode, message, body } = e;
		if (code !== 'EAUTH' && httpCode !== 'EAUTH') continue;
		const grant = (body as { error?: unknown } | undefined)?.error;
		const text = String(message ?? '');
		return {
			message: text,
			invalidGrant: grant === 'invalid_grant' || (grant === undefined && INVALID_GRANT.test(text)),
		};
	}
	return undefined;
}

export function refreshRefusedError(
	ctx: HarvestContext,
	credentialType: string,
	refusal: Refusal,
	secrets: readonly string[],
): NodeOperationError {
	const node = ctx.getNode();
	const name = node.credentials?.[credentialType]?.name;
	const label = name ? `"${name}"` : `of type "${credentialType}"`;
	const error = refusal.invalidGrant
		? new NodeOperationError(node, `The credential ${label} needs to be reconnected.`, {
				description:
					'Harvest ID refused to refresh the access token: the connected account has revoked access, the refresh token expired, or the account password or permissions changed. Open the credential and reconnect it to continue.',
				level: 'warning',
			})
		: new NodeOperationError(
				node,
				`Harvest ID refused to refresh the access token of the credential ${label}: ${scrubText(refusal.message, secrets)}`,
				{
					description:
						"Check the credential's Client ID and Client Secret against your OAuth2 application on https://id.getharvest.com/developers, then reconnect the credential.",
					level: 'warning',
				},
			);
	return withFailure(error, { cause: 'credential-invalid' });
}
