'use strict';
/**
 * `npm run test:e2e:queue`: this package in n8n's queue mode, with real parts started here:
 * Postgres 15 and Redis (Debian packages, apt-get installed when absent) in a temp folder on
 * loopback ports, n8n (pinned, .n8n-e2e/) as one main and two workers, our packed tarball
 * installed as a community package in every process's user folder, and the Harvest sandbox with
 * Harvest's limit (100 requests per 15 s per token).
 *
 *   1. one workflow, one worker      a Harvest Users list runs on a worker (named from its log and main's)
 *   2. two workers, one token        two reconciles of 300 people each, started together, one per
 *                                    worker: 0 failed, the roster exactly as desired; 429s and
 *                                    total time ÷ the least time the limit allows are reported
 *   3. trigger across a main restart the trigger (main polls, workers run) emits every change once,
 *                                    before, during and after main is down (its state is in Postgres)
 *   4. worker killed mid-reconcile   SIGKILL; n8n marks the execution failed; a second run
 *                                    converges with one POST and one invitation per person
 *
 * Everything is stopped and the temp folder removed at the end, also on failure or Ctrl-C
 * (QUEUE_KEEP=1 keeps the folder with every log; it is kept anyway when a check failed).
 * QUEUE_ONLY=1,3 runs only those checks; QUEUE_NO_RETRY_AFTER=1 adds check 5: check 2 again with
 * 429s that carry no Retry-After (the one 429 recorded from the real Harvest had none).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installSignalHandlers, freePort, stopAll, sleep } = require('../../lib/proc');
const runtime = require('../../lib/runtime');
const inst = require('../../lib/instance');
const { ensureServicePackages, startPostgres, startRedis } = require('../../lib/services');
const { QueueCluster } = require('../../lib/queue');
const { createChecks, until } = require('../../lib/checks');
const { N8nDb } = require('./pgdb');
const wf = require('./workflows');

const { fmt } = runtime;
const log = (s) => process.stdout.write(`${s}\n`);
const ONLY = process.env.QUEUE_ONLY
	? process.env.QUEUE_ONLY.split(',').map((s) => s.trim())
	: undefined;
const checks = createChecks({ label: 'e2e:queue', log, only: ONLY });
const LIMIT = { requests: 100, windowMs: 15000 };
const ROSTER_SIZE = 300;
const OWNER = {
	email: 'queue@example.com',
	password: 'Queue-e2e-2026',
	firstName: 'Queue',
	lastName: 'Owner',
};
const figures = {};

/** The least time Harvest's limit allows for n requests of one token: full windows before the last. */
const leastTimeMs = (n) => Math.floor(Math.max(0, n - 1) / LIMIT.requests) * LIMIT.windowMs;

function restClient(url, cookie) {
	return async (method, p, body) => {
		const res = await fetch(`${url}${p}`, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n ${method} ${p} → ${res.status} ${text.slice(0, 400)}`);
		return text ? JSON.parse(text).data : undefined;
	};
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

async function waitFinished(ctx, workflowId, id, timeoutMs) {
	return until(
		`execution ${id} to finish`,
		timeoutMs,
		async () => {
			const e = await ctx.db.execution(workflowId, id);
			return e && FINISHED.has(e.status) ? e : undefined;
		},
		500,
	);
}

/** Starts a workflow the way the editor's "Execute workflow" does; main enqueues it for a worker. */
async function runWorkflow(ctx, workflowId) {
	const data = await ctx.rest('POST', `/rest/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: wf.START },
	});
	assert.ok(data?.executionId, `no executionId from /run: ${JSON.stringify(data)}`);
	return String(data.executionId);
}

async function createWorkflow(ctx, workflow) {
	const data = await ctx.rest('POST', '/rest/workflows', workflow);
	return { id: data.id, versionId: data.versionId };
}

/** Which worker ran execution `id`: from the worker's own log, cross-checked with main's. */
function workerOf(ctx, id) {
	const name = ctx.cluster.executionsByWorker().get(String(id));
	assert.ok(name, `no worker log says it started execution ${id} (main ran it?)`);
	const hostId = ctx.cluster.reportedWorkerOf(id);
	return { name, hostId };
}

