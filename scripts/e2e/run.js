'use strict';
/**
 * `npm run test:e2e`: this package inside a real n8n (pinned, installed once into .n8n-e2e/),
 * installed from the packed tarball like a community package, against the Harvest sandbox.
 *
 *   examples    examples 1, 2, 3 and 5 with `n8n execute`, in two orders on one sandbox and once more
 *               after `npm run sandbox:reset`, each checked against the sandbox state it started from:
 *                 round 1 (fresh demo data)          1 → 2 → 3 → 5
 *                 round 2 (after all of them)        5 → 3 → 2 → 1   (5 twice in a row; every one a second time)
 *                 reset                              `npm run sandbox:reset` brings back the demo data
 *                 round 3 (fresh again)              3 → 5 → 1 → 2
 *   import      `npm start`'s import keeps an edited example and imports only missing ones
 *   4. trigger  example 4 published, `n8n start`; users changed in the sandbox → n8n recorded
 *               trigger executions with exactly those changes, and a later poll repeats none
 *   editor      the running n8n serves our node and credential types as the editor shows them, and the
 *               credential test (the editor's "Test" button) passes against the sandbox
 *   restart     `npm start`'s restart step clears the trigger's memory of the old sandbox
 *   agent       example 6: n8n's AI Agent with Harvest tools and a fake OpenAI-compatible model
 *
 * Every n8n and sandbox process runs in its own process group and is stopped at the end, also on
 * failure or Ctrl-C. A fresh n8n user folder in the OS temp dir is used per run (kept on failure).
 * Prints `e2e: N passed, M failed` and exits 1 on any failure.
 *
 * Env: E2E_KEEP=1 keeps the temp folder; E2E_VERBOSE=1 echoes n8n's and the sandbox's output;
 * E2E_ONLY=1,4,editor runs only those checks (setup always runs).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installSignalHandlers, freePort, stopAll, stop, runOk, sleep } = require('../lib/proc');
const runtime = require('../lib/runtime');
const inst = require('../lib/instance');
const ex = require('./expectations');
const mail = require('../lib/mail');

const VERBOSE = process.env.E2E_VERBOSE === '1';
const ONLY = process.env.E2E_ONLY
	? process.env.E2E_ONLY.split(',').map((s) => s.trim())
	: undefined;
const results = [];
const log = (s) => process.stdout.write(`${s}\n`);
const { fmt } = runtime;

async function check(num, name, fn) {
	if (ONLY && !ONLY.includes(String(num))) return;
	const started = Date.now();
	log(`\n▶ ${num}. ${name}`);
	try {
		await fn();
		results.push({ name: `${num}. ${name}`, ok: true, ms: Date.now() - started });
		log(`  ✔ passed (${fmt(Date.now() - started)})`);
	} catch (e) {
		results.push({ name: `${num}. ${name}`, ok: false, ms: Date.now() - started, error: e });
		log(`  ✘ FAILED (${fmt(Date.now() - started)}): ${e.message}`);
	}
}

function summary(extra) {
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	log('');
	for (const r of results) log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${fmt(r.ms)})`);
	log(`e2e: ${passed} passed, ${failed} failed${extra ? ` ${extra}` : ''}`);
	return failed;
}

/** Runs one example with `n8n execute` and returns the output items per node. */
async function execute(ctx, id) {
	const r = await inst.executeWorkflow(ctx.userFolder, id);
	const run = r.result;
	const error = run?.data?.resultData?.error;
	if (r.code !== 0 || !run || error) {
		const msg = error
			? `${error.message}${error.description ? ` — ${error.description}` : ''}`
			: `exit ${r.code}`;
		throw new Error(
			`n8n execute --id=${id} failed: ${msg}\n${(r.stdout + r.stderr).split('\n').slice(-25).join('\n')}`,
		);
	}
	const nodes = {};
	for (const [name, runs] of Object.entries(run.data?.resultData?.runData ?? {})) {
		nodes[name] = runs.flatMap((x) => (x.data?.main?.[0] ?? []).map((i) => i.json));
	}
	return nodes;
}

async function readDb(ctx, workflowId) {
	const r = await runOk(
		runtime.nodeBin,
		[
			path.join(__dirname, 'db.js'),
			ctx.n8nDir,
			path.join(ctx.userFolder, '.n8n', 'database.sqlite'),
			workflowId,
		],
		{ env: runtime.baseEnv(), timeoutMs: 60000 },
	);
	return JSON.parse(r.stdout);
}

