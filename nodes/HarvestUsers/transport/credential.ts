import { createHash } from 'crypto';
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { HARVEST_DEFAULT_BASE_URL } from '../../../credentials/harvestCredentialShared';
import { usableSecrets } from './scrub';
import type { HarvestContext } from './types';

/**
 * The one place that reads the Harvest credential: which of the two types the node uses, the
 * Base URL (default and trailing-slash rule), the account, and what must never leave in an answer.
 */

type HarvestCredentialType = 'harvestUsersApi' | 'harvestUsersOAuth2Api';

/** The node's `authentication` choice -> credential type name. */
function credentialTypeFor(authentication: unknown): HarvestCredentialType {
	return authentication === 'oAuth2' ? 'harvestUsersOAuth2Api' : 'harvestUsersApi';
}

/** An empty Base URL means Harvest itself; a trailing slash would double the one every path starts with. */
export function harvestBaseUrl(raw: unknown): string {
	return String(raw || HARVEST_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** Where requests go and as whom, read from the credential once per request. */
export interface Target {
	credentialType: HarvestCredentialType;
	baseUrl: string;
	accountId: string;
	/** Harvest limits per token; the key is a digest so the token itself is never kept around. */
	limiterKey: string;
	/** What must never come back out of an answer (scrub.ts). */
	secrets: string[];
}

function credentialType(ctx: HarvestContext): HarvestCredentialType {
	const auth =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, 'accessToken')
			: ctx.getNodeParameter('authentication', 'accessToken');
	return credentialTypeFor(auth);
}

/** The credential's secrets: the token, and for OAuth2 also the refresh token and client secret. */
function secretsOf(type: HarvestCredentialType, creds: IDataObject): string[] {
	if (type !== 'harvestUsersOAuth2Api') return usableSecrets([creds.accessToken]);
	const tokens = (creds.oauthTokenData ?? {}) as IDataObject;
	return usableSecrets([tokens.access_token, tokens.refresh_token, creds.clientSecret]);
}

export async function readTarget(ctx: HarvestContext): Promise<Target> {
	const type = credentialType(ctx);
	const creds = await ctx.getCredentials(type);
	const baseUrl = harvestBaseUrl(creds.baseUrl);
	const accountId = String(creds.accountId ?? '').trim();
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
	const limiterKey = createHash('sha256').update(`${baseUrl}\n${token}`).digest('hex');
	return { credentialType: type, baseUrl, accountId, limiterKey, secrets: secretsOf(type, creds) };
}

/** n8n may have refreshed the OAuth2 token during a call: the new one must be scrubbed too. */
export async function refreshSecrets(ctx: HarvestContext, target: Target): Promise<void> {
	if (target.credentialType !== 'harvestUsersOAuth2Api') return;
	const creds = await ctx.getCredentials(target.credentialType);
	target.secrets = usableSecrets([...target.secrets, ...secretsOf(target.credentialType, creds)]);
}
