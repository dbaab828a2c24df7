/**
 * Harvest ID's OAuth2 authorization-code flow (reference §1.3), served by the sandbox on the same
 * origin as the API:
 *
 *   GET  /oauth2/authorize?client_id=…&response_type=code&redirect_uri=…&state=…
 *        → 302 redirect_uri?code=…&scope=harvest%3A{ACCOUNT_ID}&state=…
 *          (no redirect_uri: an HTML page showing the same values)
 *   POST /api/v2/oauth2/token   form or JSON: grant_type=authorization_code (code, client_id,
 *        client_secret) or grant_type=refresh_token (refresh_token, client_id, client_secret)
 *        → { access_token, refresh_token, token_type: 'bearer', expires_in }
 *
 * Nobody logs in: the authorize step approves at once as the admin, or as `sandbox_user`
 * (admin | manager | member | a user id; a sandbox-only parameter). Issued access tokens are
 * accepted by the API like the fixed personal tokens, for the user they were issued to.
 */
import { randomBytes } from 'crypto';
import type { Clock } from './clock.cjs';
import { HarvestError, htmlPage } from './errors.cjs';
import { htmlReply, jsonReply, Reply } from './http.cjs';
import type { Body } from './model/input.cjs';
import type { OAuthClient, OAuthTokens } from './types.cjs';

/** The one registered client; the CLI prints it so a local n8n can connect to the sandbox. */
export const SANDBOX_OAUTH_CLIENT: OAuthClient = {
	clientId: 'sandbox-client',
	clientSecret: 'sandbox-secret',
};

/** The `expires_in` one client logged from Harvest (about 14 days); not documented. */
export const ACCESS_TOKEN_LIFETIME_S = 1_209_599;

/** RFC 6749 §4.1.2 recommends at most 10 minutes; Harvest's own value is unknown. */
const CODE_LIFETIME_MS = 10 * 60_000;

export const AUTHORIZE_PATH = '/oauth2/authorize';
export const TOKEN_PATH = '/api/v2/oauth2/token';

interface Grant {
	userId: number;
	clientId: string;
}

interface IssuedAccess extends Grant {
	expiresAtMs: number;
	expired: boolean;
}

/** RFC 6749 §5.2 error bodies, the shape the reference records for Harvest's token URL. */
function oauthError(status: number, error: string, description: string): HarvestError {
	return new HarvestError({
		status,
		headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
		body: { error, error_description: description },
	});
}

const invalidRequest = (description: string) => oauthError(400, 'invalid_request', description);
const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);

function secret(kind: string, accountId: string): string {
	return `${accountId}.${kind}.${randomBytes(24).toString('base64url')}`;
}

function parseUrl(s: string): URL | null {
	try {
		return new URL(s);
	} catch {
		return null;
	}
}

function field(body: Body, name: string): string | undefined {
	const v = body[name];
	return v === undefined || v === null || v === '' ? undefined : String(v);
}

export class OAuthProvider {
	readonly client: OAuthClient = SANDBOX_OAUTH_CLIENT;
	private readonly codes = new Map<string, Grant & { expiresAtMs: number }>();
	private readonly access = new Map<string, IssuedAccess>();
	private readonly refresh = new Map<string, Grant>();

	constructor(
		private readonly clock: Clock,
		private readonly accountId: string,
	) {}

	/** Forgets every code and token it issued (they belong to users of the previous seed). */
	reset(): void {
		this.codes.clear();
		this.access.clear();
		this.refresh.clear();
	}

	issue(userId: number, clientId = this.client.clientId): OAuthTokens {
		const refreshToken = secret('rt', this.accountId);
		this.refresh.set(refreshToken, { userId, clientId });
		return this.issueAccess({ userId, clientId }, refreshToken);
	}

	/** The user an issued access token acts for; undefined when unknown or expired. */
	userFor(token: string | undefined): number | undefined {
		const issued = token === undefined ? undefined : this.access.get(token);
		if (!issued || issued.expired || this.clock.nowMs() >= issued.expiresAtMs) return undefined;
		return issued.userId;
	}

	/** false when the token is not one this provider issued. */
	expire(token: string): boolean {
		const issued = this.access.get(token);
		if (!issued) return false;
		issued.expired = true;
		return true;
	}

