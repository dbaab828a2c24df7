/**
 * Parallel Requests: items in flight against a sandbox with a network round trip (so requests
 * really overlap), through n8n's runtime. Everything is asserted on outputs and on the sandbox's
 * log (which requests overlapped, in which order), never on elapsed time.
 */
import type { IDataObject } from 'n8n-workflow';

import { maxInFlight, patCredential, runNode, useSandbox } from '../harness/index.cjs';
import type { LoggedRequest, Sandbox } from '../../sandbox/src/index.cjs';
import { byEmail, byId, idOf, roleIdOf } from './people.cjs';

/** The record a write is for: its path, or for a create of a user the email it creates. */
function recordOf(r: LoggedRequest): string {
	const email = (r.body as IDataObject | undefined)?.email;
	return r.method === 'POST' && r.path === '/v2/users'
		? `new user ${String(email).trim().toLowerCase()}`
		: r.path;
}

/** The most writes that overlapped for any one record. */
function maxWritesInFlightPerRecord(sandbox: Sandbox): number {
	const byRecord = new Map<string, LoggedRequest[]>();
	for (const r of sandbox.log.filter((r) => r.method !== 'GET'))
		byRecord.set(recordOf(r), [...(byRecord.get(recordOf(r)) ?? []), r]);
	return Math.max(0, ...[...byRecord.values()].map(maxInFlight));
}

const writesOf = (sandbox: Sandbox) => sandbox.log.filter((r) => r.method !== 'GET');

