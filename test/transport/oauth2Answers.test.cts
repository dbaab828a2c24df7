/**
 * With the OAuth2 credential, Harvest's answers read exactly as with a token, on every n8n of the
 * jest matrix. n8n refreshes an OAuth2 token only when the request throws on 401; n8n 1.x cannot
 * be asked to throw on 401 alone, so there the transport has it throw on every error status and
 * reads the status and body from the NodeApiError n8n 1.x throws instead of the full response.
 * These are the checks that a 4xx, a 429 and the trigger's 404 still mean what they mean there
 * (before that, n8n 1.x sent the 401 twice and refreshed only on the second).
 */
import { oauthCredential, runNode, useSandbox } from '../harness/index.cjs';
import { byId, calls, idOf } from '../node/people.cjs';
import { eventsOf, poller } from '../trigger/helpers.cjs';

const oauth2 = { authentication: 'oAuth2' };
const summary = (log: Array<{ method: string; path: string; status: number }>) =>
	log.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('OAuth2: every Harvest answer read as with a token', () => {
	const sandbox = useSandbox();
	const admin = () => oauthCredential(sandbox(), 'admin');

	it('a Create refused with 422 says Harvest’s words and is sent once', async () => {
		const { status, error } = await runNode({
			parameters: {
				...oauth2,
				resource: 'user',
				operation: 'create',
				firstName: 'Leo',
				lastName: 'Again',
				email: 'leo.fischer@example.com',
			},
			credentials: admin(),
		});
		expect(status).toBe('error');
		expect(error?.message).toBe('Email has already been taken [HTTP 422]');
		expect(calls(sandbox())).toEqual(['POST /v2/users']);
	});

	it('deleted, blocked and unknown users each get their own answer, each DELETE sent once', async () => {
		const [grace, ana] = [idOf(sandbox(), 'Grace'), idOf(sandbox(), 'Ana')];
		const { items } = await runNode({
			parameters: {
				...oauth2,
				resource: 'user',
				operation: 'delete',
				userId: byId('={{ $json.id }}'),
			},
			input: [{ id: grace }, { id: ana }, { id: 424242 }],
			credentials: admin(),
			continueOnFail: true,
		});
		expect(items[0].json).toEqual({ deleted: true, id: grace });
		expect(items[1].json).toMatchObject({
			httpCode: '422',
			description: expect.stringMatching(/Archive the user instead/),
		});
		expect(items[2].json).toMatchObject({
			error: 'No Harvest user with ID 424242 [HTTP 404]',
			description: expect.stringMatching(/check the ID/),
		});
		expect(summary(sandbox().log)).toEqual([
			`DELETE /v2/users/${grace} 200`,
			`DELETE /v2/users/${ana} 422`,
			'DELETE /v2/users/424242 404',
		]);
	});

	it('a Member’s token gets Harvest’s 403, not a refresh', async () => {
		const { error } = await runNode({
			parameters: { ...oauth2, resource: 'user', operation: 'delete', userId: byId(1) },
			credentials: oauthCredential(sandbox(), 'member'),
		});
		expect(error?.message).toBe('Not authorized! [HTTP 403]');
		expect(summary(sandbox().log)).toEqual(['DELETE /v2/users/1 403']);
	});

	it('waits out 429s and then succeeds, without reading them as broken connections', async () => {
		sandbox().inject({ kind: '429', count: 2, retryAfter: 'seconds', retryAfterSeconds: 1 });
		const { status, json } = await runNode({
			parameters: { ...oauth2, resource: 'user', operation: 'me' },
			credentials: admin(),
		});
		expect(status).toBe('success');
		expect(json[0].id).toBe(sandbox().tokens.admin.userId);
		expect(summary(sandbox().log)).toEqual([
			'GET /v2/users/me 429',
			'GET /v2/users/me 429',
			'GET /v2/users/me 200',
		]);
	});

	it('says which setting to fix when Harvest ID refuses the client at refresh, without retrying', async () => {
		const tokens = sandbox().issueOAuthTokens();
		sandbox().expireToken(tokens.access_token);
		const stored = admin().harvestUsersOAuth2Api;
		const { status, error } = await runNode({
			parameters: { ...oauth2, resource: 'user', operation: 'me' },
			credentials: {
				harvestUsersOAuth2Api: {
					...stored,
					clientSecret: 'a-client-secret-that-was-rotated',
					oauthTokenData: { ...tokens },
				},
			},
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/^Harvest ID refused to refresh the access token/);
		expect(error?.description).toMatch(/Client ID and Client Secret/);
		expect(summary(sandbox().log)).toEqual([
			'GET /v2/users/me 401',
			'POST /api/v2/oauth2/token 401',
		]);
		const shown = JSON.stringify(error);
		for (const secret of [tokens.access_token, tokens.refresh_token!, 'was-rotated'])
			expect(shown).not.toContain(secret);
	});

	it('the trigger confirms a deletion with Harvest’s 404 and keeps polling after it', async () => {
		const trigger = poller(sandbox, { ...oauth2, events: ['deleted'] }, admin());
		expect(await trigger.poll()).toEqual([]);
		const grace = idOf(sandbox(), 'Grace');
		sandbox().store.users.delete(grace, { force: true });
		sandbox().clearLog();

		expect(eventsOf(await trigger.poll())).toEqual([`deleted:${grace}`]);
		expect(summary(sandbox().log).filter((r) => !r.startsWith('GET /v2/users '))).toEqual([
			'GET /v2/users/me 200',
			`GET /v2/users/${grace} 404`,
		]);
		expect(await trigger.poll()).toEqual([]);
	});
});
