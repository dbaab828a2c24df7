/**
 * A hostile world (issue 10) through n8n's runtime: redirects that would carry the token to
 * another host, and answers that echo secrets back.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	oauthCredential,
	patCredential,
	runNode,
	useSandbox,
	type CredentialData,
} from '../harness/index.cjs';
import { startOtherOrigin, type OtherOrigin } from '../../sandbox/src/testkit.cjs';

const me = { resource: 'user', operation: 'me' };
const allUsers = { resource: 'user', operation: 'getAll', returnAll: true };

/** Every string anywhere in a value (items, errors), to search for secrets. */
function texts(value: unknown): string {
	return JSON.stringify(value ?? null);
}

describe('redirects never carry the credential to another origin', () => {
	const sandbox = useSandbox();
	let other: OtherOrigin;
	beforeAll(async () => {
		other = await startOtherOrigin();
	});
	beforeEach(() => other.requests.splice(0));
	afterAll(() => other.close());

	it.each([301, 302, 307, 308])(
		'a %i to another host is an error naming that host only, and nothing reaches it',
		async (status) => {
			const target = `${other.url}/v2/users/me?token=leak`;
			sandbox().inject({
				kind: 'redirect',
				status,
				location: target,
				match: { path: '/v2/users/me' },
			});
			const {
				status: runStatus,
				error,
				json,
			} = await runNode({ parameters: me, credentials: patCredential(sandbox()) });
			expect(runStatus).toBe('error');
			expect(json).toEqual([]);
			const host = new URL(other.url).host;
			expect(error?.message).toContain(host);
			expect(error?.message).toMatch(/redirect/i);
			expect(texts(error)).not.toContain('token=leak');
			expect(other.requests).toEqual([]);
		},
	);

	it('an OAuth2 credential is not sent across either', async () => {
		sandbox().inject({
			kind: 'redirect',
			status: 302,
			location: `${other.url}/v2/users/me`,
			match: { path: '/v2/users/me' },
		});
		const { status } = await runNode({
			parameters: { ...me, authentication: 'oAuth2' },
			credentials: oauthCredential(sandbox()),
		});
		expect(status).toBe('error');
		expect(other.requests).toEqual([]);
	});

	it('a redirect while listing fails the listing instead of returning part of it', async () => {
		sandbox().reset({ users: 2500 });
		sandbox().inject({
			kind: 'redirect',
			location: `${other.url}/v2/users`,
			match: { path: '/v2/users' },
		});
		const { status, json } = await runNode({
			parameters: allUsers,
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('error');
		expect(json).toEqual([]);
		expect(other.requests).toEqual([]);
	});

	it('a next link on another host is still re-based onto the credential’s host', async () => {
		sandbox().reset({ users: 2500 });
		sandbox().inject({
			kind: 'rewrite',
			set: { links: { next: `${other.url}/v2/users?cursor=x` } },
			match: { path: '/v2/users' },
		});
		await runNode({ parameters: allUsers, credentials: patCredential(sandbox()) });
		expect(other.requests).toEqual([]);
		expect(
			sandbox()
				.log.filter((r) => r.path === '/v2/users')
				.map((r) => r.query.cursor ?? 'first'),
		).toEqual(['first', 'x']);
	});
});

describe('echoed secrets are scrubbed from items and errors', () => {
	const sandbox = useSandbox();
	const token = () => sandbox().tokens.admin.token;

	it('an error whose message and Hint echo the token', async () => {
		sandbox().inject({ kind: 'echo', status: 422, match: { path: '/v2/users/me' } });
		const { status, error } = await runNode({
			parameters: me,
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/Rejected header Authorization: Bearer \[redacted\]/);
		expect(texts(error)).not.toContain(token());
	});

	it('the Hint header alone echoing the token', async () => {
		const hint = `bad token ${sandbox().tokens.admin.token}`;
		sandbox().inject({
			kind: 'body',
			status: 403,
			body: '',
			contentType: 'text/html',
			headers: { Hint: hint },
			match: { path: '/v2/users/me' },
		});
		const { status, error } = await runNode({
			parameters: me,
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('error');
		expect(error?.message).toContain('bad token [redacted]');
		expect(texts(error)).not.toContain(token());
	});

	it('an item whose record echoes the token', async () => {
		sandbox().inject({ kind: 'echo', match: { path: '/v2/users/me' } });
		const { status, json } = await runNode({
			parameters: me,
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('success');
		expect(json[0].id).toBe(sandbox().tokens.admin.userId);
		expect((json[0].echo as IDataObject).authorization).toBe('Bearer [redacted]');
		expect(texts(json)).not.toContain(token());
	});

	it('OAuth2: the access token, the refresh token and the client secret, in an error and in an item', async () => {
		const issued = sandbox().issueOAuthTokens();
		const base = oauthCredential(sandbox()).harvestUsersOAuth2Api;
		const credentials: CredentialData = {
			harvestUsersOAuth2Api: {
				...base,
				oauthTokenData: {
					access_token: issued.access_token,
					refresh_token: issued.refresh_token,
					token_type: 'bearer',
				},
			},
		};
		const secrets = [
			issued.access_token,
			String(issued.refresh_token),
			sandbox().oauthClient.clientSecret,
		];
		const echoed = `proxy saw ${secrets.join(' and ')}`;
		sandbox().inject({
			kind: 'body',
			status: 400,
			body: JSON.stringify({ message: echoed }),
			match: { path: '/v2/users/me' },
		});
		sandbox().inject({
			kind: 'rewrite',
			set: { first_name: echoed },
			match: { path: '/v2/users/me' },
		});
		const failed = await runNode({ parameters: { ...me, authentication: 'oAuth2' }, credentials });
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toContain('proxy saw [redacted] and [redacted] and [redacted]');
		const passed = await runNode({ parameters: { ...me, authentication: 'oAuth2' }, credentials });
		expect(passed.json[0].first_name).toBe('proxy saw [redacted] and [redacted] and [redacted]');
		for (const secret of secrets) expect(texts([failed.error, passed.json])).not.toContain(secret);
	});
});
