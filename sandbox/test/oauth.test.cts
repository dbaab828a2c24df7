/** OAuth2 on the sandbox (reference §1.3): authorize, the token URL, issued tokens on the API, expiry. */
import { INVALID_TOKEN_DESCRIPTION } from '../src/errors.cjs';
import { startSandbox } from '../src/index.cjs';
import { ACCESS_TOKEN_LIFETIME_S } from '../src/oauth.cjs';
import { Json, rawRequest, USER_AGENT } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.clearFaults();
	sandbox.setClockOffset(0);
});

const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';
const INVALID = { error: 'invalid_token', error_description: INVALID_TOKEN_DESCRIPTION };

function authorizeUrl(params: Record<string, string>): string {
	const q = new URLSearchParams({
		client_id: sandbox.oauthClient.clientId,
		response_type: 'code',
		...params,
	});
	return `${sandbox.url}/oauth2/authorize?${q.toString()}`;
}

/** Follows the authorize step as a browser would, up to (not into) the redirect. */
async function authorize(
	params: Record<string, string> = {},
): Promise<{ status: number; location: URL; text: string }> {
	const res = await fetch(authorizeUrl({ redirect_uri: REDIRECT, ...params }), {
		redirect: 'manual',
	});
	return {
		status: res.status,
		location: new URL(res.headers.get('location') ?? 'about:blank'),
		text: await res.text(),
	};
}

