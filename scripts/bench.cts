/**
 * `npm run bench`: runs the real node through n8n's runtime against the Harvest sandbox (in its
 * own process, like a remote server) and prints one line per figure, as ratios against targets.
 * Not a test: it measures; the tests prove behaviour.
 */
import '../test/harness/setup-env.cjs';

import { spawn, type ChildProcess } from 'child_process';
import { createServer } from 'net';
import { cpus, loadavg, totalmem } from 'os';
import { resolve } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { loadPackage, runNode, type CredentialData } from '../test/harness/n8n.cjs';
import { compareWithBuiltIn } from './bench-builtin.cjs';
import { transportHooks } from '../test/harness/transportHooks.cjs';

const ROOT = resolve(__dirname, '..');
// The shipped limits are constants; the benchmark scales them through the test hooks.
const transport = transportHooks;
const throttle = transportHooks;

interface Logged {
	method: string;
	path: string;
	status: number;
	at: number;
}

async function freePort(): Promise<number> {
	return await new Promise((done, fail) => {
		const srv = createServer();
		srv.once('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => done(port));
		});
	});
}

class RemoteSandbox {
	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
		readonly token: string,
		readonly accountId: string,
	) {}

	static async start(): Promise<RemoteSandbox> {
		const port = await freePort();
		const child = spawn(
			process.execPath,
			[resolve(ROOT, 'sandbox/cli.cjs'), '--port', String(port)],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let out = '';
		await new Promise<void>((done, fail) => {
			const timer = setTimeout(() => fail(new Error(`sandbox did not start: ${out}`)), 30_000);
			child.stdout!.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (/Admin token:/.test(out) && /Account ID:/.test(out)) {
					clearTimeout(timer);
					done();
				}
			});
		});
		const token = /Admin token:\s+(\S+)/.exec(out)![1];
		const accountId = /Account ID:\s+(\S+)/.exec(out)![1];
		return new RemoteSandbox(child, `http://127.0.0.1:${port}`, token, accountId);
	}

	async admin(method: string, path: string, body?: unknown): Promise<unknown> {
		const res = await fetch(`${this.url}/__sandbox/${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return text ? (JSON.parse(text) as unknown) : undefined;
	}

	async reset(
		seed: unknown,
		rateLimit: { requests: number; windowMs: number } | false,
		latencyMs = 0,
	): Promise<void> {
		await this.admin('POST', 'reset', { seed });
		await this.admin('POST', 'rate-limit', rateLimit === false ? { enabled: false } : rateLimit);
		await this.admin('POST', 'latency', { ms: latencyMs });
		await this.admin('DELETE', 'log');
	}

	async users(): Promise<IDataObject[]> {
		return ((await this.admin('GET', 'state')) as { users: IDataObject[] }).users;
	}

	async log(): Promise<Logged[]> {
		const log = (await this.admin('GET', 'log')) as Logged[] | { log: Logged[] };
		return Array.isArray(log) ? log : log.log;
	}

	/** Exactly `n` users: the demo company plus generated ones, trimmed (keeping the token's owner). */
	async seedExactly(n: number): Promise<void> {
		await this.reset({ users: Math.max(0, n) }, false);
		const users = await this.users();
		const me = (await this.api('/v2/users/me')) as IDataObject;
		const extra = users.filter((u) => u.id !== me.id).slice(0, users.length - n);
		for (const u of extra) await this.admin('DELETE', `users/${u.id}`);
		await this.admin('DELETE', 'log');
	}

	headers(): Record<string, string> {
		return {
			Authorization: `Bearer ${this.token}`,
			'Harvest-Account-Id': this.accountId,
			'User-Agent': 'bench (bench@example.com)',
		};
	}

	async api(pathOrUrl: string): Promise<unknown> {
		const res = await fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${this.url}${pathOrUrl}`, {
			headers: this.headers(),
		});
		return await res.json();
	}

	credential(): CredentialData {
		return {
			harvestUsersApi: { accessToken: this.token, accountId: this.accountId, baseUrl: this.url },
		};
	}

	stop(): void {
		this.child.kill('SIGTERM');
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (label: string, value: string, target: string, ok: boolean) =>
	process.stdout.write(`${ok ? 'OK  ' : 'MISS'} ${label}: ${value} (target ${target})\n`);

async function listAll(sandbox: RemoteSandbox): Promise<IDataObject[]> {
	const run = await runNode({
		parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		credentials: sandbox.credential(),
	});
	if (run.status !== 'success') throw new Error(`listing failed: ${run.error?.message}`);
	return run.json;
}

async function requestsPerListing(sandbox: RemoteSandbox): Promise<void> {
	for (const n of [1, 2000, 2001, 10_000]) {
		await sandbox.seedExactly(n);
		throttle.resetLimiters();
		const users = await listAll(sandbox);
		const requests = (await sandbox.log()).filter((r) => r.path === '/v2/users').length;
		const target = Math.ceil(n / 2000);
		line(
			`requests per full listing of ${n} users`,
			`${requests} (${users.length} users returned)`,
			`${target}`,
			requests === target && users.length === n,
		);
	}
}

async function listingOverhead(sandbox: RemoteSandbox): Promise<void> {
	await sandbox.seedExactly(10_000);
	const bare = async () => {
		const started = performance.now();
		let url: string | null = `${sandbox.url}/v2/users?per_page=2000`;
		let count = 0;
		while (url) {
			const page = (await sandbox.api(url)) as { users: unknown[]; links: { next: string | null } };
			count += page.users.length;
			url = page.links.next;
		}
		if (count !== 10_000) throw new Error(`bare loop saw ${count}`);
		return performance.now() - started;
	};
	const node = async () => {
		const started = performance.now();
		await listAll(sandbox);
		return performance.now() - started;
	};
	await bare();
	await node(); // warm both paths
	const bareMs: number[] = [];
	const nodeMs: number[] = [];
	for (let i = 0; i < 7; i++) {
		bareMs.push(await bare());
		nodeMs.push(await node());
	}
	const ratio = median(nodeMs) / median(bareMs);
	line(
		'Return All over 10,000 users, node vs bare HTTP loop',
		`${ratio.toFixed(2)}x (${median(nodeMs).toFixed(0)} ms vs ${median(bareMs).toFixed(0)} ms, median of 7)`,
		'<= 1.3',
		ratio <= 1.3,
	);
}

async function peakMemory(sandbox: RemoteSandbox): Promise<void> {
	await sandbox.seedExactly(10_000);
	await loadPackage(); // the n8n runtime and our package belong to the idle baseline
	const before = process.memoryUsage().rss;
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	await listAll(sandbox);
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().rss);
	const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
	line(
		'peak RSS of the 10,000-user listing (n8n runtime included)',
		`${mb(peak)} MB, +${mb(peak - before)} MB over idle`,
		'reported',
		true,
	);
}

