/**
 * `npm run bench`: runs the real node through n8n's runtime against the Harvest sandbox (in its
 * own process, like a remote server) and prints one line per figure, as ratios against targets.
 * Not a test: it measures; the tests prove behaviour.
 */
import '../test/harness/setup-env';

import { spawn, type ChildProcess } from 'child_process';
import { createServer } from 'net';
import { resolve } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { loadPackage, runNode, type CredentialData } from '../test/harness/n8n';
import { compareWithBuiltIn } from './bench-builtin';
import { transportHooks } from '../test/harness/transportHooks';

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
			[require.resolve('ts-node/dist/bin.js'), '--transpile-only', resolve(ROOT, 'test/sandbox/cli.ts'), '--port', String(port)],
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

	async reset(seed: unknown, rateLimit: { requests: number; windowMs: number } | false): Promise<void> {
		await this.admin('POST', 'reset', { seed });
		await this.admin('POST', 'rate-limit', rateLimit === false ? { enabled: false } : rateLimit);
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
		return { Authorization: `Bearer ${this.token}`, 'Harvest-Account-Id': this.accountId, 'User-Agent': 'bench (bench@example.com)' };
	}

	async api(pathOrUrl: string): Promise<unknown> {
		const res = await fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${this.url}${pathOrUrl}`, { headers: this.headers() });
		return await res.json();
	}

	credential(): CredentialData {
		return { harvestUsersApi: { accessToken: this.token, accountId: this.accountId, baseUrl: this.url } };
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
		line(`requests per full listing of ${n} users`, `${requests} (${users.length} users returned)`, `${target}`, requests === target && users.length === n);
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
	line('peak RSS of the 10,000-user listing (n8n runtime included)', `${mb(peak)} MB, +${mb(peak - before)} MB over idle`, 'reported', true);
}

async function batchUpdates(sandbox: RemoteSandbox): Promise<void> {
	const limit = { requests: 100, windowMs: 1500 };
	await sandbox.reset({ users: 1000 }, limit);
	transport.configureTransport({ requestsPerWindow: limit.requests, windowMs: limit.windowMs });
	throttle.resetLimiters();
	const users = (await sandbox.users()).slice(0, 1000);
	await sandbox.admin('DELETE', 'log');
	const started = performance.now();
	const run = await runNode({
		parameters: {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			updateFields: { weeklyCapacity: 37.5 },
		},
		input: users.map((u) => ({ id: u.id })),
		credentials: sandbox.credential(),
		continueOnFail: true,
	});
	const elapsed = performance.now() - started;
	const log = await sandbox.log();
	const throttled = log.filter((r) => r.status === 429).length;
	const failed = run.json.filter((j) => j.error).length;
	const sent = log.length;
	// The ceiling lets the first window's requests go at once, then one window per further batch.
	const ceilingMs = (Math.ceil(sent / limit.requests) - 1) * limit.windowMs;
	const ratio = elapsed / ceilingMs;
	line(
		'1,000 user updates at 100 req / 1.5 s, time vs the ceiling',
		`${ratio.toFixed(3)}x (${(elapsed / 1000).toFixed(2)} s vs ${(ceilingMs / 1000).toFixed(2)} s for ${sent} requests)`,
		'<= 1.05',
		ratio <= 1.05,
	);
	line('  429s answered / items failed', `${throttled} / ${failed}`, '0 failed', failed === 0);
	transport.resetTransport();
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
		line('1,000-person reconcile, requests vs minimum', `failed: ${run.error?.message}`, 'reads ceil(N/2000) + 1 write per change', false);
		return;
	}
	const log = await sandbox.log();
	const reads = log.filter((r) => r.method === 'GET').length;
	const writes = log.filter((r) => r.method !== 'GET').length;
	const changes = run.json.filter((j) => ['created', 'updated', 'archived', 'restored'].includes(String(j.action))).length;
	const minimum = Math.ceil(harvest.length / 2000) + changes;
	line(
		'1,000-person reconcile, requests sent vs minimum',
		`${reads + writes} vs ${minimum} (${reads} reads, ${writes} writes for ${changes} changes)`,
		`<= ${minimum + 1} (reads ceil(N/2000), one write per change, plus /users/me)`,
		reads + writes <= minimum + 1,
	);
}

async function main(): Promise<void> {
	const sandbox = await RemoteSandbox.start();
	process.stdout.write(`bench: Node ${process.version}, sandbox in a child process at ${sandbox.url}\n`);
	try {
		if (process.argv.includes('--builtin-only')) return await compareWithBuiltIn(sandbox, line, () => throttle.resetLimiters());
		// Memory first, before other figures have grown the heap.
		await peakMemory(sandbox);
		await requestsPerListing(sandbox);
		await listingOverhead(sandbox);
		await batchUpdates(sandbox);
		await reconcileRequests(sandbox);
		await compareWithBuiltIn(sandbox, line, () => throttle.resetLimiters());
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
