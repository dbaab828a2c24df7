import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { USER_AGENT } from '../../../credentials/harvestCredentialShared';
import { baseRoleOf, WHY } from './access';
import { baseUrlProblem } from './baseUrl';
import { harvestBaseUrl } from './credential';
import { configureExecution, harvestRequest } from './request';
import type { HarvestContext } from './types';

/**
 * "Test connection" for the Personal Access Token credential (the node's `testedBy`). It sends
 * GET /v2/users/me through the same transport as a node run, so a wrong Account ID, a Base URL
 * nobody answers at or a refused token get the same words as in a run; and it names the token's
 * role, because a valid Manager's or Member's token still cannot do the roster jobs.
 */
export async function testHarvestConnection(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = harvestBaseUrl(data.baseUrl);
	const badUrl = baseUrlProblem(baseUrl);
	if (badUrl) return { status: 'Error', message: badUrl };
	const ctx = credentialTestContext(this, data);
	// One attempt: the person is waiting on the Test button, and a retry would only repeat the answer.
	configureExecution(ctx, { maxRetries: 0 });
	try {
		const me = await harvestRequest<IDataObject>(ctx, { method: 'GET', path: '/v2/users/me' });
		return roleVerdict(me, String(data.accountId ?? '').trim());
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string };
		const text = [message, description].filter(Boolean).join('. ');
		const unreachable =
			/could not connect|no answer within|connection broke|redirect|not with a/i.test(text);
		return { status: 'Error', message: unreachable ? `Base URL ${baseUrl}: ${text}` : text };
	}
}

/** Pure: what the test says about the token's user. Only an Administrator's token is "OK". */
export function roleVerdict(me: IDataObject, accountId: string): INodeCredentialTestResult {
	const name = [me.first_name, me.last_name].filter((s) => typeof s === 'string' && s).join(' ');
	const who = `${name || `user ${String(me.id ?? '?')}`}${typeof me.email === 'string' && me.email ? ` (${me.email})` : ''}`;
	const role = baseRoleOf(me);
	if (role === 'administrator') {
		return {
			status: 'OK',
			message: `Connected to Harvest account ${accountId} as ${who}, an Administrator: every operation of this node can run.`,
		};
	}
	const roleName =
		role === 'manager' ? 'a Manager' : role === 'member' ? 'a Member' : 'not an Administrator';
	const lists =
		role === 'manager'
			? 'Get Many and the other lists return only them and their teammates (each such run says so)'
			: 'user lists and changes are refused (403 "Not authorized!")';
	return {
		status: 'Error',
		message: `The token works, but its user ${who} is ${roleName}. ${WHY[role ?? 'unknown']}: ${lists}, and roster jobs (Create or Update, Reconcile With Roster, creating, archiving or deleting users, rates, the trigger's Deleted event) need an Administrator. Use a token created by a Harvest Administrator.`,
	};
}

/**
 * The few parts of a node context the transport uses, over n8n's credential-test context (which
 * has only the legacy `request` helper). Requests are signed as the credential's `authenticate`
 * does, and answered as n8n's `httpRequestWithAuthentication` answers them.
 */
function credentialTestContext(
	test: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
): HarvestContext {
	const node = {
		id: 'credential-test',
		name: 'Test connection',
		type: 'harvestUsers',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;
	const send = async (_type: string, options: IHttpRequestOptions) => {
		const response = (await test.helpers.request({
			method: options.method ?? 'GET',
			uri: options.url,
			qs: options.qs,
			json: true,
			timeout: options.timeout,
			followRedirect: false,
			followAllRedirects: false,
			simple: false,
			resolveWithFullResponse: true,
			headers: {
				...options.headers,
				Authorization: `Bearer ${String(data.accessToken ?? '')}`,
				'Harvest-Account-Id': String(data.accountId ?? ''),
				'User-Agent': USER_AGENT,
			},
		})) as { body: unknown; statusCode: number; statusMessage?: string; headers: unknown };
		// n8n's helpers answer every status when asked to (ignoreHttpStatusErrors, send.ts); otherwise
		// a status of 300 or more is thrown in the shape n8n's HTTP helper throws it.
		if (response.statusCode >= 300 && !options.ignoreHttpStatusErrors) {
			const { statusCode: status, statusMessage: statusText, headers, body } = response;
			throw Object.assign(new Error(`HTTP ${status}`), {
				response: { status, statusText, headers, data: body },
			});
		}
		return options.returnFullResponse ? response : response.body;
	};
	return {
		getNode: () => node,
		getNodeParameter: () => 'accessToken',
		getCredentials: async () => data,
		helpers: { httpRequestWithAuthentication: send },
	} as unknown as HarvestContext;
}
