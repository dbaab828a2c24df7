import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';

import { harvestBaseUrl, type Target } from './credential';
import { withFailure } from './errors';
import { baseOptions, send } from './send';
import type { HarvestContext } from './types';

/**
 * Harvest answers 401 both for a bad token and for a good token sent with an Account ID it does
 * not reach. Harvest ID's accounts endpoint tells the two apart and lists the right IDs, so the
 * person can fix the credential in one step instead of guessing.
 */

const HARVEST_API_HOST = 'api.harvestapp.com';
const HARVEST_ID_ACCOUNTS = 'https://id.getharvest.com/api/v2/accounts';

/**
 * Where the token may be asked for its accounts: Harvest ID itself when the credential points at
 * Harvest's API, otherwise the credential's own host (a proxy, the sandbox), so the token never
 * goes to a host the person did not give it to.
 */
export function accountsUrl(baseUrl: string): string {
	const base = new URL(baseUrl);
	if (
		base.protocol === 'https:' &&
		base.hostname === HARVEST_API_HOST &&
		(base.port === '' || base.port === '443')
	) {
		return HARVEST_ID_ACCOUNTS;
	}
	return `${harvestBaseUrl(baseUrl)}/api/v2/accounts`;
}

export interface HarvestAccount {
	id: number;
	name: string;
	product: string;
}

/** The accounts the token reaches; undefined when that cannot be learnt (the token itself is bad). */
async function reachableAccounts(
	ctx: HarvestContext,
	target: Target,
): Promise<HarvestAccount[] | undefined> {
	try {
		// Paced like every request: Harvest ID counts it against the same token.
		const outcome = await send<IDataObject>(ctx, target, {
			...baseOptions(accountsUrl(target.baseUrl)),
			method: 'GET',
		});
		if (!('response' in outcome)) return undefined;
		const { body } = outcome.response;
		const accounts = Array.isArray(body?.accounts) ? (body.accounts as IDataObject[]) : [];
		return accounts
			.filter((a) => typeof a.id === 'number' || typeof a.id === 'string')
			.map((a) => ({
				id: Number(a.id),
				name: String(a.name ?? ''),
				product: String(a.product ?? ''),
			}));
	} catch {
		return undefined;
	}
}

/** Pure: the error text for an Account ID that is not among the token's Harvest accounts. */
export function unknownAccountText(
	accountId: string,
	accounts: HarvestAccount[],
): { message: string; description: string } | undefined {
	const harvest = accounts.filter((a) => a.product === 'harvest');
	if (harvest.some((a) => String(a.id) === accountId)) return undefined;
	const listed = harvest.map((a) => `${a.name} (Account ID ${a.id})`).join(', ');
	const isForecast = accounts.some((a) => a.product === 'forecast' && String(a.id) === accountId);
	const message = isForecast
		? `Account ID ${accountId} is a Forecast account; the Harvest API needs a Harvest account's ID`
		: `Account ID ${accountId} is not a Harvest account this token can reach`;
	const description =
		harvest.length === 0
			? 'The token is valid but reaches no Harvest account. Create the token while signed in to the Harvest account you want to manage.'
			: `This token reaches: ${listed}. Put ${harvest.length === 1 ? 'that ID' : 'one of these IDs'} in the credential's Account ID field.`;
	return { message, description };
}

/**
 * For a 401: the same error, or, when the token is fine but the Account ID is not one of its
 * Harvest accounts, an error naming the accounts it can reach. Never throws.
 */
export async function explainUnauthorized(
	ctx: HarvestContext,
	target: Target,
	status: number | undefined,
	error: NodeApiError,
	itemIndex?: number,
): Promise<NodeApiError> {
	if (status !== 401) return error;
	const accounts = await reachableAccounts(ctx, target);
	const text = accounts && unknownAccountText(target.accountId, accounts);
	if (!text) return error;
	const failure = { cause: 'credential-invalid' } as const;
	const wrongAccount = new NodeApiError(
		ctx.getNode(),
		{ message: text.message, status: 401 } as JsonObject,
		{
			message: `${text.message} [HTTP 401]`,
			description: text.description,
			httpCode: '401',
			itemIndex,
			failure,
		},
	);
	return withFailure(wrongAccount, failure);
}
