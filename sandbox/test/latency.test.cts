/** The sandbox's simulated network round trip: options, admin API, CLI, and what the log records. */
import { parseArgs } from '../src/cli.cjs';
import { startSandbox } from '../src/index.cjs';
import { api } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false, latency: { ms: 200 } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setLatency({ ms: 200 });
});

describe('sandbox latency', () => {
	it('holds each answer for half the round trip after the request arrived, and logs when it was sent', async () => {
		const res = await api(sandbox).get('/v2/users/me');
		expect(res.status).toBe(200);
		const [entry] = sandbox.log;
		expect(entry.answeredAt).toBeDefined();
		// Timer granularity: a millisecond either way.
		expect(entry.answeredAt! - entry.at).toBeGreaterThanOrEqual(99);
	});

	it('lets requests sent together overlap in the sandbox, as on a far-away server', async () => {
		await Promise.all([api(sandbox).get('/v2/users/me'), api(sandbox).get('/v2/company')]);
		const [a, b] = sandbox.log;
		expect(a.at).toBeLessThan(b.answeredAt!);
		expect(b.at).toBeLessThan(a.answeredAt!);
	});

	it('is set through the admin API, shown in the state, and not applied to the admin API itself', async () => {
		const set = await fetch(`${sandbox.url}/__sandbox/latency`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ ms: 300, jitterMs: 50 }),
		});
		expect(await set.json()).toEqual({ latency: { ms: 300, jitterMs: 50 } });
		const state = await (await fetch(`${sandbox.url}/__sandbox/state`)).json();
		expect(state.latency).toEqual({ ms: 300, jitterMs: 50 });
		expect(sandbox.log).toHaveLength(0);
		const bad = await fetch(`${sandbox.url}/__sandbox/latency`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ ms: -1 }),
		});
		expect(bad.status).toBeGreaterThanOrEqual(400);
	});

	it('is kept by reset() and turned off with 0', async () => {
		sandbox.reset();
		await api(sandbox).get('/v2/users/me');
		expect(sandbox.log[0].answeredAt! - sandbox.log[0].at).toBeGreaterThanOrEqual(99);
		sandbox.setLatency(0);
		sandbox.clearLog();
		await api(sandbox).get('/v2/users/me');
		expect(sandbox.log[0].answeredAt).toBeDefined();
	});

	it('CLI: --latency <ms> with optional --jitter <ms>', () => {
		expect(parseArgs(['--latency', '300'], {}).latency).toEqual({ ms: 300, jitterMs: 0 });
		expect(parseArgs(['--latency=1000', '--jitter', '200'], {}).latency).toEqual({
			ms: 1000,
			jitterMs: 200,
		});
		expect(parseArgs([], {}).latency).toBeUndefined();
		expect(() => parseArgs(['--latency', 'fast'], {})).toThrow(
			/--latency and --jitter must be milliseconds/,
		);
	});
});
