/**
 * IDs are exact (issue 10, class 5): an ID no float can carry exactly is refused before any
 * request, never rounded into another record's path; an ID Harvest sends beyond 2^53 (rounded
 * by JSON) is never written back to.
 */
import type { INodeParameters } from 'n8n-workflow';

import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import { byId } from '../node/people.cjs';

describe('IDs are exact', () => {
	const sandbox = useSandbox();
	const run = (parameters: INodeParameters) =>
		runNode({ parameters, credentials: patCredential(sandbox()) });
	const paths = () => sandbox().log.map((r) => `${r.method} ${r.path}`);

	it.each(['9007199254740993', '9999999999999999', '123456789012345678901234567890'])(
		'user → get with ID %s: an error naming User ID, and no request for a rounded path',
		async (id) => {
			const { status, error } = await run({ resource: 'user', operation: 'get', userId: byId(id) });
			expect(status).toBe('error');
			expect(error?.message).toMatch(/User ID/);
			expect(error?.message).toContain(id);
			expect(paths()).toEqual([]);
		},
	);

	it('user → delete with a 16-digit ID deletes nobody', async () => {
		const { status, error } = await run({
			resource: 'user',
			operation: 'delete',
			userId: byId('9007199254740993'),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/User ID/);
		expect(paths().filter((p) => p.startsWith('DELETE'))).toEqual([]);
	});

	it('role → add users with a member ID beyond 2^53 sends nothing', async () => {
		const [role] = sandbox().store.roles.list();
		const { status, error } = await run({
			resource: 'role',
			operation: 'addUsers',
			roleId: role.id,
			userIds: ['9007199254740993'],
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/9007199254740993/);
		expect(paths().filter((p) => !p.startsWith('GET'))).toEqual([]);
	});

	it('the largest exact ID is still sent as it is', async () => {
		await run({ resource: 'user', operation: 'get', userId: byId('9007199254740991') });
		expect(paths()).toEqual(['GET /v2/users/9007199254740991']);
	});

	it('an upsert never writes to a user whose ID Harvest sent beyond 2^53 (JSON rounds it)', async () => {
		const page = `{"users":[{"id":9007199254740993,"first_name":"Old","last_name":"Name","email":"far@example.com","is_active":true,"access_roles":["member"],"weekly_capacity":126000,"timezone":"Eastern Time (US & Canada)"}],"per_page":2000,"total_pages":1,"total_entries":1,"next_page":null,"previous_page":null,"page":1,"links":{"first":"x","next":null,"previous":null,"last":"x"}}`;
		sandbox().inject({ kind: 'body', body: page, match: { method: 'GET', path: '/v2/users' } });
		const { status, error } = await run({
			resource: 'user',
			operation: 'upsert',
			email: 'far@example.com',
			firstName: 'New',
			lastName: 'Name',
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/User ID/);
		expect(paths().filter((p) => !p.startsWith('GET'))).toEqual([]);
	});
});
