'use strict';
/**
 * `npm run test:e2e:durable`: the Harvest Users Trigger under n8n 2.41.1's durable poll scheduler
 * with durable cursors (issue 22): one n8n main on Postgres (the queue test's throwaway cluster,
 * scripts/lib/services.js), polling every minute, and the Harvest sandbox. (Sub-minute polls are
 * refused at activation in 2.41.1, on the durable path too: n8n-core checks the cron first.)
 *
 *   1. seed, then every change emitted exactly once across a SIGKILL of main in the middle of a
 *      poll (the poll's request held open by the sandbox) and its restart; eventIds all distinct
 *   2. a 429 with Retry-After: n8n's scheduler backs off at least that long (its own log line
 *      says the cause and delay; the sandbox's request log shows no poll before Retry-After ran out)
 *
 * Asserts order and counts, never how fast a machine is. The token holders (Sam, Maya, Leo) are
 * never archived: their tokens would stop working; nor is Olivia, archived already in the demo data. DURABLE_KEEP=1 keeps the temp folder.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
	installSignalHandlers,
	freePort,
	startDetached,
	stop,
	stopAll,
	sleep,
} = require('../../lib/proc');
const runtime = require('../../lib/runtime');
const inst = require('../../lib/instance');
const { ensureServicePackages, startPostgres } = require('../../lib/services');
const { parseLogLine } = require('../../lib/queue');
const { createChecks, until } = require('../../lib/checks');
const { N8nDb } = require('../queue/pgdb');

const log = (s) => process.stdout.write(`${s}\n`);
const checks = createChecks({ label: 'e2e:durable', log });
const OWNER = {
	email: 'durable@example.com',
	password: 'Durable-e2e-2026',
	firstName: 'Durable',
	lastName: 'Owner',
};
const TRIGGER = 'Harvest Users Trigger';
// more than one poll interval, so that n8n has to skip at least one occurrence
const RETRY_AFTER_S = 70;

/** The durable path, as @n8n/config 2.41.1 names it; short leases so a killed main's poll is taken over soon. */
function durableEnv(pg) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TIMEOUT: '15',
		N8N_SCHEDULER_LEASE_DURATION: '20',
		N8N_SCHEDULER_REAPER_INTERVAL: '5',
		N8N_SCHEDULER_EXECUTOR_INTERVAL: '1',
		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_FORMAT: 'json',
	};
}

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

async function startMain(ctx) {
	const folder = path.join(ctx.tmp, 'main');
	if (!fs.existsSync(path.join(folder, '.n8n', 'nodes', 'node_modules', inst.PACKAGE.name)))
		await inst.installPackage(folder, ctx.tgz, () => {});
	ctx.port ??= await freePort();
	ctx.brokerPort ??= await freePort();
	const env = inst.n8nEnv(folder, {
		port: ctx.port,
		brokerPort: ctx.brokerPort,
		extra: durableEnv(ctx.pg),
	});
	const started = Date.now();
	const child = startDetached(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: folder,
		env,
		name: 'main',
		logFile: path.join(ctx.tmp, 'main.log'),
	});
	const url = `http://127.0.0.1:${ctx.port}`;
	await until(
		'n8n main to be ready',
		300000,
		async () => {
			if (child.exitCode !== null)
				throw new Error(`main exited (${child.exitCode}):\n${child.lines.slice(-20).join('\n')}`);
			return fetch(`${url}/healthz/readiness`)
				.then((r) => r.ok)
				.catch(() => false);
		},
		500,
	);
	ctx.main = { child, url };
	log(`  n8n main ready in ${runtime.fmt(Date.now() - started)}`);
	return ctx.main;
}

function mainLog(ctx) {
	const file = path.join(ctx.tmp, 'main.log');
	return fs.existsSync(file)
		? fs.readFileSync(file, 'utf8').split('\n').map(parseLogLine).filter(Boolean)
		: [];
}

const userLists = (entries) => entries.filter((r) => r.method === 'GET' && r.path === '/v2/users');

async function emitted(ctx) {
	const executions = await ctx.db.executions(ctx.workflowId);
	const items = executions.flatMap((e) => e.nodes[TRIGGER] ?? []);
	return { executions, items, events: items.map((u) => `${u.event}:${u.email}`) };
}

async function change(ctx, tag, archive) {
	const created = await ctx.api('POST', '/__sandbox/users', {
		first_name: 'Durable',
		last_name: tag.toUpperCase(),
		email: `dur-${tag}@example.com`,
	});
	const events = [`created:${created.email}`];
	if (archive) {
		const user = (await ctx.api('GET', '/__sandbox/state')).users.find((u) => u.email === archive);
		await ctx.api('PATCH', `/__sandbox/users/${user.id}`, { is_active: false });
		events.push(`archived:${archive}`);
	}
	return events;
}