const HARVEST_LIMIT = { requests: 100, windowMs: 15_000 };
const SCALED_LIMIT = { requests: 100, windowMs: 1500 };
type Limit = typeof HARVEST_LIMIT;

/**
 * The least time Harvest's limit allows for `requests` requests at a round trip of `latencyMs`:
 * the first window's requests go at once, then one window per further batch, plus the last
 * answer's round trip.
 */
const ceilingMs = (requests: number, limit: Limit, latencyMs: number) =>
	Math.floor((requests - 1) / limit.requests) * limit.windowMs + latencyMs;

const load = () =>
	`load ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`;

/** Runs `work` while sampling this process's RSS (the n8n runtime and the node; the sandbox is another process). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
	let peakRss = process.memoryUsage().rss;
	const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	try {
		const result = await work();
		return { result, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
	} finally {
		clearInterval(timer);
	}
}

interface UpdateRun {
	elapsedMs: number;
	sent: number;
	throttled: number;
	failed: number;
	peakRss: number;
	ratio: number;
	boundMs: number;
}

/** `n` user updates (one PATCH each) at a round trip of `latencyMs`, with `parallel` items in flight. */
async function updates(
	sandbox: RemoteSandbox,
	n: number,
	limit: Limit,
	latencyMs: number,
	parallel?: number,
): Promise<UpdateRun> {
	await sandbox.reset({ users: n }, limit);
	transport.configureTransport({ requestsPerWindow: limit.requests, windowMs: limit.windowMs });
	throttle.resetLimiters();
	const users = (await sandbox.users()).slice(0, n);
	await sandbox.admin('POST', 'latency', { ms: latencyMs });
	await sandbox.admin('DELETE', 'log');
	const started = performance.now();
	const { result: run, peakRss } = await withPeakRss(() =>
		runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { weeklyCapacity: 37.5 },
				...(parallel === undefined ? {} : { requestOptions: { parallelRequests: parallel } }),
			},
			input: users.map((u) => ({ id: u.id })),
			credentials: sandbox.credential(),
			continueOnFail: true,
		}),
	);
	const elapsedMs = performance.now() - started;
	const log = await sandbox.log();
	transport.resetTransport();
	const sent = log.filter((r) => r.status !== 429).length;
	const boundMs = ceilingMs(sent, limit, latencyMs);
	return {
		elapsedMs,
		sent,
		throttled: log.filter((r) => r.status === 429).length,
		failed: run.json.filter((j) => j.error).length,
		peakRss,
		ratio: elapsedMs / boundMs,
		boundMs,
	};
}

