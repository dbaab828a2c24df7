'use strict';
/**
 * The pieces the demo (`npm start`) and the end-to-end run (`npm run test:e2e`) share: build and
 * pack our package, install the tarball the way n8n installs community nodes, start the Harvest
 * sandbox, import credentials and workflows, run and start n8n.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startDetached, waitFor, runOk, run, freePort } = require('./proc');
const runtime = require('./runtime');

const { ROOT, CACHE, npmEnv } = runtime;

const PACKAGE = require(path.join(ROOT, 'package.json'));
/** The example workflows reference this credential ID, so imported examples are wired up at once. */
const CREDENTIAL_ID = 'harvestSandbox01';
const CREDENTIAL_NAME = 'Harvest sandbox (admin)';
/** Local-only instances; the key just has to be the same for every CLI call on one user folder. */
const ENCRYPTION_KEY = 'n8n-nodes-harvest-users-local-sandbox-only';

/** The project's own npm/tsc/gulp run with the system Node, without npm_* settings of a parent `npm run`. */
function projectEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
	// npm writes its debug logs under the cache folder: keep them out of HOME
	env.npm_config_cache = path.join(CACHE, 'npm-cache');
	env.npm_config_update_notifier = 'false';
	// gulp caches V8 flags under XDG_CACHE_HOME (else ~/.cache)
	env.XDG_CACHE_HOME = path.join(CACHE, 'xdg-cache');
	return env;
}

/** `npm run build` + `npm pack` → absolute path of the tarball (kept in .n8n-e2e/). */
async function buildAndPack(log) {
	log('Building the package (npm run build)…');
	await runOk('npm', ['run', 'build'], { cwd: ROOT, env: projectEnv(), timeoutMs: 5 * 60000 });
	fs.mkdirSync(CACHE, { recursive: true });
	const r = await runOk('npm', ['pack', '--json', '--pack-destination', CACHE], {
		cwd: ROOT,
		env: projectEnv(),
		timeoutMs: 120000,
	});
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	const tgz = path.join(CACHE, info[0].filename);
	log(
		`Packed ${path.relative(ROOT, tgz)} (${info[0].entryCount} files, ${Math.round(info[0].size / 1024)} kB)`,
	);
	return tgz;
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes`, where n8n looks for community packages
 * at startup (PackageDirectoryLoader, which honours our package.json `n8n` manifest).
 * --legacy-peer-deps: otherwise npm installs a second n8n-workflow (our peer dependency) there.
 */
async function installPackage(userFolder, tgz, log) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	// same version, new contents: npm would keep the old copy, so remove it first
	fs.rmSync(path.join(nodesDir, 'node_modules', PACKAGE.name), { recursive: true, force: true });
	await runOk(
		'npm',
		[
			'install',
			tgz,
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--no-update-notifier',
		],
		{
			cwd: nodesDir,
			env: npmEnv(),
			timeoutMs: 180000,
		},
	);
	const installed = path.join(nodesDir, 'node_modules', PACKAGE.name, 'package.json');
	if (!fs.existsSync(installed))
		throw new Error(`${PACKAGE.name} is missing in ${nodesDir} after npm install`);
	log(
		`Installed ${PACKAGE.name}@${PACKAGE.version} into ${path.relative(ROOT, nodesDir) || nodesDir}`,
	);
	return nodesDir;
}

/** Starts the sandbox's CLI (`sandbox/cli.cjs`, TypeScript through ts-node) in its own process group. */
async function startSandbox({ port, seed = 'demo', log, echo = false, logFile }) {
	const child = startDetached(
		process.execPath,
		[path.join(ROOT, 'sandbox/cli.cjs'), '--port', String(port), '--seed', String(seed)],
		{
			cwd: ROOT,
			env: projectEnv(),
			name: 'sandbox',
			echo,
			logFile,
		},
	);
	await waitFor(child, /Harvest sandbox listening on/, 60000, 'Harvest sandbox listening on');
	const url = `http://127.0.0.1:${port}`;
	const tokens = await sandboxApi(url, 'GET', '/__sandbox/tokens');
	if (log) log(`Harvest sandbox on ${url} (account ${tokens.account_id})`);
	return { child, url, port, tokens };
}