const summaryOf = (execution) =>
	(execution.nodes.Reconcile ?? []).find((i) => i.action === 'summary');

/** Per email of `emails`: users, successful POSTs and invitations. Every one must be exactly 1. */
function assertOncePerEmail(state, logEntries, emails) {
	const want = new Set(emails);
	const count = (list) => {
		const m = new Map();
		for (const e of list) if (want.has(e)) m.set(e, (m.get(e) ?? 0) + 1);
		return m;
	};
	const users = count(state.users.map((u) => u.email.toLowerCase()));
	const posts = count(
		logEntries
			.filter((r) => r.method === 'POST' && r.path === '/v2/users' && r.status === 201)
			.map((r) => String(r.body?.email).toLowerCase()),
	);
	const invites = count(state.invitations.map((i) => i.email.toLowerCase()));
	for (const [what, m] of [
		['users', users],
		['successful POST /v2/users', posts],
		['invitations', invites],
	]) {
		const wrong = emails.filter((e) => m.get(e) !== 1);
		assert.equal(
			wrong.length,
			0,
			`${what}: ${wrong.length} of ${emails.length} emails not exactly once, e.g. ${wrong
				.slice(0, 3)
				.map((e) => `${e}×${m.get(e) ?? 0}`)
				.join(', ')}`,
		);
	}
}

function assertRosterUsers(state, prefix) {
	for (let i = 1; i <= ROSTER_SIZE; i++) {
		const email = wf.rosterEmail(prefix, i);
		const user = state.users.find((u) => u.email.toLowerCase() === email);
		assert.ok(user, `${email} missing`);
		assert.equal(user.is_active, true, `${email} active`);
		assert.equal(
			`${user.first_name} ${user.last_name}`,
			`Queue ${prefix.toUpperCase()} ${String(i).padStart(3, '0')}`,
			`${email} name`,
		);
		assert.equal(user.weekly_capacity, 30 * 3600, `${email} weekly capacity`);
	}
}