const windowLabel = (limit: Limit) =>
	`${limit.requests} req / ${limit.windowMs / 1000} s${limit === HARVEST_LIMIT ? ' (real window)' : ' (scaled window)'}`;
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);

async function updatesFigure(
	sandbox: RemoteSandbox,
	latencyMs: number,
	limit: Limit,
	target?: number,
	parallel?: number,
): Promise<UpdateRun> {
	const before = load();
	const r = await updates(sandbox, 1000, limit, latencyMs, parallel);
	line(
		`1,000 user updates, ${latencyMs} ms round trip, ${windowLabel(limit)}${parallel === undefined ? '' : `, Parallel Requests ${parallel}`}: time vs the ceiling`,
		`${r.ratio.toFixed(3)}x (${(r.elapsedMs / 1000).toFixed(2)} s vs ${(r.boundMs / 1000).toFixed(2)} s for ${r.sent} requests; ${before} -> ${load()})`,
		target === undefined ? 'reported' : `<= ${target}`,
		target === undefined || r.ratio <= target,
	);
	line(
		'  429s answered / items failed',
		`${r.throttled} / ${r.failed}`,
		'0 / 0',
		r.throttled === 0 && r.failed === 0,
	);
	return r;
}

/** Figures 1, 2 and 4 of issue #11: bulk updates as fast as the limit allows at any round trip. */
async function batchUpdates(sandbox: RemoteSandbox): Promise<void> {
	const real = await updatesFigure(sandbox, 300, HARVEST_LIMIT, 1.05);
	line('  peak RSS of that run (n8n runtime included)', `${mb(real.peakRss)} MB`, 'reported', true);
	await updatesFigure(sandbox, 0, SCALED_LIMIT, 1.05);
	// The same with one item at a time (the behaviour before Parallel Requests), back to back on
	// the same machine, so a CPU-bound figure on a loaded machine can still show (no) regression.
	await updatesFigure(sandbox, 0, SCALED_LIMIT, undefined, 1);
	await updatesFigure(sandbox, 1000, HARVEST_LIMIT);
}

/** How the default of Parallel Requests was chosen: 300 updates at 300 ms, real window, per setting. */
async function parallelSweep(sandbox: RemoteSandbox): Promise<void> {
	for (const parallel of [1, 2, 4, 8, 10, 16, 32]) {
		const before = load();
		const r = await updates(sandbox, 300, HARVEST_LIMIT, 300, parallel);
		line(
			`300 updates, 300 ms round trip, real window, Parallel Requests ${parallel}`,
			`${r.ratio.toFixed(3)}x (${(r.elapsedMs / 1000).toFixed(2)} s vs ${(r.boundMs / 1000).toFixed(2)} s; 429s ${r.throttled}, failed ${r.failed}; ${before} -> ${load()})`,
			'reported',
			r.throttled === 0 && r.failed === 0,
		);
	}
}