const waitEvents = (ctx, what, n) =>
	until(
		what,
		240000,
		async () => {
			const r = await emitted(ctx);
			return r.events.length >= n &&
				r.executions.every((e) => e.status !== 'running' && e.status !== 'new')
				? r
				: undefined;
		},
		1000,
	);

async function scenarioRestart(ctx) {
	// n8n's activation poll does not commit its state on the durable path (its first scheduled poll
	// seeds again): changes are made once a poll has read from a stored cursor.
	await until(
		'a poll from a stored cursor',
		240000,
		async () =>
			userLists(await ctx.api('GET', '/__sandbox/log')).some((r) => r.query?.updated_since),
		1000,
	);
	const expected = await change(ctx, 'a', 'grace.okafor@example.com');
	await waitEvents(ctx, 'the first changes', expected.length);
	const polls = userLists(await ctx.api('GET', '/__sandbox/log'));
	const seconds =
		polls.length > 1 ? (polls[polls.length - 1].at - polls[0].at) / 1000 / (polls.length - 1) : NaN;
	log(`  ${polls.length} polls so far, one every ${seconds.toFixed(1)} s`);
	ctx.figures.pollEverySeconds = seconds;

	// A poll in flight: the sandbox holds its user-list request 8 s; main dies meanwhile.
	expected.push(...(await change(ctx, 'b', 'daniel.kim@example.com')));
	await ctx.api('POST', '/__sandbox/faults', {
		kind: 'delay',
		delayMs: 8000,
		count: 1,
		match: { path: '/v2/users' },
	});
	await until(
		'a poll to hit the held request',
		150000,
		async () => (await ctx.api('GET', '/__sandbox/state')).faults.length === 0,
		200,
	);
	const killedAt = Date.now();
	process.kill(-ctx.main.child.pid, 'SIGKILL');
	await new Promise((resolve) =>
		ctx.main.child.exitCode !== null || ctx.main.child.signalCode !== null
			? resolve()
			: ctx.main.child.once('exit', resolve),
	);
	log('  SIGKILL to main while its poll waited for Harvest');
	expected.push(...(await change(ctx, 'c')));
	await startMain(ctx);
	log(`  main back ${runtime.fmt(Date.now() - killedAt)} after the kill`);
	await waitEvents(ctx, 'the changes around the kill', expected.length);
	expected.push(...(await change(ctx, 'd')));
	await waitEvents(ctx, 'the change after the restart', expected.length);
	const before = userLists(await ctx.api('GET', '/__sandbox/log')).length;
	await until(
		'two more polls',
		240000,
		async () => userLists(await ctx.api('GET', '/__sandbox/log')).length >= before + 2,
		1000,
	);
	await sleep(2000);
	const last = await emitted(ctx);
	assert.deepEqual(
		[...last.events].sort(),
		[...expected].sort(),
		'every change emitted exactly once',
	);
	assert.equal(
		new Set(last.items.map((i) => i.eventId)).size,
		last.items.length,
		'eventIds distinct',
	);
	for (const e of last.executions)
		assert.equal(e.status, 'success', `execution ${e.id}: ${e.status} ${e.error ?? ''}`);
	const rows = await ctx.db.query('SELECT row_to_json(p)::text AS row FROM poller_state p');
	log(
		`  ${last.events.length} changes in ${last.executions.length} executions, each once; poller_state rows: ${rows.length} (${rows.map((r) => r.row.length).join(', ')} bytes)`,
	);
}

