import type { IHttpRequestOptions } from 'n8n-workflow';

import { USER_AGENT } from '../../../credentials/harvestCredentialShared';
import { assertFullResponse, authenticatedRequest, statusErrorsToThrow } from './compat';
import { refreshSecrets, type Target } from './credential';
import {
	n8nRefusal,
	networkFailure,
	readResponse,
	statusFailure,
	thrownAnswer,
	type Failure,
} from './failure';
import { refreshRefusal, refreshRefusedError } from './oauth2Refresh';
import { settings } from './settings';
import { limiterFor } from './throttle';
import type { HarvestContext, HarvestResponse } from './types';

/**
 * One paced attempt: the only code that calls n8n's HTTP helper, so every request to Harvest
 * (and to Harvest ID's account list) waits for the token's limiter.
 *
 * n8n is asked for the full response whatever its status (`returnFullResponse`,
 * `ignoreHttpStatusErrors`), so statuses, headers and bodies are read from the response n8n
 * returns on every version, not from the error it throws, whose shape n8n has changed between
 * 1.x and 2.x. It then throws only when no whole answer arrived (read by error code, failure.ts),
 * and for OAuth2 on a 401: n8n refreshes the token only when the request throws on 401 (on n8n
 * 1.x on every error status, compat.ts). A refresh that Harvest ID refused is not retried: it
 * asks for the credential to be reconnected (oauth2Refresh.ts).
 */

type Outcome<T> = { response: HarvestResponse<T> } | { failure: Failure };

export function baseOptions(url: string): IHttpRequestOptions {
	return {
		url,
		json: true,
		returnFullResponse: true,
		timeout: settings.timeoutMs,
		// Harvest never redirects its API. A redirect comes from a proxy or an attacker, and n8n
		// would resend the Authorization header to wherever it points: it is an error instead.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		headers: { Accept: 'application/json', 'User-Agent': USER_AGENT },
	};
}

interface Call {
	raw?: unknown;
	error?: unknown;
}

async function call(
	ctx: HarvestContext,
	target: Target,
	options: IHttpRequestOptions,
): Promise<Call> {
	const request = authenticatedRequest(ctx);
	const release = await limiterFor(target.limiterKey).acquire();
	try {
		return {
			raw: await request.call(ctx, target.credentialType, {
				...options,
				headers: { ...options.headers },
			}),
		};
	} catch (caught) {
		return { error: caught ?? new Error('no answer') };
	} finally {
		release();
	}
}

/** One paced attempt; the answer (or the failure's texts) already without the credential's secrets. */
export async function send<T>(
	ctx: HarvestContext,
	target: Target,
	options: IHttpRequestOptions,
): Promise<Outcome<T>> {
	const oauth2 = target.credentialType === 'harvestUsersOAuth2Api';
	let result = await call(ctx, target, {
		...options,
		ignoreHttpStatusErrors: statusErrorsToThrow(oauth2),
	});
	if (
		oauth2 &&
		result.error === undefined &&
		(result.raw as { statusCode?: unknown } | undefined)?.statusCode === 401
	) {
		// This n8n knows `ignoreHttpStatusErrors` only as true/false (compat.ts guessed wrong) and
		// returned the 401 without refreshing: asked again so that it throws, it refreshes the token
		// and repeats. Harvest applies nothing it answers 401, so even a POST may be sent again.
		result = await call(ctx, target, { ...options, ignoreHttpStatusErrors: false });
	}
	// n8n itself refused to go on (e.g. Harvest rejected the OAuth2 refresh token: "reconnect
	// the credential"): there is no Harvest answer to retry, and n8n's message says what to do.
	const refusal = n8nRefusal(result.error);
	if (refusal) throw refusal;
	const refused = oauth2 ? refreshRefusal(result.error) : undefined;
	if (refused) throw refreshRefusedError(ctx, target.credentialType, refused, target.secrets);
	await refreshSecrets(ctx, target);
	if (result.error !== undefined) {
		const failure = thrownAnswer(result.error, target.secrets) ?? networkFailure(result.error);
		return { failure: { ...failure, host: new URL(String(options.url)).host } };
	}
	// An n8n outside the tested versions that ignored returnFullResponse: refuse, not misread.
	assertFullResponse(ctx, result.raw);
	const response = readResponse<T>(result.raw, target.secrets);
	return response.status >= 200 && response.status < 300
		? { response }
		: { failure: statusFailure(response) };
}
