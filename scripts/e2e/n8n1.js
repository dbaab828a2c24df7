'use strict';
/**
 * `npm run test:e2e:n8n1`: a smoke test of this package in real n8n 1.123.81 (the last 1.x line),
 * on the system Node 20, installed once into .n8n-e2e/n8n-1.123.81/ (see runtime.js for the
 * recipe: xlsx override, sqlite3 rebuild, legacy expression engine). The package is packed and
 * installed as a community package, the same code as `npm run test:e2e` uses for 2.x.
 *
 *   workflow  Manual → Create user → the same Create again (422, Continue On Fail) → Get user
 *             424242 (404, Continue On Fail) → Get Many users, with `n8n execute`
 *   oauth2    Get Me with the OAuth2 credential whose access token the sandbox has expired, run
 *             twice: n8n 1.x refreshes it after one 401 and saves the new token, which the second
 *             run uses without a 401
 *   trigger   a trigger workflow (created, archived, deleted) activated with `update:workflow`,
 *             `n8n start`: the activation poll seeds its state; a user created and one deleted in
 *             the sandbox are emitted by the next poll (the deletion confirmed by Harvest's 404),
 *             and the poll after that still succeeds
 *
 * Prints `e2e n8n1: N passed, M failed` and exits 1 on any failure. E2E_KEEP=1 keeps the temp
 * folder, E2E_VERBOSE=1 echoes n8n's and the sandbox's output, N8N1_TGZ=<path> installs that
 * tarball instead of building and packing (two runs must not build in one tree at once).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installSignalHandlers, freePort, stopAll, runOk, sleep } = require('../lib/proc');
const { runtimeFor, fmt, ROOT } = require('../lib/runtime');
const inst = require('../lib/instance');

const N8N_VERSION = process.env.E2E_N8N_VERSION ?? '1.123.81';
const VERBOSE = process.env.E2E_VERBOSE === '1';
const NODE = `${inst.PACKAGE.name}.harvestUsers`;
const TRIGGER = `${inst.PACKAGE.name}.harvestUsersTrigger`;
const log = (s) => process.stdout.write(`${s}\n`);
const results = [];

async function check(name, fn) {
	const started = Date.now();
	log(`\n▶ ${name}`);
	try {
		await fn();
		results.push({ name, ok: true, ms: Date.now() - started });
		log(`  ✔ passed (${fmt(Date.now() - started)})`);
	} catch (e) {
		results.push({ name, ok: false, ms: Date.now() - started, error: e });
		log(`  ✘ FAILED (${fmt(Date.now() - started)}): ${e.message}`);
	}
}

const credentials = { harvestUsersApi: { id: inst.CREDENTIAL_ID, name: inst.CREDENTIAL_NAME } };

function harvestNode(name, x, parameters, extra = {}) {
	return {
		id: `node-${x}`,
		name,
		type: NODE,
		typeVersion: 1.1,
		position: [x, 0],
		parameters,
		credentials,
		...extra,
	};
}

/** A manual workflow: Start, then the steps in a chain; each passes one item on, so each runs once. */
function chainWorkflow(id, name, steps) {
	const start = {
		id: 'node-0',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes = [start, ...steps];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

function smokeWorkflow() {
	const create = {
		resource: 'user',
		operation: 'create',
		firstName: 'Ada',
		lastName: 'Smoke',
		email: 'ada.smoke@example.com',
		additionalFields: {},
	};
	return chainWorkflow('harvestN8n1Smoke', 'n8n 1.x smoke', [
		harvestNode('Create user', 200, create),
		harvestNode('Create again', 400, create, { onError: 'continueRegularOutput' }),
		harvestNode(
			'Get unknown user',
			600,
			{ resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: '424242' } },
			{ onError: 'continueRegularOutput' },
		),
		harvestNode('Get many users', 800, {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		}),
	]);
}

const OAUTH2_CREDENTIAL = { id: 'harvestSandboxOA', name: 'Harvest sandbox (OAuth2)' };

/** An OAuth2 credential as n8n stores it after "Connect", its access token already expired. */
async function expiredOAuth2Credential(ctx) {
	const tokens = await ctx.api('POST', '/__sandbox/tokens/oauth', { user: 'admin' });
	await ctx.api('POST', '/__sandbox/tokens/expire', { token: tokens.access_token });
	const { url, account_id: accountId, oauth_client: client } = ctx.sandbox.tokens;
	const credential = {
		...OAUTH2_CREDENTIAL,
		type: 'harvestUsersOAuth2Api',
		data: {
			clientId: client.clientId,
			clientSecret: client.clientSecret,
			accountId: String(accountId),
			baseUrl: url,
			grantType: 'authorizationCode',
			authUrl: `${url}/oauth2/authorize`,
			accessTokenUrl: `${url}/api/v2/oauth2/token`,
			scope: 'all',
			authQueryParameters: '',
			authentication: 'body',
			oauthTokenData: tokens,
		},
	};
	return { credential, tokens };
}

function oauth2Workflow() {
	return chainWorkflow('harvestN8n1OAuth', 'n8n 1.x OAuth2', [
		harvestNode(
			'Get me',
			200,
			{ authentication: 'oAuth2', resource: 'user', operation: 'me' },
			{ credentials: { harvestUsersOAuth2Api: OAUTH2_CREDENTIAL } },
		),
	]);
}

function triggerWorkflow() {
	const trigger = {
		id: 'node-t',
		name: 'Harvest Users Trigger',
		type: TRIGGER,
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			events: ['created', 'archived', 'deleted'],
		},
		credentials,
	};
	return {
		id: 'harvestN8n1Trigg',
		name: 'n8n 1.x trigger',
		active: false,
		nodes: [trigger],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function readDb(rt, userFolder, workflowId) {
	const db = path.join(userFolder, '.n8n', 'database.sqlite');
	const r = await runOk(rt.nodeBin, [path.join(__dirname, 'db.js'), rt.n8nDir, db, workflowId], {
		env: rt.baseEnv(),
		timeoutMs: 60000,
	});
	return JSON.parse(r.stdout);
}

async function waitUntil(what, timeoutMs, probe, intervalMs = 1000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const last = await probe();
		if (last) return last;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${fmt(timeoutMs)} waiting for ${what}`);
		await sleep(intervalMs);
	}
}

async function runWorkflowCheck(ctx) {
	const before = await ctx.api('GET', '/__sandbox/state');
	const r = await inst.executeWorkflow(ctx.userFolder, 'harvestN8n1Smoke', { rt: ctx.rt });
	const run = r.result;
	assert.ok(
		run,
		`n8n execute printed no result (exit ${r.code}):\n${(r.stdout + r.stderr).split('\n').slice(-25).join('\n')}`,
	);
	const error = run.data?.resultData?.error;
	assert.equal(error, undefined, `the run failed: ${error?.message} ${error?.description ?? ''}`);
	const out = (node) =>
		(run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
	const [created] = out('Create user');
	assert.equal(created.email, 'ada.smoke@example.com');
	const state = await ctx.api('GET', '/__sandbox/state');
	assert.equal(
		state.users.length,
		before.users.length + 1,
		'exactly one user created (the refused duplicate was not sent again)',
	);
	const again = out('Create again');
	assert.equal(again.length, 1, 'one error item for the refused duplicate');
	assert.match(
		again[0].error,
		/already been taken.*\[HTTP 422\]/i,
		`422 read as Harvest's refusal: ${again[0].error}`,
	);
	const unknown = out('Get unknown user')[0];
	assert.equal(
		unknown.error,
		'No Harvest user with ID 424242 [HTTP 404]',
		`404 read as Harvest's answer: ${JSON.stringify(unknown)}`,
	);
	const listed = out('Get many users');
	assert.deepEqual(
		listed.map((u) => u.id).sort(),
		state.users.map((u) => u.id).sort(),
		'Get Many returns every user of the sandbox',
	);
	const posts = (await ctx.api('GET', '/__sandbox/log')).filter(
		(q) => q.method === 'POST' && q.path === '/v2/users',
	);
	assert.equal(
		posts.length,
		2,
		`one POST per Create node, none repeated: ${posts.map((q) => q.status).join(', ')}`,
	);
}

async function oauth2Check(ctx, tokens) {
	const runOnce = async () => {
		await ctx.api('DELETE', '/__sandbox/log');
		const r = await inst.executeWorkflow(ctx.userFolder, 'harvestN8n1OAuth', { rt: ctx.rt });
		const error = r.result?.data?.resultData?.error;
		assert.ok(r.result, `n8n execute printed no result (exit ${r.code})`);
		assert.equal(error, undefined, `the run failed: ${error?.message} ${error?.description ?? ''}`);
		const [me] = r.result.data.resultData.runData['Get me'][0].data.main[0].map((i) => i.json);
		assert.equal(me.id, ctx.sandbox.tokens.tokens.admin.userId, 'Get Me answered as the admin');
		return (await ctx.api('GET', '/__sandbox/log')).map((q) => ({
			line: `${q.method} ${q.path} ${q.status}`,
			token: q.token,
		}));
	};
	const first = await runOnce();
	assert.deepEqual(
		first.map((q) => q.line),
		['GET /v2/users/me 401', 'POST /api/v2/oauth2/token 200', 'GET /v2/users/me 200'],
		'one 401, the refresh, the request repeated once',
	);
	assert.equal(first[0].token, tokens.access_token.slice(-4));
	const refreshed = first[2].token;
	assert.notEqual(refreshed, first[0].token, 'the repeat used the new access token');
	const second = await runOnce();
	assert.deepEqual(
		second,
		[{ line: 'GET /v2/users/me 200', token: refreshed }],
		'n8n saved the refreshed token: the next run uses it without a 401',
	);
}

async function triggerCheck(ctx) {
	const adminToken = ctx.sandbox.tokens.tokens.admin.token.slice(-4);
	const userPolls = async () =>
		(await ctx.api('GET', '/__sandbox/log')).filter(
			(q) => q.path === '/v2/users' && q.method === 'GET' && q.token === adminToken && q.status,
		);
	await waitUntil('the activation poll', 90000, async () => (await userPolls()).length > 0);
	let db = await waitUntil('the seeded state to be saved', 30000, async () => {
		const d = await readDb(ctx.rt, ctx.userFolder, 'harvestN8n1Trigg');
		return d.staticData && Object.keys(d.staticData).length > 0 ? d : undefined;
	});
	assert.equal(db.executions.length, 0, 'the activation poll only seeds the state');
	const state = await ctx.api('GET', '/__sandbox/state');
	const gone =
		state.users.find((u) => u.is_active && !u.access_roles?.includes('administrator')) ??
		state.users[state.users.length - 1];
	await ctx.api('DELETE', `/__sandbox/users/${gone.id}`);
	const created = await ctx.api('POST', '/__sandbox/users', {
		first_name: 'Tomás',
		last_name: 'Rivera',
		email: 'tomas.rivera@example.com',
		access_roles: ['member'],
	});
	log(`  deleted ${gone.email}, created ${created.email}; waiting for the next poll (≤ 1 min)…`);
	db = await waitUntil(
		'a trigger execution with both changes',
		150000,
		async () => {
			const d = await readDb(ctx.rt, ctx.userFolder, 'harvestN8n1Trigg');
			return d.executions.flatMap((e) => e.nodes['Harvest Users Trigger'] ?? []).length >= 2
				? d
				: undefined;
		},
		2000,
	);
	const emitted = db.executions
		.flatMap((e) => e.nodes['Harvest Users Trigger'] ?? [])
		.map((u) => `${u.event}:${u.id}`);
	assert.deepEqual(emitted.sort(), [`created:${created.id}`, `deleted:${gone.id}`].sort());
	const confirm = (await ctx.api('GET', '/__sandbox/log')).find(
		(q) => q.method === 'GET' && q.path === `/v2/users/${gone.id}`,
	);
	assert.equal(confirm?.status, 404, 'the deletion was confirmed by a 404');
	// on main at 1.x this 404 failed the poll, and every poll after it: the trigger stopped for good
	const polls = (await userPolls()).length;
	log('  waiting for one more poll: it must succeed and emit nothing new…');
	await waitUntil('another poll', 90000, async () => (await userPolls()).length > polls);
	await sleep(3000);
	db = await readDb(ctx.rt, ctx.userFolder, 'harvestN8n1Trigg');
	for (const e of db.executions)
		assert.equal(e.status, 'success', `execution ${e.id}: ${e.status} ${e.error ?? ''}`);
	assert.equal(
		db.executions.flatMap((e) => e.nodes['Harvest Users Trigger'] ?? []).length,
		2,
		'nothing emitted twice',
	);
	assert.equal(db.active, true, 'the trigger workflow is still active');
}

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-e2e-n8n1-'));
	installSignalHandlers(() => log(`interrupted; temp folder kept: ${tmp}`));
	const t0 = Date.now();
	const rt = runtimeFor(N8N_VERSION);
	const cold = !rt.isInstalled();
	await rt.ensure({ log });
	log(
		`n8n ${N8N_VERSION} on Node ${rt.nodeVersion}: ${cold ? `installed cold in ${fmt(Date.now() - t0)}` : 'cached'} (${path.relative(ROOT, rt.n8nDir)})`,
	);
	const ctx = { rt, tmp, userFolder: path.join(tmp, 'n8n') };
	fs.mkdirSync(ctx.userFolder, { recursive: true });
	// N8N1_TGZ: a tarball already packed (.ci/run packs once for the two e2e runs it runs side by side)
	const tgz = process.env.N8N1_TGZ ?? (await inst.buildAndPack(log));
	await inst.installPackage(ctx.userFolder, tgz, log);
	ctx.sandbox = await inst.startSandbox({
		port: await freePort(),
		seed: 'demo',
		log,
		echo: VERBOSE,
		logFile: path.join(tmp, 'sandbox.log'),
	});
	ctx.api = (method, p, body) => inst.sandboxApi(ctx.sandbox.url, method, p, body);
	const oauth2 = await expiredOAuth2Credential(ctx);
	await inst.importCredentials(
		ctx.userFolder,
		[inst.sandboxCredential(ctx.sandbox), oauth2.credential],
		tmp,
		{ rt },
	);
	const files = [smokeWorkflow(), oauth2Workflow(), triggerWorkflow()].map((wf) => {
		const file = path.join(tmp, `${wf.id}.json`);
		fs.writeFileSync(file, JSON.stringify(wf, null, 2));
		return file;
	});
	await inst.importWorkflows(ctx.userFolder, files, tmp, { rt });

	await check(`workflow in n8n ${N8N_VERSION}: create, 422, 404, get many`, () =>
		runWorkflowCheck(ctx),
	);
	await check(
		`OAuth2 in n8n ${N8N_VERSION}: an expired token refreshed after one 401, the new one saved`,
		() => oauth2Check(ctx, oauth2.tokens),
	);
	await inst.n8nCli(ctx.userFolder, [...rt.activate, '--id=harvestN8n1Trigg'], { rt });
	await ctx.api('DELETE', '/__sandbox/log');
	await check(
		`trigger in n8n ${N8N_VERSION}: activation poll, created + deleted, the poll after`,
		async () => {
			await inst.startN8n(ctx.userFolder, {
				port: await freePort(),
				log,
				echo: VERBOSE,
				logFile: path.join(tmp, 'n8n.log'),
				rt,
			});
			await triggerCheck(ctx);
		},
	);
	await stopAll();
	const failed = results.filter((r) => !r.ok);
	log('');
	for (const r of results) log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${fmt(r.ms)})`);
	log(
		`e2e n8n1: ${results.length - failed.length} passed, ${failed.length} failed (total ${fmt(Date.now() - t0)})`,
	);
	for (const r of failed) log(`\n--- ${r.name}\n${r.error?.stack ?? r.error}`);
	if (failed.length || process.env.E2E_KEEP === '1')
		log(`n8n user folder, n8n.log and sandbox.log kept in ${tmp}`);
	else fs.rmSync(tmp, { recursive: true, force: true });
	process.exit(failed.length ? 1 : 0);
}

main().catch(async (e) => {
	log(`\ne2e n8n1 setup failed: ${e.stack || e.message}`);
	await stopAll();
	process.exit(1);
});
