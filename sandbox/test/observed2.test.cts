/**
 * The sandbox against the second pass over real Harvest (harvest-observed-2.md in the shared
 * project docs). Each test cites the section it pins; where a fact is inferred or weak, the
 * sandbox offers both behaviours and the test pins each.
 */
import { startSandbox } from '../src/index.cjs';
import { api, Json } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setClockOffset(0);
});

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
	const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('§1.6 updated_at can move for everyone at once', () => {
	it('POST /__sandbox/users/touch-all moves every user (archived too) to one updated_at and changes nothing else', async () => {
		const before = (await api(sandbox).get('/v2/users')).json.users as Array<Record<string, unknown>>;
		expect(before.some((u) => u.is_active === false)).toBe(true);
		sandbox.setClockOffset(3_600_000);
		const { status, json } = await admin('POST', 'users/touch-all');
		expect(status).toBe(200);
		expect(json.touched).toBe(before.length);
		const after = (await api(sandbox).get('/v2/users')).json.users as Array<Record<string, unknown>>;
		expect(new Set(after.map((u) => u.updated_at))).toEqual(new Set([json.updated_at]));
		const strip = (u: Record<string, unknown>) => ({ ...u, updated_at: undefined });
		expect(after.map(strip)).toEqual(before.map(strip));
		expect(before.every((u) => u.updated_at !== json.updated_at)).toBe(true);
	});

	it('store.users.touchAll() does the same in-process', async () => {
		sandbox.setClockOffset(7_200_000);
		const n = sandbox.store.users.touchAll();
		const stamps = new Set(sandbox.store.users.list().map((u) => u.updated_at));
		expect(stamps.size).toBe(1);
		expect(n).toBe(sandbox.store.users.list().length);
	});
});
