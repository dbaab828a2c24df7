/**
 * Listings that lie and answers of the wrong shape (issue 10, classes 3 and 4), through n8n's
 * runtime: never success with part of the data or with garbage, never an endless loop.
 */
import type { INodeParameters } from 'n8n-workflow';

import { patCredential, runNode, transportSettings, useSandbox } from '../harness/index.cjs';
import { byId } from '../node/people.cjs';
import { poller } from '../trigger/helpers.cjs';

const me = { resource: 'user', operation: 'me' };
const allUsers = { resource: 'user', operation: 'getAll', returnAll: true };

describe('listings that lie', () => {
	const sandbox = useSandbox({ seed: { users: 30 } });
	const run = (parameters: INodeParameters) =>
		runNode({ parameters, credentials: patCredential(sandbox()) });
	const listRequests = () => sandbox().log.filter((r) => r.path === '/v2/users');
	beforeEach(() => transportSettings().configureTransport({ pageSize: 4 }));
	afterEach(() => transportSettings().configureTransport({ pageSize: 2000 }));

	it.each([
		['missing', { drop: ['users'] }],
		['not an array', { set: { users: { id: 1 } } }],
		['null', { set: { users: null } }],
	])(
		'a page whose record array is %s fails the listing, with no partial roster',
		async (_, rewrite) => {
			sandbox().inject({ kind: 'rewrite', ...rewrite, match: { path: '/v2/users' } });
			const { status, json, error } = await run(allUsers);
			expect(status).toBe('error');
			expect(json).toEqual([]);
			expect(error?.message).toMatch(/Harvest answered 200 but not with a page of users/);
			expect(error?.message).toMatch(/"users"/);
		},
	);

	it('a next link back to a page already read is an error, not an endless loop', async () => {
		sandbox().inject({
			kind: 'rewrite',
			nextToSelf: true,
			count: 40,
			match: { path: '/v2/users' },
		});
		const { status, json, error } = await run(allUsers);
		expect(status).toBe('error');
		expect(json).toEqual([]);
		expect(error?.message).toMatch(/points back to a page it already sent/);
		expect(listRequests().length).toBeLessThanOrEqual(2);
	});

	it('a listing that runs far past its own total_pages is an error', async () => {
		sandbox().inject({
			kind: 'rewrite',
			set: { total_pages: 1 },
			count: 100,
			match: { path: '/v2/users' },
		});
		const { status, json, error } = await run(allUsers);
		expect(status).toBe('error');
		expect(json).toEqual([]);
		expect(error?.message).toMatch(/past the 1 page/);
		expect(listRequests().length).toBeLessThan(10);
	});

	it('a listing whose total grows while it is read still succeeds', async () => {
		sandbox().inject({
			kind: 'rewrite',
			set: { total_pages: 8 },
			count: 1,
			match: { path: '/v2/users' },
		});
		const { status, json } = await run(allUsers);
		expect(status).toBe('success');
		expect(json).toHaveLength(sandbox().store.users.list().length);
	});

	it('the trigger fails the poll (state untouched) instead of treating a truncated roster as the account', async () => {
		const trigger = poller(sandbox, {
			events: ['created', 'updated', 'archived', 'reactivated', 'deleted'],
		});
		await trigger.poll();
		const before = JSON.stringify(trigger.state);
		sandbox().inject({ kind: 'rewrite', drop: ['users'], match: { path: '/v2/users' } });
		await expect(trigger.poll()).rejects.toThrow(/not with a page of users/);
		expect(JSON.stringify(trigger.state)).toBe(before);
		expect(await trigger.poll()).toEqual([]);
	});
});

describe('answers of the wrong shape', () => {
	const sandbox = useSandbox();
	const run = (parameters: INodeParameters) =>
		runNode({ parameters, credentials: patCredential(sandbox()) });

	it.each([
		['an empty body', { body: '' }, /got: an empty body/],
		['plain text', { body: 'OK', contentType: 'text/plain' }, /got: text/],
		[
			'an HTML page',
			{ body: '<!DOCTYPE html><html><body>Sign in</body></html>', contentType: 'text/html' },
			/got: an HTML page/,
		],
		['{}', { body: '{}' }, /got: JSON without an "id"/],
		['a JSON array', { body: '[]' }, /got: a JSON array/],
		['a user without email', { body: '{"id": 5}' }, /got: JSON without an "email"/],
	])('user → me answered 200 with %s is an error saying what came back', async (_, fault, got) => {
		sandbox().inject({ kind: 'body', ...fault, match: { path: '/v2/users/me' } });
		const { status, json, error } = await run(me);
		expect(status).toBe('error');
		expect(json).toEqual([]);
		expect(error?.message).toMatch(/Harvest answered 200 but not with a user/);
		expect(error?.message).toMatch(got);
	});

	it('every operation checks its answer: get user, get role, list rates, list roles', async () => {
		const userId = sandbox().tokens.manager.userId;
		const [role] = sandbox().store.roles.list();
		const cases: Array<[INodeParameters, RegExp]> = [
			[{ resource: 'user', operation: 'get', userId: byId(userId) }, /not with a user/],
			[{ resource: 'role', operation: 'get', roleId: role.id }, /not with a role/],
			[
				{ resource: 'billableRate', operation: 'getAll', userId: byId(userId), returnAll: true },
				/not with a page of billable rates/,
			],
			[{ resource: 'role', operation: 'getAll', returnAll: true }, /not with a page of roles/],
		];
		for (const [parameters, expected] of cases) {
			sandbox().inject({ kind: 'body', body: '{}' });
			const { status, error } = await run(parameters);
			expect(status).toBe('error');
			expect(error?.message).toMatch(expected);
		}
	});

	it('a create answered 201 with garbage is an error that says the user may exist, and is not repeated', async () => {
		sandbox().inject({
			kind: 'body',
			status: 201,
			body: '',
			afterApply: true,
			match: { method: 'POST', path: '/v2/users' },
		});
		const { status, error } = await run({
			resource: 'user',
			operation: 'create',
			firstName: 'Nina',
			lastName: 'New',
			email: 'nina@example.com',
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(
			/Harvest answered 201 but not with a user \(got: an empty body\)/,
		);
		expect(error?.description).toMatch(/may have been applied/);
		expect(sandbox().log.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('a delete answered 200 with an empty body is still a success', async () => {
		const [role] = sandbox().store.roles.list();
		const { status } = await run({ resource: 'role', operation: 'delete', roleId: role.id });
		expect(status).toBe('success');
	});
});
