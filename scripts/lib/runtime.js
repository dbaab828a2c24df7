'use strict';
/**
 * One-time install of the pinned n8n and the Node it needs, cached in `.n8n-e2e/` (git-ignored).
 *
 * n8n 2.x declares `engines.node >= 24` and its `isolated-vm` only builds for Node 24, so we take
 * Node 24 from the npm registry's `node` package (the binary is published there; nodejs.org is not
 * needed) and run n8n and its install with it. n8n is installed with --ignore-scripts and only the
 * two native modules it needs are rebuilt afterwards (sqlite3 compiles from source when GitHub
 * prebuilds are unreachable; isolated-vm ships a Node 24 prebuild). See "End-to-end test in real n8n" in CONTRIBUTING.md.
 *
 * Everything goes below `.n8n-e2e/`: the npm cache and logs too, so HOME is left alone.
 */
const fs = require('node:fs');
const path = require('node:path');
const { run } = require('./proc');

/**
 * The n8n versions this package is tested in for real, and what each needs. 2.x runs on Node 24
 * from the npm registry; 1.x (whose last line is 1.123) runs on the system Node 20, needs xlsx
 * from the registry (its pinned tarball URL on cdn.sheetjs.com is unreachable here) and the
 * `legacy` expression engine (its `vm` engine needs isolated-vm 6, which does not build on Node 20).
 */
const RUNTIMES = {
	'2.41.1': {
		node: '24.21.0',
		rebuild: ['sqlite3', 'isolated-vm'],
		activate: ['publish:workflow'],
	},
	'1.123.81': {
		node: null,
		overrides: { xlsx: '0.18.5' },
		rebuild: ['sqlite3'],
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		activate: ['update:workflow', '--active=true'],
	},
};
const N8N_VERSION = '2.41.1';
const NODE_VERSION = RUNTIMES[N8N_VERSION].node;

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.n8n-e2e');
const NPM_CACHE = path.join(CACHE, 'npm-cache');

/** Environment for npm and n8n children: no npm_* leaking from `npm run` (it would carry the
 * project's .npmrc settings), the runtime's Node first on PATH so `#!/usr/bin/env node` shebangs pick it. */
function envWith(nodeBinDir, extra) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
		env[k] = v;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
	return { ...env, ...extra };
}

function npmEnvWith(baseEnv) {
	return baseEnv({
		npm_config_cache: NPM_CACHE,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
	});
}

function fmt(ms) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Progress reporter: one status line every few seconds (rewritten in place on a terminal, a new
 * line every 20 s otherwise), so a user waiting minutes sees that it moves.
 */
function progress(label, status) {
	const tty = Boolean(process.stdout.isTTY);
	const started = Date.now();
	let last = 0;
	const tick = () => {
		const line = `  ${label}: ${fmt(Date.now() - started)} elapsed${status ? `, ${status()}` : ''}`;
		if (tty) process.stdout.write(`\r${line}\x1b[K`);
		else if (Date.now() - last >= 20000) {
			process.stdout.write(`${line}\n`);
			last = Date.now();
		}
	};
	const timer = setInterval(tick, tty ? 1000 : 5000);
	tick();
	return (doneText) => {
		clearInterval(timer);
		const line = `  ${label}: ${doneText} in ${fmt(Date.now() - started)}`;
		process.stdout.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
	};
}

let tarballCount = 0;
const tarballs = () => tarballCount;