async function scenarioRetryAfter(ctx) {
	await ctx.api('DELETE', '/__sandbox/log');
	await ctx.api('POST', '/__sandbox/faults', {
		kind: '429',
		retryAfter: 'seconds',
		retryAfterSeconds: RETRY_AFTER_S,
		count: 1,
		match: { path: '/v2/users' },
	});
	const throttled = await until(
		'the 429',
		150000,
		async () => userLists(await ctx.api('GET', '/__sandbox/log')).find((r) => r.status === 429),
		500,
	);
	const backoff = await until(
		"n8n's backoff log line",
		30000,
		async () => mainLog(ctx).find((e) => e.message === 'Poll failed; backing off'),
		500,
	);
	const meta = { ...backoff, ...(backoff.metadata ?? {}) };
	log(
		`  n8n: "Poll failed; backing off" cause ${meta.cause}, type ${meta.type}, delay ${meta.delayMs} ms (Retry-After ${RETRY_AFTER_S} s)`,
	);
	const next = await until(
		'the next poll',
		(RETRY_AFTER_S + 150) * 1000,
		async () => userLists(await ctx.api('GET', '/__sandbox/log')).find((r) => r.at > throttled.at),
		1000,
	);
	const skipped = mainLog(ctx).filter(
		(e) => e.message === 'Poll is backing off; skipping this occurrence',
	).length;
	log(
		`  next poll ${((next.at - throttled.at) / 1000).toFixed(1)} s after the 429 (answered ${next.status}); occurrences skipped while backing off: ${skipped}`,
	);
	assert.ok(skipped >= 1, 'n8n skipped no occurrence while backing off');
	assert.equal(meta.cause, 'rate-limited', 'the failure n8n read');
	assert.ok(meta.delayMs >= RETRY_AFTER_S * 1000, `backoff ${meta.delayMs} ms < Retry-After`);
	assert.ok(
		next.at - throttled.at >= RETRY_AFTER_S * 1000,
		'a poll came before Retry-After ran out',
	);
}

async function main() {
	const t0 = Date.now();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-durable-'));
	const ctx = { tmp, figures: {} };
	const cleanup = async () => {
		await ctx.db?.close();
		if (ctx.main) await stop(ctx.main.child, 20000).catch(() => {});
		await stopAll();
		await ctx.pg?.stop().catch(() => {});
	};
	installSignalHandlers(cleanup);
	try {
		await runtime.ensureRuntime({ log });
		await ensureServicePackages(log);
		// DURABLE_TGZ: a tarball packed already (skips the build, e.g. while jest runs on dist/)
		ctx.tgz = process.env.DURABLE_TGZ ?? (await inst.buildAndPack(log));
		ctx.pg = await startPostgres(tmp, log);
		ctx.sandbox = await inst.startSandbox({
			port: await freePort(),
			seed: 'demo',
			log,
			logFile: path.join(tmp, 'sandbox.log'),
		});
		ctx.api = (method, p, body) => inst.sandboxApi(ctx.sandbox.url, method, p, body);
		await ctx.api('POST', '/__sandbox/rate-limit', { requests: 100, windowMs: 15000 });
		await startMain(ctx);
		ctx.db = new N8nDb(runtime.N8N_DIR, ctx.pg);
		await inst.setupOwner(ctx.main.url, OWNER);
		const rest = restClient(ctx.main.url, await inst.login(ctx.main.url, OWNER));
		const admin = ctx.sandbox.tokens.tokens.admin;
		const cred = await rest('POST', '/rest/credentials', {
			name: 'Harvest sandbox',
			type: 'harvestUsersApi',
			data: {
				accessToken: admin.token,
				accountId: String(admin.accountId),
				baseUrl: ctx.sandbox.url,
			},
		});
		const { randomUUID } = require('node:crypto');
		const parameters = {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			events: ['created', 'updated', 'archived', 'reactivated'],
			previousValues: 'none',
			requestOptions: { maxRetries: 0 },
		};
		const workflow = await rest('POST', '/rest/workflows', {
			name: 'Durable: watch users',
			nodes: [
				{
					id: randomUUID(),
					name: TRIGGER,
					type: `${inst.PACKAGE.name}.harvestUsersTrigger`,
					typeVersion: 1.1,
					position: [0, 0],
					parameters,
					credentials: { harvestUsersApi: { id: cred.id, name: cred.name } },
				},
				{
					id: randomUUID(),
					name: 'Seen',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: { [TRIGGER]: { main: [[{ node: 'Seen', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		ctx.workflowId = workflow.id;
		await ctx.api('DELETE', '/__sandbox/log');
		await rest('POST', `/rest/workflows/${workflow.id}/activate`, {
			versionId: workflow.versionId,
		});
		log(`Setup took ${runtime.fmt(Date.now() - t0)}`);
		await checks.check(
			1,
			'each change emitted exactly once across a SIGKILL of main mid-poll',
			() => scenarioRestart(ctx),
		);
		await checks.check(2, 'a 429 is backed off as Retry-After says', () => scenarioRetryAfter(ctx));
	} catch (e) {
		checks.fail('setup', e);
	} finally {
		await cleanup();
	}
	const failed = checks.report(`(total ${runtime.fmt(Date.now() - t0)})`);
	if (failed || process.env.DURABLE_KEEP === '1') log(`logs kept in ${tmp}`);
	else fs.rmSync(tmp, { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
}

main();
