/**
 * Issue 24, point 1: "Test connection" tells the truth, run the way n8n's CredentialsTester runs it
 * (test/harness/credentialTest.ts): the token's role, what a Manager's or Member's token cannot do,
 * a Base URL mistake in words with the fix, and a wrong Account ID named with the accounts the
 * token reaches, in the same words as a node run.
 */
import { createServer } from 'net';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { testCredential } from '../harness/credentialTest.cjs';

const sandbox = useSandbox({ seed: 'demo' });

const pat = (who: 'admin' | 'manager' | 'member' = 'admin') => ({
	...patCredential(sandbox(), who).harvestUsersApi,
});

describe('Test connection names the token’s role', () => {
	it('an Administrator: OK, naming the user and the account', async () => {
		const result = await testCredential('harvestUsersApi', pat('admin'));
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/an Administrator/);
		expect(result.message).toContain(String(sandbox().tokens.admin.accountId));
	});

	it.each(['manager', 'member'] as const)(
		'a %s: not green, says which role and that roster jobs need an Administrator',
		async (who) => {
			const result = await testCredential('harvestUsersApi', pat(who));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(who === 'manager' ? /is a Manager/ : /is a Member/);
			expect(result.message).toMatch(/need an Administrator/);
			expect(result.message).toMatch(/Reconcile With Roster/);
			expect(result.message).not.toContain(sandbox().tokens[who].token);
		},
	);
});

describe('Test connection and Base URL mistakes', () => {
	it('a URL without http(s):// names the Base URL and the fix, no ERR_INVALID_URL', async () => {
		const result = await testCredential('harvestUsersApi', {
			...pat(),
			baseUrl: 'api.harvestapp.com',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('"api.harvestapp.com"');
		expect(result.message).toMatch(/must start with https:\/\//);
		expect(result.message).not.toMatch(/ERR_INVALID_URL/);
	});

	it('nothing listening names the Base URL and what to check, no ECONNREFUSED', async () => {
		const port = await new Promise<number>((resolve) => {
			const server = createServer();
			server.listen(0, '127.0.0.1', () => {
				const { port: p } = server.address() as { port: number };
				server.close(() => resolve(p));
			});
		});
		const baseUrl = `http://127.0.0.1:${port}`;
		const result = await testCredential('harvestUsersApi', { ...pat(), baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`Base URL ${baseUrl}`);
		expect(result.message).toMatch(/Check the Base URL in the credential/);
		expect(result.message).not.toMatch(/ECONNREFUSED/);
	});

	it('a node run with a URL without a scheme says the same, not "Invalid URL"', async () => {
		const creds = patCredential(sandbox());
		creds.harvestUsersApi.baseUrl = 'api.harvestapp.com';
		const { status, error } = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			credentials: creds,
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/^The Base URL "api.harvestapp.com" is not a web address/);
	});
});

describe('Test connection with a wrong Account ID', () => {
	it('names the accounts the token reaches, in the same words as a node run', async () => {
		const result = await testCredential('harvestUsersApi', { ...pat(), accountId: '999999' });
		expect(result.status).toBe('Error');
		const { error } = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			credentials: { harvestUsersApi: { ...pat(), accountId: '999999' } },
		});
		const run = String(error?.message).replace(/ \[HTTP 401\]$/, '');
		expect(result.message).toContain(run);
		expect(result.message).toContain(`Sandbox Co (Account ID ${sandbox().tokens.admin.accountId})`);
		expect(result.message).not.toMatch(/invalid_token|check the token/i);
		expect(result.message).not.toContain(sandbox().tokens.admin.token);
	});

	it('a revoked token is still called a bad token', async () => {
		const result = await testCredential('harvestUsersApi', {
			...pat(),
			accessToken: 'not-a-real-token-123456',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/access token/i);
	});
});
