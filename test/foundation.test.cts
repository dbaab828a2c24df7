/**
 * The foundation: the built package loads through n8n's loader, both credentials reach Harvest
 * (the sandbox) with the headers Harvest requires, and failures come back as clear errors that
 * never contain the token.
 */
import {
	loadPackage,
	oauthCredential,
	patCredential,
	runNode,
	useSandbox,
} from './harness/index.cjs';

describe('foundation: our package in n8n’s runtime against the sandbox', () => {
	const sandbox = useSandbox();

	it('loads both nodes and both credentials from the package manifest', async () => {
		const { loader } = await loadPackage();
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(['harvestUsers', 'harvestUsersTrigger']);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual([
			'harvestUsersApi',
			'harvestUsersOAuth2Api',
		]);
	});

	it('sends Authorization, Harvest-Account-Id and a User-Agent with a contact (Personal Access Token)', async () => {
		const { status, json } = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('success');
		expect(json[0].id).toBe(sandbox().tokens.admin.userId);
		const [request] = sandbox().log;
		expect(request.path).toBe('/v2/users/me');
		expect(request.status).toBe(200);
		expect(request.token).toBe(sandbox().tokens.admin.token.slice(-4));
	});

	it('works the same with an OAuth2 credential (the transport adds the account and User-Agent)', async () => {
		const { status, json } = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'user', operation: 'me' },
			credentials: oauthCredential(sandbox(), 'member'),
		});
		expect(status).toBe('success');
		expect(json[0].id).toBe(sandbox().tokens.member.userId);
	});

	it('surfaces 401 for a wrong Account ID with the accounts the token reaches, naming the item, and never the token', async () => {
		const creds = patCredential(sandbox());
		creds.harvestUsersApi.accountId = '999999';
		const { status, error } = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			credentials: creds,
		});
		expect(status).toBe('error');
		// Harvest's own text ("The access token provided is expired, revoked…") is kept for a bad token
		// (test/provisioning/access.test.cts); a good token with a wrong account gets the accounts it reaches.
		expect(error?.message).toMatch(
			/^Account ID 999999 is not a Harvest account this token can reach/,
		);
		expect(error?.message).toMatch(/HTTP 401/);
		expect(error?.description).toMatch(/^Item 0 \(User → Get Me\)/);
		expect(error?.description).toMatch(/Account ID/);
		expect(JSON.stringify(error)).not.toContain(sandbox().tokens.admin.token);
	});

	it('surfaces 403 for a member token with Harvest’s "Not authorized!"', async () => {
		const { status, error } = await runNode({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: patCredential(sandbox(), 'member'),
		});
		expect(status).toBe('error');
		expect(error?.message).toBe('Not authorized! [HTTP 403]');
		expect(error?.description).toMatch(/Administrator/);
		expect(JSON.stringify(error)).not.toContain(sandbox().tokens.member.token);
	});

	it('surfaces 404 for an unknown user', async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'id', value: '424242' },
			},
			credentials: patCredential(sandbox()),
		});
		expect(error?.message).toBe('No Harvest user with ID 424242 [HTTP 404]');
		expect(error?.description).toMatch(/No such record/);
	});

	it('refuses a path-injecting ID from an expression before sending anything', async () => {
		// A typed value is already stopped by the locator's regex in n8n; expressions bypass it.
		const { error } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'id', value: '={{ "1/../../roles" }}' },
			},
			credentials: patCredential(sandbox()),
		});
		expect(error?.message).toMatch(
			/User ID must be a positive whole number, got "1\/..\/..\/roles"/,
		);
		expect(sandbox().log).toHaveLength(0);
	});

	it('keeps going with Continue On Fail: each item gets its result or its own error, paired to its input', async () => {
		const admin = sandbox().tokens.admin.userId;
		const { status, items } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			input: [{ id: admin }, { id: 'nope' }, { id: 424242 }, { id: admin }],
			credentials: patCredential(sandbox()),
			continueOnFail: true,
		});
		expect(status).toBe('success');
		expect(items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.id).toBe(admin);
		expect(items[1].json.error).toMatch(/User ID must be a positive whole number/);
		expect(items[2].json).toMatchObject({
			error: 'No Harvest user with ID 424242 [HTTP 404]',
			httpCode: '404',
			itemIndex: 2,
		});
		expect(items[3].json.id).toBe(admin);
	});
});