async function sandboxApi(url, method, apiPath, body) {
	const res = await fetch(`${url}${apiPath}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok)
		throw new Error(`sandbox ${method} ${apiPath} → ${res.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : undefined;
}

/** The sandbox's admin token as a `harvestUsersApi` credential (plain data; n8n encrypts it on import). */
function sandboxCredential(sandbox) {
	const admin = sandbox.tokens.tokens.admin;
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'harvestUsersApi',
		data: { accessToken: admin.token, accountId: String(admin.accountId), baseUrl: sandbox.url },
	};
}

/**
 * n8n's environment for one instance (user folder + ports). Telemetry and update checks off.
 * `rt` (every function here that runs n8n takes one): which pinned n8n, a `runtimeFor(version)`
 * of runtime.js; the default one (2.x) unless given.
 */
function n8nEnv(userFolder, { port, brokerPort, extra = {}, rt = runtime }) {
	return rt.baseEnv({
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port ?? 5678),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port ?? 5678}`,
		N8N_SECURE_COOKIE: 'false',
		// every n8n process (also each `n8n execute`) starts a task broker; two on 5679 collide
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// the list of verified community packages comes from n8n's servers; ours is installed locally
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DEV_RELOAD: 'false',
		// n8n 2.x file nodes read only under N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files):
		// example 3 reads its HR export from the instance's hr-files/ folder (installHrExport), and
		// n8n's own files (the .n8n folder: database, config) stay blocked
		N8N_RESTRICT_FILE_ACCESS_TO: hrFilesDir(userFolder),
		N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES: 'true',
		...extra,
	});
}

/** One n8n CLI call (import, execute, publish…) against a user folder. */
async function n8nCli(userFolder, args, { timeoutMs = 180000, check = true, rt = runtime } = {}) {
	const brokerPort = await freePort();
	const opts = {
		cwd: userFolder,
		env: n8nEnv(userFolder, { port: await freePort(), brokerPort, rt }),
		timeoutMs,
	};
	return check
		? runOk(rt.nodeBin, [rt.n8nBin, ...args], opts)
		: run(rt.nodeBin, [rt.n8nBin, ...args], opts);
}

async function importCredentials(userFolder, credentials, tmpDir, { rt } = {}) {
	const file = path.join(tmpDir, 'credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		await n8nCli(userFolder, ['import:credentials', `--input=${file}`], { rt });
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** Imports workflow files (each one workflow object). */
async function importWorkflows(userFolder, files, tmpDir, { rt } = {}) {
	const dir = path.join(tmpDir, 'workflows-to-import');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const f of files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
	try {
		await n8nCli(userFolder, ['import:workflow', '--separate', `--input=${dir}`], { rt });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * `n8n execute --id --rawOutput`: n8n prints log lines (task broker, license) before the JSON, so
 * the result starts at the first line beginning with `{`. Resolves { status, run, stdout, stderr }.
 */
async function executeWorkflow(userFolder, id, { rt } = {}) {
	const r = await n8nCli(userFolder, ['execute', `--id=${id}`, '--rawOutput'], {
		check: false,
		timeoutMs: 240000,
		rt,
	});
	const lines = r.stdout.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	let result;
	if (start >= 0) {
		try {
			result = JSON.parse(lines.slice(start).join('\n'));
		} catch {
			result = undefined;
		}
	}
	return { code: r.code, result, stdout: r.stdout, stderr: r.stderr };
}

/** `n8n start` in its own process group; resolves once the editor answers. */
async function startN8n(
	userFolder,
	{ port, log, echo = false, logFile, timeoutMs = 180000, rt = runtime },
) {
	const brokerPort = await freePort();
	const child = startDetached(rt.nodeBin, [rt.n8nBin, 'start'], {
		cwd: userFolder,
		env: n8nEnv(userFolder, { port, brokerPort, rt }),
		name: 'n8n',
		echo,
		logFile,
	});
	await waitFor(child, /Editor is now accessible/, timeoutMs, 'Editor is now accessible');
	const url = `http://127.0.0.1:${port}`;
	if (log) log(`n8n is up on ${url}`);
	return { child, url, port };
}

/**
 * Creates the instance owner through the REST API on first start (the same call the browser's
 * "Set up owner account" form makes). Returns false when an owner exists already.
 */
async function setupOwner(n8nUrl, owner) {
	const res = await fetch(`${n8nUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (res.ok) return true;
	const text = await res.text();
	if (res.status === 400 && /already/i.test(text)) return false;
	throw new Error(`owner setup → ${res.status} ${text.slice(0, 300)}`);
}

/** Logs in through the REST API and returns the session cookie header value. */
async function login(n8nUrl, { email, password }) {
	const res = await fetch(`${n8nUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
	});
	if (!res.ok) throw new Error(`login → ${res.status} ${(await res.text()).slice(0, 300)}`);
	const cookies =
		typeof res.headers.getSetCookie === 'function'
			? res.headers.getSetCookie()
			: [res.headers.get('set-cookie')];
	return cookies
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** `n8n list:workflow` → [{ id, name }] (n8n prints `id|name` lines after its own log lines). */
async function listWorkflows(userFolder) {
	const r = await n8nCli(userFolder, ['list:workflow']);
	return r.stdout
		.split('\n')
		.map((line) => line.match(/^([A-Za-z0-9]{8,})\|(.*)$/))
		.filter(Boolean)
		.map((m) => ({ id: m[1], name: m[2] }));
}

/** The workflow files whose id and name are both absent from `existing` ({ id, name }[]). */
function missingWorkflowFiles(files, existing) {
	const ids = new Set(existing.map((w) => w.id));
	const names = new Set(existing.map((w) => w.name));
	return files.filter((f) => {
		const { id, name } = JSON.parse(fs.readFileSync(f, 'utf8'));
		return !ids.has(id) && !names.has(name);
	});
}

/**
 * Imports only the workflows that are not there yet (matched by id or by name), so a user's
 * edits to an imported example survive the next start. Resolves { imported, kept } (file paths).
 */
async function importMissingWorkflows(userFolder, files, tmpDir) {
	const missing = missingWorkflowFiles(files, await listWorkflows(userFolder));
	if (missing.length > 0) await importWorkflows(userFolder, missing, tmpDir);
	return { imported: missing, kept: files.filter((f) => !missing.includes(f)) };
}

/**
 * Forgets what the trigger workflows of a (stopped) n8n remember about Harvest's users: needed
 * when the sandbox they poll starts over with fresh data, or they would compare the fresh data
 * with the old. Resolves the number of workflows changed.
 */
async function clearTriggerState(userFolder, nodeType) {
	const db = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(db)) return 0;
	const r = await runOk(
		runtime.nodeBin,
		[path.join(__dirname, 'clear-trigger-state.js'), runtime.N8N_DIR, db, nodeType],
		{
			env: runtime.baseEnv(),
			timeoutMs: 60000,
		},
	);
	return Number(r.stdout.trim()) || 0;
}

const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** Example workflow files of this package (all of examples/*.json). */
function exampleFiles() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

/** Where an instance's HR export lives; n8n runs in the user folder, so the examples say `hr-files/…`. */
function hrFilesDir(userFolder) {
	return path.join(userFolder, 'hr-files');
}

/**
 * Puts examples/hr-export.csv into the instance's hr-files/ folder. `npm start` keeps an existing
 * copy (the person may be editing it to try the reconcile); the e2e always starts from the shipped one.
 */
function installHrExport(userFolder, { overwrite = false } = {}) {
	const target = path.join(hrFilesDir(userFolder), 'hr-export.csv');
	fs.mkdirSync(hrFilesDir(userFolder), { recursive: true });
	if (overwrite || !fs.existsSync(target))
		fs.copyFileSync(path.join(EXAMPLES_DIR, 'hr-export.csv'), target);
	return target;
}

module.exports = {
	hrFilesDir,
	installHrExport,
	PACKAGE,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	buildAndPack,
	installPackage,
	startSandbox,
	sandboxApi,
	sandboxCredential,
	n8nEnv,
	n8nCli,
	importCredentials,
	importWorkflows,
	listWorkflows,
	missingWorkflowFiles,
	importMissingWorkflows,
	clearTriggerState,
	executeWorkflow,
	startN8n,
	setupOwner,
	login,
	exampleFiles,
	EXAMPLES_DIR,
};