async function token(
	body: Record<string, string>,
	as: 'form' | 'json' = 'form',
	headers: Record<string, string> = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
	const res = await fetch(`${sandbox.url}/api/v2/oauth2/token`, {
		method: 'POST',
		headers: {
			'User-Agent': USER_AGENT,
			'Content-Type': as === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
			...headers,
		},
		body: as === 'form' ? new URLSearchParams(body).toString() : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const client = () => ({
	client_id: sandbox.oauthClient.clientId,
	client_secret: sandbox.oauthClient.clientSecret,
});

async function me(
	accessToken: string,
	accountId = sandbox.tokens.admin.accountId,
): Promise<{ status: number; json: Json; headers: Headers }> {
	const res = await fetch(`${sandbox.url}/v2/users/me`, {
		headers: {
			Authorization: `Bearer ${accessToken}`,
			'Harvest-Account-Id': accountId,
			'User-Agent': USER_AGENT,
		},
	});
	return { status: res.status, json: await res.json(), headers: res.headers };
}

async function adminApi(
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; json: Json }> {
	const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('authorization-code flow', () => {
	it('redirects with code, scope=harvest:ACCOUNT_ID and state; the code buys tokens that act as the admin', async () => {
		const { status, location } = await authorize({ state: 'xyz-123', scope: 'all' });
		expect(status).toBe(302);
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
		expect(location.search).toContain(`scope=harvest%3A${sandbox.tokens.admin.accountId}`);
		expect(location.searchParams.get('state')).toBe('xyz-123');
		const code = location.searchParams.get('code')!;

		const issued = await token({
			grant_type: 'authorization_code',
			code,
			...client(),
			redirect_uri: REDIRECT,
		});
		expect(issued.status).toBe(200);
		expect(issued.json).toEqual({
			access_token: expect.stringMatching(new RegExp(`^${sandbox.tokens.admin.accountId}\\.at\\.`)),
			refresh_token: expect.stringMatching(
				new RegExp(`^${sandbox.tokens.admin.accountId}\\.rt\\.`),
			),
			token_type: 'bearer',
			expires_in: ACCESS_TOKEN_LIFETIME_S,
		});
		expect(issued.headers.get('cache-control')).toBe('no-store');

		const user = await me(issued.json.access_token);
		expect(user.status).toBe(200);
		expect(user.json.id).toBe(sandbox.tokens.admin.userId);
		const accounts = await rawRequest(`${sandbox.url}/api/v2/accounts`, {
			Authorization: `Bearer ${issued.json.access_token}`,
			'User-Agent': USER_AGENT,
		});
		expect(JSON.parse(accounts.text).user.id).toBe(sandbox.tokens.admin.userId);
	});

	it('accepts a JSON token request, and a code only once', async () => {
		const code = (await authorize()).location.searchParams.get('code')!;
		expect(
			(await token({ grant_type: 'authorization_code', code, ...client() }, 'json')).status,
		).toBe(200);
		const again = await token({ grant_type: 'authorization_code', code, ...client() }, 'json');
		expect(again.status).toBe(400);
		expect(again.json).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
	});

	it('issues tokens for sandbox_user, which carry that user’s permissions', async () => {
		const code = (await authorize({ sandbox_user: 'member' })).location.searchParams.get('code')!;
		const { json } = await token({ grant_type: 'authorization_code', code, ...client() });
		expect((await me(json.access_token)).json.id).toBe(sandbox.tokens.member.userId);
		const users = await fetch(`${sandbox.url}/v2/users`, {
			headers: {
				Authorization: `Bearer ${json.access_token}`,
				'Harvest-Account-Id': sandbox.tokens.member.accountId,
				'User-Agent': USER_AGENT,
			},
		});
		expect(users.status).toBe(403);
		const nobody = await authorize({ sandbox_user: '999999', state: 's' });
		expect(nobody.location.searchParams.get('error')).toBe('access_denied');
		expect(nobody.location.searchParams.get('state')).toBe('s');
	});

	it('without redirect_uri shows the values on a page; an unknown client gets a 400 page, never a redirect', async () => {
		const page = await fetch(authorizeUrl({ state: 'abc' }));
		expect(page.status).toBe(200);
		const html = await page.text();
		const code = html.match(/<code id="code">([^<]+)<\/code>/)?.[1];
		expect(code).toBeDefined();
		expect(html).toContain(`harvest:${sandbox.tokens.admin.accountId}`);
		expect(
			(await token({ grant_type: 'authorization_code', code: code!, ...client() })).status,
		).toBe(200);

		const unknown = await fetch(
			authorizeUrl({ client_id: 'someone-else', redirect_uri: REDIRECT }),
			{ redirect: 'manual' },
		);
		expect(unknown.status).toBe(400);
		expect(unknown.headers.get('location')).toBeNull();
	});

	it('answers response_type=token in the fragment without a refresh token, and refuses other types', async () => {
		const implicit = await authorize({ response_type: 'token', state: 'st' });
		const fragment = new URLSearchParams(implicit.location.hash.slice(1));
		expect(fragment.get('token_type')).toBe('bearer');
		expect(fragment.get('state')).toBe('st');
		expect(fragment.get('refresh_token')).toBeNull();
		expect((await me(fragment.get('access_token')!)).status).toBe(200);
		const other = await authorize({ response_type: 'id_token' });
		expect(other.location.searchParams.get('error')).toBe('unsupported_response_type');
	});

	it('lets a code lapse after ten minutes', async () => {
		const code = (await authorize()).location.searchParams.get('code')!;
		sandbox.setClockOffset(10 * 60_000 + 1000);
		expect((await token({ grant_type: 'authorization_code', code, ...client() })).json.error).toBe(
			'invalid_grant',
		);
	});
});

describe('token URL errors', () => {
	it('invalid_client (401) for a wrong secret, an unknown client or client credentials sent only as Basic auth', async () => {
		const code = (await authorize()).location.searchParams.get('code')!;
		const wrong = await token({
			grant_type: 'authorization_code',
			code,
			client_id: sandbox.oauthClient.clientId,
			client_secret: 'nope',
		});
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
		expect(
			(
				await token({
					grant_type: 'refresh_token',
					refresh_token: 'x',
					client_id: 'other',
					client_secret: 'x',
				})
			).status,
		).toBe(401);
		const basic = Buffer.from(
			`${sandbox.oauthClient.clientId}:${sandbox.oauthClient.clientSecret}`,
		).toString('base64');
		expect(
			(
				await token({ grant_type: 'refresh_token', refresh_token: 'x' }, 'form', {
					Authorization: `Basic ${basic}`,
				})
			).status,
		).toBe(401);
	});

	it('invalid_grant (400) for an unknown refresh token; invalid_request and unsupported_grant_type for malformed requests', async () => {
		const unknown = await token({
			grant_type: 'refresh_token',
			refresh_token: 'not-issued',
			...client(),
		});
		expect(unknown.status).toBe(400);
		expect(unknown.json.error).toBe('invalid_grant');
		expect((await token({ ...client() })).json).toEqual({
			error: 'invalid_request',
			error_description: 'grant_type is required.',
		});
		expect((await token({ grant_type: 'refresh_token', ...client() })).json.error).toBe(
			'invalid_request',
		);
		expect((await token({ grant_type: 'password', ...client() })).json.error).toBe(
			'unsupported_grant_type',
		);
	});

	it('wants POST and a User-Agent', async () => {
		expect(
			(await fetch(`${sandbox.url}/api/v2/oauth2/token`, { headers: { 'User-Agent': USER_AGENT } }))
				.status,
		).toBe(404);
		const res = await rawRequest(
			`${sandbox.url}/api/v2/oauth2/token`,
			{ 'Content-Type': 'application/x-www-form-urlencoded' },
			'POST',
		);
		expect(res.status).toBe(400);
		expect(JSON.parse(res.text).message).toMatch(/User-Agent/);
	});
});

describe('refresh and expiry', () => {
	it('refresh_token buys a new access token for the same user; the refresh token stays valid', async () => {
		const first = sandbox.issueOAuthTokens('manager');
		const refreshed = await token({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token!,
			...client(),
		});
		expect(refreshed.status).toBe(200);
		expect(refreshed.json.access_token).not.toBe(first.access_token);
		expect(refreshed.json.refresh_token).toBe(first.refresh_token);
		expect((await me(refreshed.json.access_token)).json.id).toBe(sandbox.tokens.manager.userId);
		expect(
			(
				await token({
					grant_type: 'refresh_token',
					refresh_token: first.refresh_token!,
					...client(),
				})
			).status,
		).toBe(200);
	});

	it('expireToken: the API answers the recorded 401 invalid_token; a refresh brings access back', async () => {
		const issued = sandbox.issueOAuthTokens();
		expect((await me(issued.access_token)).status).toBe(200);
		sandbox.expireToken(issued.access_token);
		const expired = await me(issued.access_token);
		expect(expired.status).toBe(401);
		expect(expired.json).toEqual(INVALID);
		expect(expired.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
		const { json } = await token({
			grant_type: 'refresh_token',
			refresh_token: issued.refresh_token!,
			...client(),
		});
		expect((await me(json.access_token)).status).toBe(200);
	});

	it('access tokens lapse after expires_in on the sandbox clock, and belong to one account', async () => {
		const issued = sandbox.issueOAuthTokens();
		expect((await me(issued.access_token, '999')).status).toBe(401);
		sandbox.setClockOffset(ACCESS_TOKEN_LIFETIME_S * 1000);
		expect((await me(issued.access_token)).status).toBe(401);
	});

	it('expireToken revokes a fixed personal token until reset; unknown tokens are an error', async () => {
		sandbox.expireToken(sandbox.tokens.admin.token);
		expect((await me(sandbox.tokens.admin.token)).status).toBe(401);
		expect((await me(sandbox.tokens.manager.token)).status).toBe(200);
		expect(() => sandbox.expireToken('never-issued')).toThrow(/never issued/);
		sandbox.reset();
		expect((await me(sandbox.tokens.admin.token)).status).toBe(200);
	});

	it('reset forgets issued tokens', async () => {
		const issued = sandbox.issueOAuthTokens();
		sandbox.reset();
		expect((await me(issued.access_token)).status).toBe(401);
		expect(
			(
				await token({
					grant_type: 'refresh_token',
					refresh_token: issued.refresh_token!,
					...client(),
				})
			).json.error,
		).toBe('invalid_grant');
	});
});

describe('log, faults and the admin API', () => {
	it('logs token requests with secrets cut to their last 4 characters', async () => {
		const issued = sandbox.issueOAuthTokens();
		sandbox.clearLog();
		await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token!, ...client() });
		expect(sandbox.log).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/api/v2/oauth2/token',
				status: 200,
				body: {
					grant_type: 'refresh_token',
					refresh_token: `…${issued.refresh_token!.slice(-4)}`,
					client_id: sandbox.oauthClient.clientId,
					client_secret: '…cret',
				},
			}),
		]);
	});

	it('a fault reaches the token URL only when its match.path names it', async () => {
		const issued = sandbox.issueOAuthTokens();
		const refresh = {
			grant_type: 'refresh_token',
			refresh_token: issued.refresh_token!,
			...client(),
		};
		sandbox.inject({ kind: 'status', status: 503 });
		expect((await token(refresh)).status).toBe(200);
		expect((await me(issued.access_token)).status).toBe(503);
		sandbox.inject({ kind: 'status', status: 500, match: { path: '/api/v2/oauth2/token' } });
		const faulted = await token(refresh);
		expect(faulted.status).toBe(500);
		expect(sandbox.log.at(-1)).toMatchObject({
			path: '/api/v2/oauth2/token',
			fault: 'status',
			status: 500,
		});
		expect((await token(refresh)).status).toBe(200);
	});

	it('issues and expires tokens over /__sandbox/tokens/*, and lists the OAuth client', async () => {
		expect((await adminApi('GET', 'tokens')).json.oauth_client).toEqual(sandbox.oauthClient);
		const issued = await adminApi('POST', 'tokens/oauth', { user: 'member' });
		expect(issued.status).toBe(201);
		expect((await me(issued.json.access_token)).json.id).toBe(sandbox.tokens.member.userId);
		expect(
			(await adminApi('POST', 'tokens/expire', { token: issued.json.access_token })).status,
		).toBe(200);
		expect((await me(issued.json.access_token)).status).toBe(401);
		expect((await adminApi('POST', 'tokens/expire', { token: 'never-issued' })).status).toBe(404);
		expect((await adminApi('POST', 'tokens/oauth', { user: 123456 })).status).toBe(404);
	});
});