/** Figure 3: a 500-person first sync (1 read + 500 creates) at a 300 ms round trip, real window. */
async function reconcileFirstSync(sandbox: RemoteSandbox): Promise<void> {
	await sandbox.reset('empty', HARVEST_LIMIT, 300);
	transport.resetTransport();
	throttle.resetLimiters();
	const roster = Array.from({ length: 500 }, (_, i) => ({
		email: `person${i}@example.com`,
		first_name: 'First',
		last_name: `Sync ${i}`,
	}));
	const before = load();
	const started = performance.now();
	const run = await runNode({
		parameters: { resource: 'user', operation: 'reconcile', dryRun: false },
		input: roster,
		credentials: sandbox.credential(),
		continueOnFail: true,
	});
	const elapsedMs = performance.now() - started;
	const log = await sandbox.log();
	const sent = log.filter((r) => r.status !== 429).length;
	const boundMs = ceilingMs(sent, HARVEST_LIMIT, 300);
	const summary = run.json[run.json.length - 1] ?? {};
	const counts = (summary.counts ?? {}) as IDataObject;
	line(
		'500-person reconcile first sync, 300 ms round trip, 100 req / 15 s (real window): time vs the ceiling',
		`${(elapsedMs / boundMs).toFixed(3)}x (${(elapsedMs / 1000).toFixed(2)} s vs ${(boundMs / 1000).toFixed(2)} s for ${sent} requests; ${before} -> ${load()})`,
		'<= 1.05',
		elapsedMs / boundMs <= 1.05,
	);
	line(
		'  created / failed / 429s answered',
		`${String(counts.created)} / ${String(counts.failed)} / ${log.filter((r) => r.status === 429).length}`,
		'500 / 0 / 0',
		counts.created === 500 && counts.failed === 0 && !log.some((r) => r.status === 429),
	);
}

async function reconcileRequests(sandbox: RemoteSandbox): Promise<void> {
	await sandbox.reset({ users: 1000 }, false);
	const harvest = (await sandbox.users()).filter((u) => u.is_active);
	// An HR roster of 1,000 people: everyone in Harvest but 50 leavers, 30 changed, 100 hires.
	const roster: IDataObject[] = harvest.slice(50, 50 + 870).map((u, i) => ({
		email: u.email,
		first_name: u.first_name,
		last_name: i < 30 ? `${u.last_name}-Changed` : u.last_name,
	}));
	for (let i = 0; i < 1000 - roster.length; i++) {
		roster.push({ email: `hire${i}@example.com`, first_name: 'New', last_name: `Hire ${i}` });
	}
	await sandbox.admin('DELETE', 'log');
	throttle.resetLimiters();
	const run = await runNode({
		parameters: {
			resource: 'user',
			operation: 'reconcile',
			dryRun: false,
			archiveMissing: true,
			maxArchiveCount: 1000,
			maxArchivePercent: 100,
		},
		input: roster,
		credentials: sandbox.credential(),
		continueOnFail: true,
	});
	if (run.status !== 'success') {
		line(
			'1,000-person reconcile, requests vs minimum',
			`failed: ${run.error?.message}`,
			'reads ceil(N/2000) + 1 write per change',
			false,
		);
		return;
	}
	const log = await sandbox.log();
	const reads = log.filter((r) => r.method === 'GET').length;
	const writes = log.filter((r) => r.method !== 'GET').length;
	const changes = run.json.filter((j) =>
		['created', 'updated', 'archived', 'restored'].includes(String(j.action)),
	).length;
	const minimum = Math.ceil(harvest.length / 2000) + changes;
	line(
		'1,000-person reconcile, requests sent vs minimum',
		`${reads + writes} vs ${minimum} (${reads} reads, ${writes} writes for ${changes} changes)`,
		`<= ${minimum + 1} (reads ceil(N/2000), one write per change, plus /users/me)`,
		reads + writes <= minimum + 1,
	);
}

/** `npm run bench` runs every figure; `npm run bench -- --only updates,reconcile` some; `--sweep` the Parallel Requests sweep. */
const FIGURES: Record<string, (sandbox: RemoteSandbox) => Promise<void>> = {
	memory: peakMemory,
	listing: requestsPerListing,
	overhead: listingOverhead,
	updates: batchUpdates,
	reconcile: reconcileFirstSync,
	reconcileRequests,
	builtin: (sandbox) => compareWithBuiltIn(sandbox, line, () => throttle.resetLimiters()),
};

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const onlyArg = args.find((a) => a.startsWith('--only'));
	const only = onlyArg
		? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',')
		: undefined;
	const sandbox = await RemoteSandbox.start();
	process.stdout.write(
		`bench: Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${load()}; sandbox in a child process at ${sandbox.url}\n`,
	);
	try {
		if (process.argv.includes('--builtin-only'))
			return await compareWithBuiltIn(sandbox, line, () => throttle.resetLimiters());
		if (args.includes('--sweep')) await parallelSweep(sandbox);
		// Memory first, before other figures have grown the heap.
		for (const [name, figure] of Object.entries(FIGURES)) {
			if (args.includes('--sweep') && !only) break;
			if (!only || only.includes(name)) await figure(sandbox);
		}
	} finally {
		sandbox.stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