async function waitUntil(what, timeoutMs, probe, intervalMs = 1000) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		last = await probe();
		if (last) return last;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${fmt(timeoutMs)} waiting for ${what}`);
		await sleep(intervalMs);
	}
}

async function main() {
	const tmpBase = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-e2e-'));
	let keep = process.env.E2E_KEEP === '1';
	installSignalHandlers(() => {
		results.push({ name: 'run interrupted', ok: false, ms: 0 });
		summary('(interrupted)');
		log(`  temp folder kept: ${tmpBase}`);
	});
	const t0 = Date.now();
	const cold = !runtime.isInstalled();
	const rt = await runtime.ensureRuntime({ log });
	const installMs = Date.now() - t0;
	log(
		`n8n runtime: ${cold ? `installed cold in ${fmt(installMs)}` : 'cached'} (${path.relative(runtime.ROOT, rt.n8nDir)})`,
	);

	const ctx = { userFolder: path.join(tmpBase, 'n8n'), n8nDir: rt.n8nDir, tmp: tmpBase };
	fs.mkdirSync(ctx.userFolder, { recursive: true });
	const setupStart = Date.now();
	const tgz = await inst.buildAndPack(log);
	await inst.installPackage(ctx.userFolder, tgz, log);
	const sandbox = await inst.startSandbox({
		port: await freePort(),
		seed: 'demo',
		log,
		echo: VERBOSE,
		logFile: path.join(tmpBase, 'sandbox.log'),
	});
	ctx.sandbox = sandbox;
	const api = (method, p, body) => inst.sandboxApi(sandbox.url, method, p, body);
	ctx.api = api;
	ctx.mail = await mail.startMailCatcher({
		log,
		echo: VERBOSE,
		logFile: path.join(tmpBase, 'maildev.log'),
	});
	await inst.importCredentials(
		ctx.userFolder,
		[inst.sandboxCredential(sandbox), mail.mailCredential(ctx.mail)],
		tmpBase,
	);
	inst.installHrExport(ctx.userFolder, { overwrite: true });
	const exampleFiles = ex.EXAMPLES.map((e) => path.join(inst.EXAMPLES_DIR, e.file));
	const firstImport = await inst.importMissingWorkflows(ctx.userFolder, exampleFiles, tmpBase);
	log(`Setup (build, pack, install, sandbox, imports) took ${fmt(Date.now() - setupStart)}`);
	const freshState = await api('GET', '/__sandbox/state');

	await check(
		'import',
		"npm start's import: only missing examples, an edited one is kept",
		async () => {
			assert.equal(
				firstImport.imported.length,
				exampleFiles.length,
				'an empty n8n gets every example',
			);
			// the user renames example 2 in the editor (here: imports their edited copy over it)
			const edited = path.join(tmpBase, 'offboard-by-email.json');
			const ex2 = JSON.parse(fs.readFileSync(exampleFiles[1], 'utf8'));
			fs.writeFileSync(edited, JSON.stringify({ ...ex2, name: `${ex2.name} (my version)` }));
			await inst.importWorkflows(ctx.userFolder, [edited], tmpBase);
			const again = await inst.importMissingWorkflows(ctx.userFolder, exampleFiles, tmpBase);
			assert.deepEqual(again.imported, [], 'a second start imports nothing');
			const listed = await inst.listWorkflows(ctx.userFolder);
			assert.equal(
				listed.find((w) => w.id === ex2.id)?.name,
				`${ex2.name} (my version)`,
				"the user's edit survives",
			);
			// sorted by name (as the overview sorts them), the examples come in their intended order
			const byName = [...listed].sort((x, y) => x.name.localeCompare(y.name));
			assert.deepEqual(
				byName.map((w) => w.id),
				[...ex.EXAMPLES.map((e) => e.id)].sort(),
				`example names sort in their order: ${byName.map((w) => w.name).join(' | ')}`,
			);
			assert.ok(
				byName.every((w, i) => w.name.startsWith(`${i + 1} · `)),
				`every example name starts with its number: ${byName.map((w) => w.name).join(' | ')}`,
			);
		},
	);

	const runExample = {
		1: async () => {
			const before = await api('GET', '/__sandbox/state');
			const mailsBefore = (await mail.caughtEmails(ctx.mail)).length;
			const nodes = await execute(ctx, 'harvestExample01');
			ex.assertOnboarded(await api('GET', '/__sandbox/state'), nodes, before);
			const newEmails = (await mail.caughtEmails(ctx.mail)).slice(mailsBefore);
			if (ex.createdJane(before)) ex.assertManagerEmail(newEmails);
			else
				assert.deepEqual(
					newEmails.map((m) => m.subject),
					[],
					'no email when Jane already existed',
				);
		},
		2: async () => {
			const before = await api('GET', '/__sandbox/state');
			const nodes = await execute(ctx, 'harvestExample02');
			ex.assertOffboarded(await api('GET', '/__sandbox/state'), nodes, before);
		},
		3: async () => {
			const before = await api('GET', '/__sandbox/state');
			const nodes = await execute(ctx, 'harvestExample03');
			ex.assertRosterSynced(before, await api('GET', '/__sandbox/state'), nodes);
			ex.assertRosterFromCsv(nodes);
		},
		5: async () => {
			const before = await api('GET', '/__sandbox/state');
			const nodes = await execute(ctx, 'harvestExample05');
			ex.assertDryRunPlanned(before, await api('GET', '/__sandbox/state'), nodes);
		},
	};
	const title = {
		1: 'onboard a new hire',
		2: 'offboard a leaver by email',
		3: 'roster sync',
		5: 'provision from HR, dry run',
	};
	const round = async (label, order) => {
		log(`\n── ${label}: ${order.join(' → ')}`);
		for (const n of order) await check(n, `example ${n}, ${title[n]} (${label})`, runExample[n]);
	};

	await round('round 1, fresh demo data', [1, 2, 3, 5]);
	await round('round 2, after all the others', [5, 3, 2, 1]);
	await check('reset', '`npm run sandbox:reset` brings back the demo data', async () => {
		const r = await runOk('npm', ['run', '-s', 'sandbox:reset'], {
			cwd: runtime.ROOT,
			env: { ...process.env, SANDBOX_URL: sandbox.url },
			timeoutMs: 60000,
		});
		assert.match(r.stdout, /reset to its demo data: 8 users \(7 active\)/);
		const state = await api('GET', '/__sandbox/state');
		const people = (s) =>
			s.users.map((u) => `${u.email}:${u.is_active}:${u.weekly_capacity}`).sort();
		assert.deepEqual(people(state), people(freshState), 'the same people as on a fresh start');
		assert.equal(state.invitations.length, 0, 'no invitations recorded');
	});
	await round('round 3, after sandbox:reset', [3, 5, 1, 2]);
	// Issue 20: example 6, an AI Agent with Harvest tools and a fake OpenAI-compatible model (agent.js).
	await check(
		'agent',
		'example 6, AI Agent with Harvest tools (fake OpenAI-compatible model)',
		async () => {
			await require('./agent').runAgentScenario(ctx, { inst, log });
		},
	);

	// Every example twice in a row: the second run must send Harvest no write (the sandbox's
	// request log) and leave the recorded state, rate histories included, as the first left it.
	log('\n── every example twice in a row: the second run writes nothing');
	// Example 4 is a polling trigger (`n8n execute` cannot start it): check 4 runs it twice and more
	// under `n8n start`, and asserts a later poll repeats nothing and that it never writes.
	for (const e of ex.EXAMPLES.filter((x) => x.id !== 'harvestExample04')) {
		await check('twice', `${e.file}: a second run in a row sends no write`, async () => {
			await execute(ctx, e.id);
			const after1 = await api('GET', '/__sandbox/state');
			const mails = (await mail.caughtEmails(ctx.mail)).length;
			await api('DELETE', '/__sandbox/log');
			await execute(ctx, e.id);
			const requests = await api('GET', '/__sandbox/log');
			const writes = requests
				.filter((r) => r.method !== 'GET')
				.map((r) => `${r.method} ${r.path} → ${r.status}`);
			assert.deepEqual(writes, [], `the second run of ${e.file} wrote`);
			assert.ok(
				requests.length > 0,
				`the second run of ${e.file} sent no request at all (did it run?)`,
			);
			const after2 = await api('GET', '/__sandbox/state');
			for (const key of [
				'users',
				'billable_rates',
				'cost_rates',
				'user_assignments',
				'invitations',
			]) {
				assert.deepEqual(after2[key], after1[key], `${key} changed on the second run of ${e.file}`);
			}
			assert.equal(
				(await mail.caughtEmails(ctx.mail)).length,
				mails,
				`the second run of ${e.file} sent an email`,
			);
		});
	}

	let n8n;
	const needServer =
		!ONLY || ONLY.includes('4') || ONLY.includes('editor') || ONLY.includes('restart');
	if (needServer) {
		await inst.n8nCli(ctx.userFolder, ['publish:workflow', '--id=harvestExample04']);
		await api('DELETE', '/__sandbox/log');
		const port = await freePort();
		try {
			n8n = await inst.startN8n(ctx.userFolder, {
				port,
				log,
				echo: VERBOSE,
				logFile: path.join(tmpBase, 'n8n.log'),
			});
		} catch (e) {
			results.push({ name: '4/5. n8n start', ok: false, ms: 0, error: e });
			log(`  ✘ n8n did not start: ${e.message}`);
		}
	}

	if (n8n) {
		await check(
			4,
			'watch users (example 4 activated, n8n start, changes in the sandbox)',
			async () => {
				const adminToken = sandbox.tokens.tokens.admin.token.slice(-4);
				const usersPolls = async () =>
					(await api('GET', '/__sandbox/log')).filter(
						(r) =>
							r.path === '/v2/users' && r.method === 'GET' && r.token === adminToken && r.status,
					);
				// the activation poll seeds the trigger's state and must emit nothing
				await waitUntil('the activation poll', 90000, async () => (await usersPolls()).length > 0);
				await waitUntil('the seeded state to be saved', 30000, async () => {
					const db = await readDb(ctx, 'harvestExample04');
					return db.staticData && Object.keys(db.staticData).length > 0 ? db : undefined;
				});
				let db = await readDb(ctx, 'harvestExample04');
				assert.equal(
					db.executions.length,
					0,
					`the activation poll emitted ${db.executions.length} execution(s); it should only seed`,
				);

				const changes = await ex.changeUsersForTrigger(api);
				log(
					`  changed the sandbox: created ${changes.created.email}, archived ${changes.archived.email}; waiting for the next poll (≤ 1 min)…`,
				);
				db = await waitUntil(
					'trigger executions with both changes',
					150000,
					async () => {
						const d = await readDb(ctx, 'harvestExample04');
						const items = d.executions.flatMap((e) => e.nodes['Format message'] ?? []);
						return items.length >= 2 ? d : undefined;
					},
					2000,
				);
				ex.assertTriggerExecutions(db, changes);
				const pollsSoFar = (await usersPolls()).length;
				log('  waiting for one more poll to check that nothing is emitted twice…');
				await waitUntil(
					'another poll',
					90000,
					async () => (await usersPolls()).length > pollsSoFar,
				);
				await sleep(3000);
				ex.assertTriggerExecutions(await readDb(ctx, 'harvestExample04'), changes);
				const triggerWrites = (await api('GET', '/__sandbox/log')).filter(
					(r) => r.token === adminToken && r.method !== 'GET',
				);
				assert.deepEqual(
					triggerWrites.map((r) => `${r.method} ${r.path}`),
					[],
					'the trigger only reads',
				);
			},
		);

		await check(
			'editor',
			'editor: node and credential types served as the editor shows them, credential test passes',
			async () => {
				await ex.assertEditor(n8n.url, inst, sandbox);
			},
		);
	}

	if (n8n) {
		await stop(n8n.child);
		await check('restart', "npm start's restart: the trigger forgets the old sandbox", async () => {
			assert.ok(
				(await readDb(ctx, 'harvestExample04')).staticData,
				'the trigger had remembered users',
			);
			assert.equal(
				await inst.clearTriggerState(ctx.userFolder, `${inst.PACKAGE.name}.harvestUsersTrigger`),
				1,
				'one trigger workflow cleared',
			);
			const db = await readDb(ctx, 'harvestExample04');
			assert.ok(!db.staticData, `static data after clearing: ${JSON.stringify(db.staticData)}`);
			assert.equal(db.active, true, 'example 4 stays active');
		});
	}
	await stopAll();
	const failed = summary(
		`(total ${fmt(Date.now() - t0)}; n8n install ${cold ? `cold ${fmt(installMs)}` : 'cached'})`,
	);
	if (failed) {
		for (const r of results.filter((x) => !x.ok))
			log(`\n--- ${r.name}\n${r.error && r.error.stack ? r.error.stack : r.error}`);
		keep = true;
	}
	if (keep) log(`n8n user folder, n8n.log and sandbox.log kept in ${tmpBase}`);
	else fs.rmSync(tmpBase, { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
}

main().catch(async (e) => {
	log(`\ne2e setup failed: ${e.stack || e.message}`);
	await stopAll();
	results.push({ name: 'setup', ok: false, ms: 0, error: e });
	summary();
	process.exit(1);
});