describe('Parallel Requests (items in flight)', () => {
	const sandbox = useSandbox({ seed: { users: 30 }, latency: { ms: 80, jitterMs: 40 } });
	const admin = () => patCredential(sandbox(), 'admin');
	const generated = () =>
		sandbox()
			.store.users.list()
			.filter((u) => u.is_active)
			.slice(-30);

	it('keeps output order and pairing equal to the input while items overlap', async () => {
		const users = generated();
		const input = users.map((u, i) => ({ id: u.id, last: `Ordered ${i}` }));
		const { status, json, items } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId('={{ $json.id }}'),
				updateFields: { lastName: '={{ $json.last }}' },
				requestOptions: { parallelRequests: 8 },
			},
			input,
			credentials: admin(),
		});
		expect(status).toBe('success');
		expect(json.map((j) => [j.id, j.last_name])).toEqual(input.map((i) => [i.id, i.last]));
		expect(items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		// The items really were in flight together (up to 8), and never more than asked.
		const inFlight = maxInFlight(writesOf(sandbox()));
		expect(inFlight).toBeGreaterThan(1);
		expect(inFlight).toBeLessThanOrEqual(8);
	});

	it('Parallel Requests 1 sends one item after another, as before', async () => {
		const users = generated().slice(0, 6);
		const { status } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId('={{ $json.id }}'),
				updateFields: { lastName: 'One By One' },
				requestOptions: { parallelRequests: 1 },
			},
			input: users.map((u) => ({ id: u.id })),
			credentials: admin(),
		});
		expect(status).toBe('success');
		expect(maxInFlight(sandbox().log)).toBe(1);
		expect(writesOf(sandbox()).map((r) => r.path)).toEqual(users.map((u) => `/v2/users/${u.id}`));
	});

	it('writes one record one item at a time, in input order: the last item wins, as in a loop', async () => {
		const [a, b, c] = generated();
		const input = [a, b, a, c, a, b, a].map((u, i) => ({ id: u.id, last: `Write ${i}` }));
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId('={{ $json.id }}'),
				updateFields: { lastName: '={{ $json.last }}' },
				requestOptions: { parallelRequests: 8 },
			},
			input,
			credentials: admin(),
		});
		expect(status).toBe('success');
		expect(json.map((j) => j.last_name)).toEqual(input.map((i) => i.last));
		expect(maxWritesInFlightPerRecord(sandbox())).toBe(1);
		expect(maxInFlight(writesOf(sandbox()))).toBeGreaterThan(1);
		const bodies = (id: number) =>
			writesOf(sandbox())
				.filter((r) => r.path === `/v2/users/${id}`)
				.map((r) => (r.body as IDataObject).last_name);
		expect(bodies(a.id)).toEqual(['Write 0', 'Write 2', 'Write 4', 'Write 6']);
		expect(sandbox().store.users.get(a.id)?.last_name).toBe('Write 6');
		expect(sandbox().store.users.get(b.id)?.last_name).toBe('Write 5');
	});

	it('with Continue On Fail, each failing item is its own error item in its place; the others succeed', async () => {
		const users = generated().slice(0, 10);
		const input: IDataObject[] = users.map((u) => ({ id: u.id }));
		input[2] = { id: 99_000_002 }; // Harvest answers 404
		input[5] = { id: 'abc' }; // refused before sending
		input[9] = { id: 99_000_009 };
		const { status, json, items } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId('={{ $json.id }}'),
				updateFields: { lastName: 'Continued' },
				requestOptions: { parallelRequests: 6 },
			},
			input,
			credentials: admin(),
			continueOnFail: true,
		});
		expect(status).toBe('success');
		expect(items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(json.map((j) => (j.error ? `error ${j.itemIndex}` : j.id))).toEqual(
			input.map((i, index) => ([2, 5, 9].includes(index) ? `error ${index}` : i.id)),
		);
		expect(json[2]).toMatchObject({
			httpCode: '404',
			operation: 'User → Update',
			description: expect.stringMatching(/^Item 2 /),
		});
		expect(json[5]).toMatchObject({ itemIndex: 5, description: expect.stringMatching(/^Item 5 /) });
		expect(json[5].httpCode).toBeUndefined();
		expect(writesOf(sandbox())).toHaveLength(9);
	});

	it('without Continue On Fail: stops starting items at the first failure and reports the first failing item in input order', async () => {
		const users = generated().slice(0, 12);
		const input: IDataObject[] = users.map((u) => ({ id: u.id }));
		input[3] = { id: 99_000_003 }; // fails late: Harvest's 404 comes after a slow answer
		input[7] = { id: 'abc' }; // fails first in time, before sending anything
		sandbox().inject({
			kind: 'delay',
			delayMs: 600,
			match: { method: 'PATCH', path: '/v2/users/99000003' },
		});
		const { status, error } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId('={{ $json.id }}'),
				updateFields: { lastName: 'Stopped' },
				requestOptions: { parallelRequests: 4 },
			},
			input,
			credentials: admin(),
		});
		expect(status).toBe('error');
		expect(error?.description).toMatch(/^Item 3 \(User → Update\)/);
		expect((error as unknown as { context: IDataObject }).context.itemIndex).toBe(3);
		// Items 0–6 had started (and the good ones were applied); nothing after item 7 was started.
		expect(
			writesOf(sandbox())
				.map((r) => r.path)
				.sort(),
		).toEqual(
			input
				.slice(0, 7)
				.map((i) => `/v2/users/${i.id}`)
				.sort(),
		);
		expect(sandbox().store.users.get(users[6].id)?.last_name).toBe('Stopped');
		expect(sandbox().store.users.get(users[8].id)?.last_name).not.toBe('Stopped');
	});

	it('upsert never writes one person twice at once: a repeated email creates once, then updates in input order', async () => {
		const [a, b] = generated();
		const emails = [
			a.email,
			'New.Person@example.com',
			b.email,
			' new.person@EXAMPLE.com',
			a.email,
			b.email,
			'new.person@example.com',
			a.email,
		];
		const input = emails.map((email, i) => ({ email, first: 'Up', last: `Sert ${i}` }));
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'upsert',
				email: '={{ $json.email }}',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				requestOptions: { parallelRequests: 8 },
			},
			input,
			credentials: admin(),
		});
		expect(status).toBe('success');
		expect(json.map((j) => j.action)).toEqual([
			'updated',
			'created',
			'updated',
			'updated',
			'updated',
			'updated',
			'updated',
			'updated',
		]);
		expect(json.map((j) => j.last_name)).toEqual(input.map((i) => i.last));
		expect(writesOf(sandbox()).filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(sandbox().invitations).toHaveLength(1);
		// One roster read for all eight items, and per person one write at a time.
		expect(sandbox().log.filter((r) => r.method === 'GET' && r.path === '/v2/users')).toHaveLength(
			1,
		);
		expect(maxWritesInFlightPerRecord(sandbox())).toBe(1);
		const created = json[1].id as number;
		expect(
			writesOf(sandbox())
				.filter((r) => r.path === `/v2/users/${created}`)
				.map((r) => (r.body as IDataObject).last_name),
		).toEqual(['Sert 3', 'Sert 6']);
		expect(maxInFlight(writesOf(sandbox()))).toBeGreaterThan(1);
	});

	it('reconcile sends its writes in parallel, one per person, each person never twice at once', async () => {
		const hires = Array.from({ length: 24 }, (_, i) => ({
			email: `hire${i}@example.com`,
			first_name: 'New',
			last_name: `Hire ${i}`,
		}));
		const roster = [
			...sandbox()
				.store.users.list()
				.filter((u) => u.is_active)
				.map((u, i) => ({
					email: u.email,
					first_name: u.first_name,
					last_name: i % 5 === 0 ? `${u.last_name}-Changed` : u.last_name,
				})),
			...hires,
		];
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'reconcile',
				dryRun: false,
				requestOptions: { parallelRequests: 8 },
			},
			input: roster,
			credentials: admin(),
		});
		expect(status).toBe('success');
		const summary = json[json.length - 1];
		expect(summary.counts).toMatchObject({ created: 24, failed: 0 });
		const writes = writesOf(sandbox());
		expect(writes).toHaveLength((summary.requests as IDataObject).writes as number);
		expect(maxWritesInFlightPerRecord(sandbox())).toBe(1);
		expect(
			new Set(writes.filter((r) => r.method === 'POST').map((r) => (r.body as IDataObject).email))
				.size,
		).toBe(24);
		expect(maxInFlight(writes)).toBeGreaterThan(1);
		expect(sandbox().log.filter((r) => r.status === 429)).toHaveLength(0);
	});

	it("adds to one role and one manager from many items without losing any item's change (read-modify-write in order)", async () => {
		const qa = roleIdOf(sandbox(), 'QA');
		const maya = idOf(sandbox(), 'Maya');
		const people = generated()
			.slice(0, 6)
			.map((u) => u.id);
		const roles = await runNode({
			parameters: {
				resource: 'role',
				operation: 'addUsers',
				roleId: qa,
				userIds: '={{ $json.id }}',
				requestOptions: { parallelRequests: 6 },
			},
			input: people.map((id) => ({ id })),
			credentials: admin(),
		});
		expect(roles.status).toBe('success');
		expect(sandbox().store.roles.require(qa).user_ids).toEqual(expect.arrayContaining(people));
		const team = await runNode({
			parameters: {
				resource: 'teammate',
				operation: 'add',
				userId: byEmail('maya.patel@example.com'),
				teammateIds: '={{ $json.id }}',
				requestOptions: { parallelRequests: 6 },
			},
			input: people.map((id) => ({ id })),
			credentials: admin(),
		});
		expect(team.status).toBe('success');
		expect(sandbox().store.teammates.ids(maya)).toEqual(expect.arrayContaining(people));
		expect(maxWritesInFlightPerRecord(sandbox())).toBe(1);
	});

	it('By Email: items in flight share one read of the users; a failed read is the failure of the item that sent it only', async () => {
		const users = generated().slice(0, 12);
		sandbox().inject({ kind: 'status', status: 403, match: { method: 'GET', path: '/v2/users' } });
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: byEmail('={{ $json.email }}'),
				requestOptions: { parallelRequests: 8 },
			},
			input: users.map((u) => ({ email: u.email.toUpperCase() })),
			credentials: admin(),
			continueOnFail: true,
		});
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({ itemIndex: 0, httpCode: '403' });
		expect(json.slice(1).map((j) => j.id)).toEqual(users.slice(1).map((u) => u.id));
		// The failed read, then one more for everyone who was waiting on it.
		expect(sandbox().log.filter((r) => r.path === '/v2/users')).toHaveLength(2);
	});
});
