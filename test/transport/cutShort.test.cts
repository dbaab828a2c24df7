/**
 * Answers cut short or mislabelled (issue 21) through n8n's runtime: a body shorter than its
 * Content-Length, a body labelled gzip that is not, a connection that dies after the status line.
 * None of them is an answer: a read is repeated like a reset, a write whose answer was lost says
 * its outcome is unknown, a listing never half succeeds, and no message is a status text.
 */
import { patCredential, runNode, useSandbox } from '../harness/index.cjs';
import type { CutKind } from '../../sandbox/src/types.cjs';

const CUTS: CutKind[] = ['short-body', 'fake-gzip', 'die-after-status'];
const me = { resource: 'user', operation: 'me' };
const allUsers = { resource: 'user', operation: 'getAll', returnAll: true };
/** What a message must never be: the status text of an answer that did not arrive whole. */
const STATUS_TEXT = /^(OK|Created)\b|\[HTTP 20\d\]/;
const CUT_OR_UNREADABLE = /cut off|could not be read/;

describe('answers cut short or mislabelled', () => {
	const sandbox = useSandbox();
	const creds = () => patCredential(sandbox());
	const requests = (method: string, path: string) =>
		sandbox().log.filter((r) => r.method === method && r.path === path);

	it.each(CUTS)('%s: a GET is asked again and completes', async (kind) => {
		sandbox().inject({ kind, count: 1, match: { path: '/v2/users/me' } });
		const { status, json } = await runNode({ parameters: me, credentials: creds() });
		expect(status).toBe('success');
		expect(json[0].id).toBe(sandbox().tokens.admin.userId);
		expect(requests('GET', '/v2/users/me').map((r) => r.fault ?? 'whole')).toEqual([kind, 'whole']);
	});

	it.each(CUTS)(
		'%s every time: the GET fails saying the answer was cut off or unreadable, not a status text',
		async (kind) => {
			sandbox().inject({ kind, count: 10, match: { path: '/v2/users/me' } });
			const { status, error } = await runNode({
				parameters: { ...me, requestOptions: { maxRetries: 2 } },
				credentials: creds(),
			});
			expect(status).toBe('error');
			expect(error?.message).toMatch(CUT_OR_UNREADABLE);
			expect(error?.message).toMatch(/after 3 attempts/);
			expect(error?.message).not.toMatch(STATUS_TEXT);
			expect(requests('GET', '/v2/users/me')).toHaveLength(3);
		},
	);

	it.each(CUTS)(
		'%s on a Create: sent once, the outcome is unknown and the message says how to check',
		async (kind) => {
			sandbox().inject({ kind, count: 1, match: { method: 'POST', path: '/v2/users' } });
			const parameters = {
				resource: 'user',
				operation: 'create',
				firstName: 'Lost',
				lastName: 'Answer',
				email: 'lost.answer@example.com',
			};
			const { status, error } = await runNode({ parameters, credentials: creds() });
			expect(status).toBe('error');
			expect(error?.message).toMatch(
				/^Outcome unknown: Harvest may or may not have applied POST \/v2\/users/,
			);
			expect(error?.message).toMatch(CUT_OR_UNREADABLE);
			expect(error?.message).not.toMatch(STATUS_TEXT);
			expect(error?.description).toMatch(/not sent again/);
			expect(error?.description).toMatch(/[Cc]heck/);
			expect(requests('POST', '/v2/users')).toHaveLength(1);
			expect(
				sandbox().invitations.filter((i) => i.email === 'lost.answer@example.com'),
			).toHaveLength(1);
		},
	);

	it.each(CUTS)('%s on an Update (PATCH): asked again, applied once in effect', async (kind) => {
		const user = sandbox()
			.store.users.list()
			.find((u) => u.id !== sandbox().tokens.admin.userId && u.is_active)!;
		sandbox().inject({ kind, count: 1, match: { method: 'PATCH', path: `/v2/users/${user.id}` } });
		const parameters = {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'id', value: String(user.id) },
			updateFields: { firstName: 'Patched' },
		};
		const { status, json } = await runNode({ parameters, credentials: creds() });
		expect(status).toBe('success');
		expect(json[0].first_name).toBe('Patched');
		expect(requests('PATCH', `/v2/users/${user.id}`).map((r) => r.fault ?? 'whole')).toEqual([
			kind,
			'whole',
		]);
	});

	it.each(CUTS)(
		'%s on a DELETE: asked again, and the 404 that follows means it was done',
		async (kind) => {
			const [role] = sandbox().store.roles.list();
			sandbox().inject({
				kind,
				count: 1,
				match: { method: 'DELETE', path: `/v2/roles/${role.id}` },
			});
			const { status } = await runNode({
				parameters: { resource: 'role', operation: 'delete', roleId: role.id },
				credentials: creds(),
			});
			expect(status).toBe('success');
			expect(requests('DELETE', `/v2/roles/${role.id}`).map((r) => r.status)).toEqual([200, 404]);
			expect(
				sandbox()
					.store.roles.list()
					.some((r) => r.id === role.id),
			).toBe(false);
		},
	);

	it.each(CUTS)('%s on a later page: the listing is read whole, or not at all', async (kind) => {
		sandbox().reset({ users: 4500 });
		const total = sandbox().store.users.list().length;
		// The first page whole, then every later page cut: no partial list comes out.
		sandbox().inject({ kind: 'delay', delayMs: 0, count: 1, match: { path: '/v2/users' } });
		sandbox().inject({ kind, count: 100, match: { path: '/v2/users' } });
		const failed = await runNode({
			parameters: { ...allUsers, requestOptions: { maxRetries: 1 } },
			credentials: creds(),
		});
		expect(failed.status).toBe('error');
		expect(failed.json).toEqual([]);
		expect(failed.error?.message).toMatch(CUT_OR_UNREADABLE);
		expect(failed.error?.message).not.toMatch(STATUS_TEXT);
		// Cut once on page two: asked again, and every user comes out exactly once.
		sandbox().clearFaults();
		sandbox().clearLog();
		sandbox().inject({ kind: 'delay', delayMs: 0, count: 1, match: { path: '/v2/users' } });
		sandbox().inject({ kind, count: 1, match: { path: '/v2/users' } });
		const passed = await runNode({ parameters: allUsers, credentials: creds() });
		expect(passed.status).toBe('success');
		expect(passed.json).toHaveLength(total);
		expect(new Set(passed.json.map((u) => u.id)).size).toBe(total);
	});
});