async function npm(args, cwd, logFile, { label, status, timeoutMs, env }) {
	let requests = 0;
	tarballCount = 0;
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	log.write(`\n$ npm ${args.join(' ')}  (cwd ${cwd}, ${new Date().toISOString()})\n`);
	const done = progress(label, () => {
		const extra = status ? status() : '';
		return (
			[requests ? `${requests} registry requests` : '', extra].filter(Boolean).join(', ') ||
			'working'
		);
	});
	let r;
	try {
		r = await run(
			'npm',
			[...args, '--loglevel=http', '--no-audit', '--no-fund', '--no-update-notifier'],
			{
				cwd,
				env,
				timeoutMs,
				onStdout: (d) => log.write(d),
				onStderr: (d) => {
					log.write(d);
					requests += (d.match(/npm http fetch/g) || []).length;
					tarballCount += (d.match(/npm http fetch GET \d+ \S+\.tgz/g) || []).length;
				},
			},
		);
	} catch (e) {
		done('timed out');
		log.end();
		throw e;
	}
	log.end();
	if (r.code !== 0) {
		done(`FAILED (exit ${r.code})`);
		const tail = `${r.stdout}\n${r.stderr}`
			.split('\n')
			.filter((l) => !/npm http fetch/.test(l))
			.slice(-30)
			.join('\n');
		throw new Error(`npm ${args.join(' ')} failed in ${cwd} (full log: ${logFile}):\n${tail}`);
	}
	done('done');
}

