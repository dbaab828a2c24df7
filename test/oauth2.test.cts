/**
 * The OAuth2 credential (harvestUsersOAuth2Api) end to end: connected the way n8n's server
 * connects it (the authorization-code flow against the sandbox's Harvest ID endpoints), then used
 * by the node through n8n-core, including n8n-core's refresh when Harvest answers 401 for an
 * expired access token.
 */
import { ClientOAuth2 } from '@n8n/client-oauth2';
import type { IDataObject } from 'n8n-workflow';

import { oauthCredential, runNode, useSandbox, type CredentialData } from './harness/index.cjs';
import type { LoggedRequest, OAuthTokens } from '../sandbox/src/index.cjs';

const CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

describe('OAuth2 credential through n8n’s runtime', () => {
	const sandbox = useSandbox();

	/** The stored credential after "Connect", holding these tokens and the sandbox's registered client. */
	function credential(oauthTokenData: IDataObject): CredentialData {
		const { harvestUsersOAuth2Api } = oauthCredential(sandbox());
		const { clientId, clientSecret } = sandbox().oauthClient;
		return {
			harvestUsersOAuth2Api: { ...harvestUsersOAuth2Api, clientId, clientSecret, oauthTokenData },
		};
	}

	/** An access token the sandbox has expired, with a refresh token that still works. */
	function expiredTokens(): OAuthTokens {
		const tokens = sandbox().issueOAuthTokens();
		sandbox().expireToken(tokens.access_token);
		return tokens;
	}

	/** What n8n's OAuth2 callback controller does for `authentication: body` (n8n cli, oauth2-credential.controller). */
	async function connect(): Promise<IDataObject> {
		const stored = credential({}).harvestUsersOAuth2Api;
		const options = {
			clientId: String(stored.clientId),
			clientSecret: String(stored.clientSecret),
			accessTokenUri: String(stored.accessTokenUrl),
			authorizationUri: String(stored.authUrl),
			redirectUri: CALLBACK,
			scopes: String(stored.scope).split(','),
			scopesSeparator: ' ' as const,
		};
		const authorizeUrl = new ClientOAuth2(options).code.getUri({ state: 'csrf-state' });
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callback = consent.headers.get('location')!;
		const { clientSecret, ...withoutSecret } = options;
		const token = await new ClientOAuth2(withoutSecret).code.getToken(callback, {
			body: { client_id: options.clientId, client_secret: clientSecret },
		});
		const query = Object.fromEntries(new URL(callback).searchParams);
		const { state: _state, code: _code, ...rest } = query;
		return { ...token.data, callbackQueryString: rest };
	}

	const summary = (log: LoggedRequest[]) => log.map((r) => `${r.method} ${r.path} ${r.status}`);
	const last4 = (token: string) => token.slice(-4);

	it('connects through the authorization-code flow and runs the node with the issued token', async () => {
		const tokenData = await connect();
		expect(tokenData).toMatchObject({
			token_type: 'bearer',
			expires_in: expect.any(Number),
			refresh_token: expect.any(String),
		});
		// The credential's Account ID hint points people here: Harvest returns the account in the scope.
		expect(tokenData.callbackQueryString).toEqual({
			scope: `harvest:${sandbox().tokens.admin.accountId}`,
		});

		const { status, json } = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'user', operation: 'me' },
			credentials: credential(tokenData),
		});
		expect(status).toBe('success');
		expect(json[0].id).toBe(sandbox().tokens.admin.userId);
		const log = sandbox().log;
		expect(summary(log)).toEqual([
			'GET /oauth2/authorize 302',
			'POST /api/v2/oauth2/token 200',
			'GET /v2/users/me 200',
		]);
		expect(log[0].query).toMatchObject({
			client_id: sandbox().oauthClient.clientId,
			response_type: 'code',
			redirect_uri: CALLBACK,
			state: 'csrf-state',
		});
		expect(log[1].body).toMatchObject({
			grant_type: 'authorization_code',
			client_id: sandbox().oauthClient.clientId,
			client_secret: '…cret',
		});
		expect(log[2].token).toBe(last4(String(tokenData.access_token)));
	});

	it('refreshes an expired access token at the token URL, then the request succeeds', async () => {
		const tokens = expiredTokens();
		const { status, json } = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'user', operation: 'me' },
			credentials: credential({ ...tokens }),
		});
		expect(status).toBe('success');
		expect(json).toEqual([expect.objectContaining({ id: sandbox().tokens.admin.userId })]);

		const [expired, refresh, retry] = sandbox().log;
		expect(summary(sandbox().log)).toEqual([
			'GET /v2/users/me 401',
			'POST /api/v2/oauth2/token 200',
			'GET /v2/users/me 200',
		]);
		expect(expired.token).toBe(last4(tokens.access_token));
		expect(refresh.body).toEqual({
			grant_type: 'refresh_token',
			refresh_token: `…${last4(tokens.refresh_token!)}`,
			client_id: sandbox().oauthClient.clientId,
			client_secret: '…cret',
		});
		expect(refresh.token).toBeUndefined();
		expect(retry.token).toBeDefined();
		expect(retry.token).not.toBe(expired.token);
	});

	it('repeats a POST refused with 401 exactly once after the refresh: the role exists once', async () => {
		const { status, json } = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'role',
				operation: 'create',
				name: 'Refreshed Role',
				userIds: [],
			},
			credentials: credential({ ...expiredTokens() }),
		});
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({ name: 'Refreshed Role' });
		expect(summary(sandbox().log)).toEqual([
			'POST /v2/roles 401',
			'POST /api/v2/oauth2/token 200',
			'POST /v2/roles 201',
		]);
		expect(sandbox().log[2].body).toEqual(sandbox().log[0].body);
		expect(
			sandbox()
				.store.roles.list()
				.filter((r) => r.name === 'Refreshed Role'),
		).toHaveLength(1);
	});

	it('asks to reconnect the credential when Harvest refuses the refresh token (invalid_grant), without calling the API again', async () => {
		const tokens = expiredTokens();
		const { status, error } = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'user', operation: 'me' },
			credentials: credential({ ...tokens, refresh_token: 'revoked-refresh-token' }),
		});
		expect(status).toBe('error');
		expect(`${error?.message} ${error?.description ?? ''}`).toMatch(/reconnect/i);
		expect(summary(sandbox().log)).toEqual([
			'GET /v2/users/me 401',
			'POST /api/v2/oauth2/token 400',
		]);
		expect(JSON.stringify(error)).not.toContain(tokens.access_token);
	});
});