	/** `resolveUser` maps `sandbox_user` (undefined = the admin) to a user id. */
	authorize(
		query: Record<string, string>,
		resolveUser: (who: string | undefined) => number | undefined,
	): Reply {
		if (query.client_id !== this.client.clientId) {
			// Without a known client there is no trusted redirect_uri, so the error stays on the page.
			return htmlReply(400, htmlPage(400, 'Unknown OAuth client (client_id).'));
		}
		const redirect = query.redirect_uri ? parseUrl(query.redirect_uri) : undefined;
		if (redirect === null) return htmlReply(400, htmlPage(400, 'redirect_uri is not a valid URL.'));
		const answer = (params: Record<string, string>, fragment = false): Reply => {
			const all = query.state === undefined ? params : { ...params, state: query.state };
			if (!redirect) return htmlReply(200, authorizedPage(all));
			const target = new URL(redirect);
			const encoded = new URLSearchParams(all).toString();
			if (fragment) target.hash = encoded;
			else for (const [k, v] of Object.entries(all)) target.searchParams.set(k, v);
			return {
				status: 302,
				headers: { Location: target.toString(), 'Content-Type': 'text/html; charset=utf-8' },
				body: '',
			};
		};
		const userId = resolveUser(query.sandbox_user);
		if (userId === undefined)
			return answer({
				error: 'access_denied',
				error_description: `No active user "${query.sandbox_user}" in the sandbox.`,
			});
		const scope = `harvest:${this.accountId}`;
		if (query.response_type === 'code') {
			const code = secret('ac', this.accountId);
			this.codes.set(code, {
				userId,
				clientId: this.client.clientId,
				expiresAtMs: this.clock.nowMs() + CODE_LIFETIME_MS,
			});
			return answer({ code, scope });
		}
		if (query.response_type === 'token') {
			// The implicit flow: the token in the fragment, and no refresh token (reference §1.3).
			const { access_token, token_type, expires_in } = this.issueAccess({
				userId,
				clientId: this.client.clientId,
			});
			return answer({ access_token, token_type, expires_in: String(expires_in), scope }, true);
		}
		return answer({
			error: 'unsupported_response_type',
			error_description: 'response_type must be code or token.',
		});
	}

	token(body: Body): Reply {
		const grantType = field(body, 'grant_type');
		if (!grantType) throw invalidRequest('grant_type is required.');
		if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
			throw oauthError(
				400,
				'unsupported_grant_type',
				'grant_type must be authorization_code or refresh_token.',
			);
		// The documented request carries the client credentials in the body; HTTP Basic is unconfirmed.
		if (
			field(body, 'client_id') !== this.client.clientId ||
			field(body, 'client_secret') !== this.client.clientSecret
		)
			throw oauthError(
				401,
				'invalid_client',
				'Client authentication failed: unknown client_id or wrong client_secret.',
			);

		if (grantType === 'authorization_code') {
			const code = field(body, 'code');
			if (!code) throw invalidRequest('code is required.');
			const grant = this.codes.get(code);
			this.codes.delete(code); // single use, even when the attempt fails
			if (
				!grant ||
				grant.clientId !== this.client.clientId ||
				this.clock.nowMs() >= grant.expiresAtMs
			)
				throw invalidGrant('The authorization code is invalid, expired or already used.');
			return this.reply(this.issue(grant.userId, grant.clientId));
		}
		const refreshToken = field(body, 'refresh_token');
		if (!refreshToken) throw invalidRequest('refresh_token is required.');
		const grant = this.refresh.get(refreshToken);
		if (!grant || grant.clientId !== this.client.clientId)
			throw invalidGrant('The refresh token is invalid or revoked.');
		// Whether Harvest rotates refresh tokens is unknown; the sandbox hands back the same one.
		return this.reply(this.issueAccess(grant, refreshToken));
	}

	private issueAccess(grant: Grant, refreshToken?: string): OAuthTokens {
		const accessToken = secret('at', this.accountId);
		this.access.set(accessToken, {
			...grant,
			expiresAtMs: this.clock.nowMs() + ACCESS_TOKEN_LIFETIME_S * 1000,
			expired: false,
		});
		const tokens: OAuthTokens = {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: ACCESS_TOKEN_LIFETIME_S,
		};
		if (refreshToken) tokens.refresh_token = refreshToken;
		return tokens;
	}

	private reply(tokens: OAuthTokens): Reply {
		return jsonReply(200, tokens, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
	}
}

/** What the request log keeps of a token request: secrets cut to their last 4 characters, like `LoggedRequest.token`. */
export function redactTokenRequest(body: unknown): unknown {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
	const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
	for (const key of ['client_secret', 'code', 'refresh_token'])
		if (typeof out[key] === 'string') out[key] = `…${(out[key] as string).slice(-4)}`;
	return out;
}

function authorizedPage(params: Record<string, string>): string {
	const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	const rows = Object.entries(params)
		.map(
			([k, v]) => `    <dt>${escape(k)}</dt><dd><code id="${escape(k)}">${escape(v)}</code></dd>`,
		)
		.join('\n');
	return `<!DOCTYPE html>\n<html>\n<head>\n  <title>Harvest sandbox: authorized</title>\n</head>\n<body>\n  <h1>Authorized</h1>\n  <p>No redirect_uri was given; these are the values a redirect would carry.</p>\n  <dl>\n${rows}\n  </dl>\n</body>\n</html>\n`;
}