function readMarker(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * The paths and steps of one pinned n8n (a key of RUNTIMES): its folder `.n8n-e2e/n8n-<version>/`,
 * the Node it runs on, and `ensure()`, which installs it once (later calls return at once).
 */
function runtimeFor(n8nVersion) {
	const spec = RUNTIMES[n8nVersion];
	if (!spec)
		throw new Error(
			`No runtime recipe for n8n ${n8nVersion}; known: ${Object.keys(RUNTIMES).join(', ')}`,
		);
	const nodeDir = spec.node ? path.join(CACHE, `node-${spec.node}`) : undefined;
	// without a pinned Node, the Node running this script (the system Node) runs n8n
	const nodeBin = nodeDir
		? path.join(nodeDir, 'node_modules', 'node', 'bin', 'node')
		: process.execPath;
	const nodeBinDir = path.dirname(nodeBin);
	const n8nDir = path.join(CACHE, `n8n-${n8nVersion}`);
	const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = path.join(n8nDir, '.install-complete.json');
	const nodeVersion = spec.node ?? process.versions.node;
	const baseEnv = (extra = {}) => envWith(nodeBinDir, { ...spec.env, ...extra });
	const npmEnv = () => npmEnvWith(baseEnv);
	const isInstalled = () => {
		const m = readMarker(marker);
		return Boolean(
			m &&
				m.n8n === n8nVersion &&
				m.node === nodeVersion &&
				fs.existsSync(n8nBin) &&
				fs.existsSync(nodeBin),
		);
	};
	const rt = {
		n8nVersion,
		nodeVersion,
		nodeBin,
		nodeBinDir,
		n8nDir,
		n8nBin,
		activate: spec.activate,
		baseEnv,
		npmEnv,
		isInstalled,
	};
	rt.ensure = (opts) => ensure(rt, spec, nodeDir, marker, opts);
	return rt;
}

/**
 * Installs the runtime's Node (when pinned) and n8n once. Safe to interrupt: a step without its
 * marker file is redone from scratch next time.
 */
async function ensure(
	rt,
	spec,
	nodeDir,
	marker,
	{ log = (s) => process.stdout.write(`${s}\n`) } = {},
) {
	const { n8nVersion, nodeVersion, nodeBin, n8nBin, n8nDir } = rt;
	const paths = { nodeBin, n8nBin, nodeBinDir: rt.nodeBinDir, n8nDir, cacheDir: CACHE };
	if (rt.isInstalled()) return paths;
	fs.mkdirSync(CACHE, { recursive: true });
	// one log per runtime: CI installs both at once (.ci/run)
	const logFile = path.join(CACHE, `install-${n8nVersion}.log`);
	const started = Date.now();
	const env = rt.npmEnv();
	log(
		`One-time install of n8n ${n8nVersion} on Node ${nodeVersion} into ${path.relative(ROOT, CACHE)}/ (about 5 minutes, 2-3 GB; log: ${path.relative(ROOT, logFile)})`,
	);

	const nodeMarker = nodeDir && path.join(nodeDir, '.install-complete.json');
	if (nodeDir && !(readMarker(nodeMarker) && fs.existsSync(nodeBin))) {
		fs.rmSync(nodeDir, { recursive: true, force: true });
		fs.mkdirSync(nodeDir, { recursive: true });
		fs.writeFileSync(
			path.join(nodeDir, 'package.json'),
			JSON.stringify({ name: 'n8n-e2e-node', private: true }, null, 2),
		);
		// the `node` package fetches its platform binary package in a postinstall script
		await npm(
			['install', `node@${nodeVersion}`, '--save-exact', '--ignore-scripts=false'],
			nodeDir,
			logFile,
			{
				label: `[1/3] Node ${nodeVersion}`,
				timeoutMs: 5 * 60000,
				env,
			},
		);
		const r = await run(nodeBin, ['--version'], { env: rt.baseEnv() });
		if (r.code !== 0 || !r.stdout.startsWith(`v${nodeVersion}`)) {
			throw new Error(
				`Node ${nodeVersion} did not install correctly: ${nodeBin} --version → ${r.stdout}${r.stderr}`,
			);
		}
		fs.writeFileSync(
			nodeMarker,
			JSON.stringify({ node: nodeVersion, at: new Date().toISOString() }),
		);
	} else log(`  [1/3] Node ${nodeVersion}: ${nodeDir ? 'already installed' : 'the system Node'}`);

	fs.rmSync(n8nDir, { recursive: true, force: true });
	fs.mkdirSync(n8nDir, { recursive: true });
	const manifest = {
		name: 'n8n-e2e-runtime',
		private: true,
		...(spec.overrides ? { overrides: spec.overrides } : {}),
	};
	fs.writeFileSync(path.join(n8nDir, 'package.json'), JSON.stringify(manifest, null, 2));
	await npm(['install', `n8n@${n8nVersion}`, '--save-exact', '--ignore-scripts'], n8nDir, logFile, {
		label: `[2/3] n8n ${n8nVersion}`,
		status: () =>
			tarballs() ? `${tarballs()} of ~2400 packages downloaded` : 'resolving the dependency tree',
		// 4-5 min on a quiet machine; a loaded 2-core machine took over 12 (a hang still ends)
		timeoutMs: 25 * 60000,
		env,
	});
	// sqlite3 is compiled from source when its GitHub prebuild cannot be downloaded (1-2 minutes)
	await npm(['rebuild', ...spec.rebuild, '--ignore-scripts=false'], n8nDir, logFile, {
		label: `[3/3] native modules (${spec.rebuild.join(', ')})`,
		timeoutMs: 10 * 60000,
		env,
	});
	const v = await run(nodeBin, [n8nBin, '--version'], { env: rt.baseEnv(), timeoutMs: 60000 });
	if (v.code !== 0 || !v.stdout.includes(n8nVersion)) {
		throw new Error(`n8n did not install correctly: n8n --version → ${v.stdout}${v.stderr}`);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		marker,
		JSON.stringify(
			{ n8n: n8nVersion, node: nodeVersion, seconds, at: new Date().toISOString() },
			null,
			2,
		),
	);
	log(`n8n ${n8nVersion} is ready (install took ${fmt(seconds * 1000)}).`);
	return paths;
}

/** The default runtime (what `npm run test:e2e`, `npm start` and the queue test use). */
const DEFAULT = runtimeFor(N8N_VERSION);
const ensureRuntime = (opts) => DEFAULT.ensure(opts);

module.exports = {
	ensureRuntime,
	runtimeFor,
	RUNTIMES,
	isInstalled: DEFAULT.isInstalled,
	baseEnv: DEFAULT.baseEnv,
	npmEnv: DEFAULT.npmEnv,
	N8N_VERSION,
	NODE_VERSION,
	ROOT,
	CACHE,
	N8N_DIR: DEFAULT.n8nDir,
	nodeBin: DEFAULT.nodeBin,
	n8nBin: DEFAULT.n8nBin,
	fmt,
};

if (require.main === module) {
	require('./proc').installSignalHandlers();
	// `node scripts/lib/runtime.js [n8nVersion]` installs that runtime (default: the 2.x one)
	runtimeFor(process.argv[2] ?? N8N_VERSION)
		.ensure()
		.catch((e) => {
			process.stderr.write(`${e.message}\n`);
			process.exit(1);
		});
}
