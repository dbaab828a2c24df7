/**
 * `npm run bench:trigger`: the Harvest Users Trigger's cost at 10,000 and 60,000 users (issue 22),
 * through n8n's runtime against the Harvest sandbox, at no latency and at a realistic 300 ms
 * round trip. Prints bytes a user of the stored state (Previous Values Keep / Don't Keep), and the
 * time of the seeding poll, an idle poll and a poll with one change, each as a ratio to the least
 * time Harvest allows: one request per 2,000 users, one at a time (the round trip each), and no
 * more than 100 requests in 15 s. Not a test: it measures; the tests prove behaviour.
 */
import '../test/harness/setup-env.cjs';

import { loadavg } from 'os';
import type { IDataObject } from 'n8n-workflow';

import { patCredential, runPoll } from '../test/harness/index.cjs';
import { startSandbox, type Sandbox } from '../sandbox/src/index.cjs';

const KEY = 'node:Harvest Users Trigger';
const SIZES = (process.env.BENCH_SIZES ?? '10000,60000').split(',').map(Number);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,300').split(',').map(Number);
const POLL_TIMEOUT_S = 45;

/** The least time n requests take: n round trips in a row, and Harvest's 100 per 15 s. */
const leastMs = (requests: number, rttMs: number) =>
	Math.max(requests * rttMs, Math.floor(Math.max(0, requests - 1) / 100) * 15000);

async function timed(sandbox: Sandbox, previousValues: string, staticData: IDataObject) {
	sandbox.clearLog();
	const started = Date.now();
	const run = await runPoll({
		parameters: { events: ['created', 'updated', 'archived', 'reactivated'], previousValues },
		credentials: patCredential(sandbox),
		staticData,
		typeVersion: 1.1,
	});
	return {
		ms: Date.now() - started,
		requests: sandbox.log.length,
		staticData: run.staticData,
		items: run.result?.[0]?.length ?? 0,
	};
}

function line(what: string, r: { ms: number; requests: number }, rtt: number): string {
	const least = leastMs(r.requests, rtt);
	const ratio = least > 0 ? ` = ${(r.ms / least).toFixed(2)}x the least ${least} ms` : '';
	return `    ${what}: ${r.ms} ms, ${r.requests} request(s)${ratio}`;
}

async function main(): Promise<void> {
	console.log(`Harvest Users Trigger benchmark (load ${loadavg()[0].toFixed(1)})`);
	for (const size of SIZES) {
		const sandbox = await startSandbox({
			seed: { users: size },
			rateLimit: { requests: 100, windowMs: 15000 },
		});
		const n = sandbox.store.users.list().length;
		try {
			for (const rtt of LATENCIES) {
				sandbox.setLatency({ ms: rtt, jitterMs: 0 });
				for (const mode of ['keep', 'none']) {
					console.log(`  ${n} users, round trip ${rtt} ms, Previous Values ${mode}:`);
					const seed = await timed(sandbox, mode, {});
					const bytes = Buffer.byteLength(JSON.stringify(seed.staticData[KEY]));
					console.log(`    state ${bytes} bytes = ${(bytes / n).toFixed(1)} bytes a user`);
					console.log(line('seeding poll', seed, rtt));
					if (rtt > 0) {
						// Pages that fit in the scheduler's poll timeout at this round trip, and so users.
						const perPage = seed.ms / seed.requests;
						const pages = Math.floor((POLL_TIMEOUT_S * 1000) / perPage);
						const users =
							pages <= 100
								? pages * 2000
								: Math.min(pages, 100 + Math.floor((POLL_TIMEOUT_S - 15) / 15) * 100) * 2000;
						console.log(
							`    a seeding poll fits ${POLL_TIMEOUT_S} s up to about ${users} users (${perPage.toFixed(0)} ms a page)`,
						);
					}
					const idle = await timed(sandbox, mode, seed.staticData);
					console.log(
						line('idle poll', idle, rtt) +
							(JSON.stringify(idle.staticData) === JSON.stringify(seed.staticData)
								? ', state unchanged'
								: ', state CHANGED'),
					);
					const user = sandbox.store.users.list()[Math.floor(n / 2)];
					sandbox.store.users.update(user.id, {
						weekly_capacity: (user.weekly_capacity as number) + 3600,
					});
					const one = await timed(sandbox, mode, idle.staticData);
					console.log(line(`one change (${one.items} item)`, one, rtt));
				}
			}
		} finally {
			await sandbox.close();
		}
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
