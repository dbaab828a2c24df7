/**
 * Role-aware before it writes. Harvest shows a Manager only themselves and their teammates and a
 * Member no user list at all (sandbox: harvest-observed.md visibility), so whatever needs the
 * whole roster — reconcile, upsert, By Email lookups, the trigger's Deleted event — must stop
 * with such a token before anything is written. Lists and single reads keep working.
 * Also: a wrong Account ID is answered with the accounts the token can reach.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	patCredential,
	runNode,
	useSandbox,
	type CredentialData,
	type TokenKind,
} from '../harness/index.cjs';
import type { Sandbox } from '../../sandbox/src/index.cjs';
import { ALL_EVENTS, DEFAULT_EVENTS, poller } from '../trigger/helpers.cjs';

const sandbox = useSandbox();
const writesOf = (s: Sandbox) => s.log.filter((r) => r.method !== 'GET');
const requestsOf = (s: Sandbox) => s.log.map((r) => `${r.method} ${r.path}`);

const roster = (s: Sandbox): IDataObject[] => [
	...s.store.users
		.list()
		.filter((u) => u.is_active)
		.map((u) => ({ email: u.email, first_name: u.first_name, last_name: u.last_name })),
	{ email: 'new.hire@example.com', first_name: 'New', last_name: 'Hire' },
];

const reconcile = (who: TokenKind, dryRun = false) =>
	runNode({
		parameters: {
			resource: 'user',
			operation: 'reconcile',
			dryRun,
			archiveMissing: true,
			maxArchivePercent: 100,
			maxArchiveCount: 100,
		},
		input: roster(sandbox()),
		credentials: patCredential(sandbox(), who),
	});

const upsert = (who: TokenKind, continueOnFail = false) =>
	runNode({
		parameters: {
			resource: 'user',
			operation: 'upsert',
			email: '={{ $json.email }}',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
		},
		input: [
			{ email: 'leo.fischer@example.com', first: 'Leo', last: 'Fischer-Neu' },
			{ email: 'new.hire@example.com', first: 'New', last: 'Hire' },
		],
		credentials: patCredential(sandbox(), who),
		continueOnFail,
	});

describe.each([
	['manager', /is a Manager/, /sees only themselves and their teammates/],
	['member', /is a Member/, /shows a Member no user list/],
] as const)('a %s token: roster operations stop before any write', (who, role, why) => {
	it('reconcile fails after one GET /v2/users/me, even in a dry run, naming the role, why, and what to use instead', async () => {
		for (const dryRun of [false, true]) {
			sandbox().clearLog();
			const { status, error } = await reconcile(who, dryRun);
			expect(status).toBe('error');
			expect(error?.message).toMatch(
				/^Reconcile With Roster needs a Harvest Administrator's token/,
			);
			expect(error?.message).toMatch(role);
			expect(error?.description).toMatch(why);
			expect(error?.description).toMatch(/Nothing was sent to Harvest but this check/);
			expect(error?.description).toMatch(/Administrator/);
			expect(requestsOf(sandbox())).toEqual(['GET /v2/users/me']);
		}
		expect(sandbox().invitations).toEqual([]);
	});

	it('upsert fails every item without a write, with one GET /v2/users/me per execution', async () => {
		const { status, error } = await upsert(who);
		expect(status).toBe('error');
		expect(error?.message).toMatch(/^Create or Update needs a Harvest Administrator's token/);
		expect(error?.description).toMatch(why);
		expect(writesOf(sandbox())).toEqual([]);

		sandbox().clearLog();
		const each = await upsert(who, true);
		expect(each.json.map((j) => j.error)).toEqual([
			expect.stringMatching(/^Create or Update needs/),
			expect.stringMatching(/^Create or Update needs/),
		]);
		expect(requestsOf(sandbox())).toEqual(['GET /v2/users/me']);
	});

	it('a By Email user lookup fails before the write it was for', async () => {
		const { status, error } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: { __rl: true, mode: 'email', value: 'leo.fischer@example.com' },
				updateFields: { timezone: 'London' },
			},
			credentials: patCredential(sandbox(), who),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(
			/^Finding a user by email needs a Harvest Administrator's token/,
		);
		expect(error?.description).toMatch(/pick the user from the list or by ID/i);
		expect(writesOf(sandbox())).toEqual([]);
	});

	it('the trigger watching Deleted fails before it reads or stores anything; Fetch Test Event says the same', async () => {
		const trigger = poller(sandbox, { events: ALL_EVENTS }, patCredential(sandbox(), who));
		await expect(trigger.poll()).rejects.toThrow(
			/^The Deleted event needs a Harvest Administrator's token/,
		);
		expect(trigger.stateAfterFailure ?? {}).toEqual({});
		await expect(trigger.manual()).rejects.toThrow(/Deleted event needs/);
		expect(requestsOf(sandbox()).every((r) => r === 'GET /v2/users/me')).toBe(true);
		expect(sandbox().log.filter((r) => r.path === '/v2/users/me')).toHaveLength(2);
	});
});

describe('a manager token: lists and single reads keep working with what the role can see', () => {
	it('Get Many lists the manager and their teammates (saying so: one role check, issue 24); Get reads a teammate with no role check', async () => {
		const mine = await runNode({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: patCredential(sandbox(), 'manager'),
		});
		expect(mine.status).toBe('success');
		const { userId } = sandbox().tokens.manager;
		expect(mine.json.map((u) => u.id).sort()).toEqual(
			[userId, ...sandbox().store.teammates.ids(userId)].sort(),
		);
		const teammate = sandbox().store.teammates.ids(userId)[0];
		const one = await runNode({
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'id', value: String(teammate) },
			},
			credentials: patCredential(sandbox(), 'manager'),
		});
		expect(one.json[0].id).toBe(teammate);
		expect(mine.json.every((u) => u.partialList === true)).toBe(true);
		expect(sandbox().log.filter((r) => r.path === '/v2/users/me')).toHaveLength(1);
	});

	it('the trigger without Deleted polls what the manager sees', async () => {
		const trigger = poller(
			sandbox,
			{ events: DEFAULT_EVENTS },
			patCredential(sandbox(), 'manager'),
		);
		expect(await trigger.poll()).toEqual([]);
		const { userId } = sandbox().tokens.manager;
		sandbox().store.users.update(sandbox().store.teammates.ids(userId)[0], {
			weekly_capacity: 72000,
		});
		expect((await trigger.poll()).map((e) => e.event)).toEqual(['updated']);
	});
});

describe("an administrator's token: unchanged", () => {
	it('reconcile checks the role with the same GET /v2/users/me it uses to protect its own user', async () => {
		const { status, json } = await reconcile('admin');
		expect(status).toBe('success');
		const summary = json[json.length - 1];
		expect(summary).toMatchObject({ counts: { created: 1, failed: 0 }, requests: { reads: 2 } });
		expect(sandbox().log.filter((r) => r.path === '/v2/users/me')).toHaveLength(1);
	});
});

describe('a wrong Account ID', () => {
	const withAccount = (accountId: string): CredentialData => {
		const cred = patCredential(sandbox());
		return { harvestUsersApi: { ...cred.harvestUsersApi, accountId } };
	};

	it('fails naming the Harvest accounts the token can reach, asking only the credential’s host', async () => {
		const { status, error } = await runNode({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: withAccount('999999'),
		});
		expect(status).toBe('error');
		expect(error?.message).toBe(
			'Account ID 999999 is not a Harvest account this token can reach [HTTP 401]',
		);
		expect(error?.description).toContain(
			`Sandbox Co (Account ID ${sandbox().tokens.admin.accountId})`,
		);
		expect(error?.description).toMatch(/Put .* in the credential's Account ID/);
		// n8n itself repeats a 401 once after re-authenticating; then one question to the accounts endpoint.
		expect(new Set(requestsOf(sandbox()))).toEqual(
			new Set(['GET /v2/users', 'GET /api/v2/accounts']),
		);
		expect(requestsOf(sandbox()).filter((r) => r === 'GET /api/v2/accounts')).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain(sandbox().tokens.admin.token);
	});

	it('says so when the ID is the Forecast account', async () => {
		const accounts = (await (
			await fetch(`${sandbox().url}/api/v2/accounts`, {
				headers: { Authorization: `Bearer ${sandbox().tokens.admin.token}`, 'User-Agent': 'tests' },
			})
		).json()) as {
			accounts: Array<{ id: number; product: string }>;
		};
		const forecast = accounts.accounts.find((a) => a.product === 'forecast')!.id;
		sandbox().clearLog();
		const { error } = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			credentials: withAccount(String(forecast)),
		});
		expect(error?.message).toMatch(/^Account ID \d+ is a Forecast account/);
		expect(error?.description).toContain(
			`Sandbox Co (Account ID ${sandbox().tokens.admin.accountId})`,
		);
	});

	it('keeps Harvest’s own 401 when the token itself is invalid', async () => {
		const cred = patCredential(sandbox());
		const { error } = await runNode({
			parameters: { resource: 'user', operation: 'me' },
			credentials: { harvestUsersApi: { ...cred.harvestUsersApi, accessToken: 'revoked-token' } },
		});
		expect(error?.message).toMatch(/access token provided is expired, revoked/);
	});
});