async function scenarioOneWorker(ctx) {
	const { id } = await createWorkflow(ctx, wf.listUsers(ctx.credential));
	await ctx.api('DELETE', '/__sandbox/log');
	const executionId = await runWorkflow(ctx, id);
	const e = await waitFinished(ctx, id, executionId, 120000);
	assert.equal(e.status, 'success', `execution ${executionId}: ${e.status} ${e.error ?? ''}`);
	assert.equal(e.mode, 'manual');
	const state = await ctx.api('GET', '/__sandbox/state');
	const listed = e.nodes['List users'] ?? [];
	assert.equal(listed.length, state.users.length, 'List users output = every sandbox user');
	assert.deepEqual(listed.map((u) => u.id).sort(), state.users.map((u) => u.id).sort());
	const calls = (await ctx.api('GET', '/__sandbox/log')).filter(
		(r) => r.path === '/v2/users' && r.method === 'GET',
	);
	assert.ok(
		calls.length >= 1 && calls.every((r) => r.status === 200),
		`GET /v2/users calls: ${JSON.stringify(calls.map((r) => r.status))}`,
	);
	const { name, hostId } = workerOf(ctx, executionId);
	log(
		`  execution ${executionId} ran on worker ${name}${hostId ? ` (main's log: workerId ${hostId})` : ''}: ${listed.length} users`,
	);
}

/**
 * Two rosters of ROSTER_SIZE distinct people, one token, started together so that each worker
 * runs one. With `retryAfter: false` the sandbox's 429s carry no Retry-After, as in the one 429
 * recorded from the real Harvest.
 */
async function scenarioTwoWorkers(ctx, { prefixes = ['qa', 'qb'], retryAfter = true } = {}) {
	const [a, b] = [
		await createWorkflow(ctx, wf.reconcileRoster(ctx.credential, prefixes[0], ROSTER_SIZE)),
		await createWorkflow(ctx, wf.reconcileRoster(ctx.credential, prefixes[1], ROSTER_SIZE)),
	];
	const before = await ctx.api('GET', '/__sandbox/state');
	await ctx.api('POST', '/__sandbox/rate-limit', { ...LIMIT, retryAfter });
	await ctx.api('DELETE', '/__sandbox/log');
	const loadBefore = os.loadavg()[0];
	const started = Date.now();
	let ra;
	let rb;
	let ea;
	let eb;
	try {
		[ea, eb] = await Promise.all([runWorkflow(ctx, a.id), runWorkflow(ctx, b.id)]);
		[ra, rb] = await Promise.all([
			waitFinished(ctx, a.id, ea, 600000),
			waitFinished(ctx, b.id, eb, 600000),
		]);
	} finally {
		await ctx.api('POST', '/__sandbox/rate-limit', { ...LIMIT, retryAfter: true });
	}
	const totalMs = Math.max(ra.stoppedAt, rb.stoppedAt) - started;
	const entries = (await ctx.api('GET', '/__sandbox/log')).filter((r) => r.token === ctx.tokenTail);
	const throttled = entries.filter((r) => r.status === 429).length;
	const accepted = entries.length - throttled;
	const spanMs = entries.length ? entries[entries.length - 1].at - entries[0].at : 0;
	const f = {
		retryAfter,
		totalMs,
		spanMs,
		accepted,
		throttled,
		leastMs: leastTimeMs(accepted),
		ratio: totalMs / leastTimeMs(accepted),
		load: [loadBefore, os.loadavg()[0]],
	};
	figures.twoWorkers = [...(figures.twoWorkers ?? []), f];
	log(
		`  ${retryAfter ? 'with' : 'WITHOUT'} Retry-After: ${accepted} accepted requests, ${throttled} answered 429; total ${(totalMs / 1000).toFixed(1)} s (sandbox first→last request ${(spanMs / 1000).toFixed(1)} s); least time the limit allows ${f.leastMs / 1000} s → ratio ${f.ratio.toFixed(2)} (load ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)})`,
	);

	const workers = [workerOf(ctx, ea), workerOf(ctx, eb)];
	log(
		`  roster ${prefixes[0]} ran on ${workers[0].name}, roster ${prefixes[1]} on ${workers[1].name}`,
	);
	assert.notEqual(workers[0].name, workers[1].name, 'both executions ran on the same worker');
	for (const [prefix, r] of [
		[prefixes[0], ra],
		[prefixes[1], rb],
	]) {
		const summary = summaryOf(r);
		assert.ok(summary, `roster ${prefix}: no summary item (${r.status} ${r.error ?? ''})`);
		log(`  roster ${prefix}: ${JSON.stringify(summary.counts)}`);
		const failures = (r.nodes.Reconcile ?? []).filter((i) => i.action === 'failed');
		assert.equal(
			summary.counts.failed,
			0,
			`roster ${prefix}: ${summary.counts.failed} failed items, e.g. ${failures
				.slice(0, 3)
				.map((i) => `${i.email}: ${i.error}`)
				.join('; ')}`,
		);
		assert.equal(r.status, 'success', `roster ${prefix}: execution ${r.status}`);
		assert.equal(summary.counts.created, ROSTER_SIZE, `roster ${prefix}: created`);
	}
	const after = await ctx.api('GET', '/__sandbox/state');
	for (const prefix of prefixes) assertRosterUsers(after, prefix);
	const emails = prefixes.flatMap((p) =>
		Array.from({ length: ROSTER_SIZE }, (_, i) => wf.rosterEmail(p, i + 1)),
	);
	assertOncePerEmail(after, entries, emails);
	// everyone else is untouched
	const others = (s) =>
		JSON.stringify(
			s.users.filter((u) => !emails.includes(u.email.toLowerCase())).sort((x, y) => x.id - y.id),
		);
	assert.equal(others(after), others(before), 'users outside the rosters changed');
	assert.equal(after.users.length, before.users.length + 2 * ROSTER_SIZE, 'user count');
}

async function scenarioKilledWorker(ctx) {
	const k = await createWorkflow(ctx, wf.reconcileRoster(ctx.credential, 'qk', ROSTER_SIZE));
	await ctx.api('DELETE', '/__sandbox/log');
	const isCreate = (r) =>
		r.method === 'POST' &&
		r.path === '/v2/users' &&
		r.status === 201 &&
		String(r.body?.email).startsWith('qk-');
	const first = await runWorkflow(ctx, k.id);
	await until(
		'120 users created by the first run',
		180000,
		async () => (await ctx.api('GET', '/__sandbox/log')).filter(isCreate).length >= 120,
		200,
	);
	const { name } = workerOf(ctx, first);
	await ctx.cluster.killWorker(name);
	const createdAtKill = (await ctx.api('GET', '/__sandbox/log')).filter(isCreate).length;
	log(
		`  SIGKILL to worker ${name} (and its task runner) after ${createdAtKill} of ${ROSTER_SIZE} users were created`,
	);
	const killedAt = Date.now();
	const crashed = await waitFinished(ctx, k.id, first, 180000);
	log(
		`  n8n marked execution ${first} "${crashed.status}" ${fmt(Date.now() - killedAt)} after the kill${crashed.error ? `: ${crashed.error}` : ''}`,
	);
	assert.ok(
		['error', 'crashed'].includes(crashed.status),
		`the killed execution is "${crashed.status}", expected error or crashed`,
	);
	await sleep(1000);
	const createdBeforeRerun = (await ctx.api('GET', '/__sandbox/log')).filter(isCreate).length;

	const second = await runWorkflow(ctx, k.id);
	const rerun = await waitFinished(ctx, k.id, second, 300000);
	const by = workerOf(ctx, second);
	const summary = summaryOf(rerun);
	assert.ok(summary, `rerun: no summary item (${rerun.status} ${rerun.error ?? ''})`);
	log(`  rerun ${second} on ${by.name}: ${JSON.stringify(summary.counts)}`);
	assert.equal(rerun.status, 'success', `rerun: ${rerun.status} ${rerun.error ?? ''}`);
	assert.equal(summary.counts.failed, 0, 'rerun failed items');
	assert.equal(
		summary.counts.unchanged,
		createdBeforeRerun,
		'rerun: the users the killed run created are unchanged',
	);
	assert.equal(
		summary.counts.created,
		ROSTER_SIZE - createdBeforeRerun,
		'rerun creates only the rest',
	);
	const state = await ctx.api('GET', '/__sandbox/state');
	assertRosterUsers(state, 'qk');
	const entries = await ctx.api('GET', '/__sandbox/log');
	assertOncePerEmail(
		state,
		entries,
		Array.from({ length: ROSTER_SIZE }, (_, i) => wf.rosterEmail('qk', i + 1)),
	);
	log(`  restarting worker ${name}…`);
	await ctx.cluster.startWorker(name);
}

/** Makes changes in the sandbox as someone in Harvest's web UI would; returns the expected events. */
async function changeUsers(ctx, tag, archiveEmail) {
	const created = await ctx.api('POST', '/__sandbox/users', {
		first_name: 'Trigger',
		last_name: tag.toUpperCase(),
		email: `qt-${tag}@queue.example.com`,
	});
	const events = [`created:${created.email}`];
	if (archiveEmail) {
		const state = await ctx.api('GET', '/__sandbox/state');
		const user = state.users.find((u) => u.email === archiveEmail);
		await ctx.api('PATCH', `/__sandbox/users/${user.id}`, { is_active: false });
		events.push(`archived:${archiveEmail}`);
	}
	return events;
}

async function scenarioTriggerRestart(ctx) {
	const t = await createWorkflow(ctx, wf.watchUsers(ctx.credential));
	await ctx.rest('POST', `/rest/workflows/${t.id}/activate`, { versionId: t.versionId });
	const emitted = async () => {
		const executions = await ctx.db.executions(t.id);
		return {
			executions,
			events: executions.flatMap((e) =>
				(e.nodes['Harvest Users Trigger'] ?? []).map((u) => `${u.event}:${u.email}`),
			),
		};
	};
	const waitEvents = (what, n) =>
		until(
			what,
			180000,
			async () => {
				const r = await emitted();
				return r.events.length >= n && r.executions.every((e) => FINISHED.has(e.status))
					? r
					: undefined;
			},
			2000,
		);
	await until('the activation poll to store its state in Postgres', 60000, async () => {
		const w = await ctx.db.workflow(t.id);
		return w?.staticData && Object.keys(w.staticData).length > 0;
	});
	assert.equal(
		(await emitted()).executions.length,
		0,
		'the activation poll emitted something; it should only seed',
	);

	const expected = await changeUsers(ctx, 'a', wf.rosterEmail('qa', 1));
	log('  changed users with main up; waiting for the next poll (≤ 1 min)…');
	await waitEvents('the changes made before the restart', expected.length);

	const restartStarted = Date.now();
	await ctx.cluster.stopMain();
	expected.push(...(await changeUsers(ctx, 'b', wf.rosterEmail('qa', 2))));
	await ctx.cluster.startMain();
	await ctx.login();
	log(
		`  main stopped, users changed while it was down, main up again in ${fmt(Date.now() - restartStarted)}`,
	);
	await waitEvents('the changes made while main was down', expected.length);

	expected.push(...(await changeUsers(ctx, 'c')));
	log('  changed users after the restart; waiting for the next poll (≤ 1 min)…');
	const final = await waitEvents('the changes made after the restart', expected.length);
	// one more poll: nothing may come twice
	const pollsBefore = await countPolls(ctx);
	await until('one more poll', 90000, async () => (await countPolls(ctx)) > pollsBefore, 2000);
	await sleep(3000);
	const last = await emitted();
	assert.deepEqual(
		[...last.events].sort(),
		[...expected].sort(),
		'every change emitted exactly once',
	);
	const byWorker = ctx.cluster.executionsByWorker();
	for (const e of last.executions) {
		assert.equal(e.mode, 'trigger', `execution ${e.id} mode`);
		assert.equal(e.status, 'success', `execution ${e.id}: ${e.status} ${e.error ?? ''}`);
		assert.ok(byWorker.has(e.id), `trigger execution ${e.id} did not run on a worker`);
		assert.equal(
			(e.nodes.Seen ?? []).length,
			(e.nodes['Harvest Users Trigger'] ?? []).length,
			`execution ${e.id} ran every item through the workflow`,
		);
	}
	log(
		`  ${final.events.length} changes in ${last.executions.length} trigger executions, on ${[...new Set(last.executions.map((e) => byWorker.get(e.id)))].join(' and ')}`,
	);
	const w = await ctx.db.workflow(t.id);
	assert.equal(w.active, true, 'the trigger workflow is still active');
	// its polls would otherwise run on the workers during the next scenario
	await ctx.rest('POST', `/rest/workflows/${t.id}/deactivate`, {});
}

async function countPolls(ctx) {
	return (await ctx.api('GET', '/__sandbox/log')).filter(
		(r) => r.method === 'GET' && r.path === '/v2/users' && r.query?.updated_since !== undefined,
	).length;
}

async function main() {
	const t0 = Date.now();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-queue-'));
	const ctx = { tmp };
	const timings = {};
	let cleaned = false;
	const cleanup = async () => {
		if (cleaned) return;
		cleaned = true;
		await ctx.db?.close();
		await ctx.cluster?.stopAll().catch(() => {});
		await stopAll();
		await ctx.pg?.stop().catch(() => {});
	};
	installSignalHandlers(async () => {
		checks.fail('run interrupted', new Error('interrupted'));
		await cleanup();
		checks.report('(interrupted)');
		log(`  temp folder kept: ${tmp}`);
	});
	let failed = 1;
	try {
		const cold = !runtime.isInstalled();
		const rt = await runtime.ensureRuntime({ log });
		timings.runtime = cold ? `installed cold in ${fmt(Date.now() - t0)}` : 'cached';
		const aptSeconds = await ensureServicePackages(log);
		timings.apt = aptSeconds ? `${aptSeconds} s` : 'already installed';
		const setupStarted = Date.now();
		const tgz = await inst.buildAndPack(log);
		[ctx.pg, ctx.redis] = await Promise.all([startPostgres(tmp, log), startRedis(tmp, log)]);
		ctx.sandbox = await inst.startSandbox({
			port: await freePort(),
			seed: 'demo',
			log,
			logFile: path.join(tmp, 'sandbox.log'),
		});
		ctx.api = (method, p, body) => inst.sandboxApi(ctx.sandbox.url, method, p, body);
		await ctx.api('POST', '/__sandbox/rate-limit', LIMIT);
		ctx.tokenTail = ctx.sandbox.tokens.tokens.admin.token.slice(-4);

		ctx.cluster = new QueueCluster({ dir: tmp, tgz, pg: ctx.pg, redis: ctx.redis, log });
		const mainUp = await ctx.cluster.startMain();
		log(`n8n main on ${mainUp.url} ready in ${fmt(mainUp.startedMs)}`);
		const workers = await Promise.all([
			ctx.cluster.startWorker('w1'),
			ctx.cluster.startWorker('w2'),
		]);
		log(`workers ${workers.map((w) => `${w.name} (${fmt(w.startedMs)})`).join(', ')} ready`);
		ctx.db = new N8nDb(rt.n8nDir, ctx.pg);

		await inst.setupOwner(mainUp.url, OWNER);
		ctx.login = async () => {
			ctx.rest = restClient(mainUp.url, await inst.login(mainUp.url, OWNER));
		};
		await ctx.login();
		const admin = ctx.sandbox.tokens.tokens.admin;
		const cred = await ctx.rest('POST', '/rest/credentials', {
			name: 'Harvest sandbox (queue)',
			type: 'harvestUsersApi',
			data: {
				accessToken: admin.token,
				accountId: String(admin.accountId),
				baseUrl: ctx.sandbox.url,
			},
		});
		ctx.credential = { id: cred.id, name: cred.name };
		timings.setup = fmt(Date.now() - setupStarted);
		log(
			`Setup (build, pack, Postgres, Redis, sandbox, main + 2 workers, owner, credential) took ${timings.setup}`,
		);

		const scenarios = [
			['a Harvest Users workflow runs on a worker', scenarioOneWorker],
			[`two reconciles of ${ROSTER_SIZE} people, one token, on two workers`, scenarioTwoWorkers],
			['the trigger emits each change once across a restart of main', scenarioTriggerRestart],
			['a worker killed mid-reconcile; the rerun converges', scenarioKilledWorker],
		];
		// opt-in (about 2 more minutes): the same as 2 with 429s that carry no Retry-After
		if (process.env.QUEUE_NO_RETRY_AFTER === '1') {
			scenarios.push([
				'as 2, but the 429s carry no Retry-After',
				(c) => scenarioTwoWorkers(c, { prefixes: ['qc', 'qd'], retryAfter: false }),
			]);
		}
		for (const [i, [name, fn]] of scenarios.entries()) {
			await checks.check(i + 1, name, async () => {
				ctx.cluster.assertAlive();
				await fn(ctx);
				ctx.cluster.assertAlive();
			});
		}
	} catch (e) {
		checks.fail('setup', e);
	} finally {
		await cleanup();
		const extra = [
			`total ${fmt(Date.now() - t0)}`,
			`n8n ${timings.runtime ?? '?'}`,
			`apt ${timings.apt ?? '?'}`,
			...(figures.twoWorkers ?? []).map(
				(f) =>
					`two workers${f.retryAfter ? '' : ' (no Retry-After)'}: ${f.throttled} × 429, ratio ${f.ratio.toFixed(2)}`,
			),
		];
		failed = checks.report(`(${extra.join('; ')})`);
		if (failed || process.env.QUEUE_KEEP === '1') log(`logs and data kept in ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	process.exit(failed ? 1 : 0);
}

main();
