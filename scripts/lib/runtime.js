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


const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.n8n-e2e');
const NODE_DIR = path.join(CACHE, `node-${NODE_VERSION}`);
const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);
const NPM_CACHE = path.join(CACHE, 'npm-cache');
const MARKER = path.join(N8N_DIR, '.install-complete.json');
const NODE_MARKER = path.join(NODE_DIR, '.install-complete.json');

const nodeBin = path.join(NODE_DIR, 'node_modules', 'node', 'bin', 'node');
const nodeBinDir = path.dirname(nodeBin);
const n8nBin = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/** Environment for npm and n8n children: no npm_* leaking from `npm run` (it would carry the
 * project's .npmrc settings), Node 24 first on PATH so `#!/usr/bin/env node` shebangs pick it. */
function baseEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
		env[k] = v;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
	return { ...env, ...extra };
}

function npmEnv() {
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

async function npm(args, cwd, logFile, { label, status, timeoutMs }) {
	let requests = 0;
	tarballCount = 0;
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	log.write(`\n$ npm ${args.join(' ')}  (cwd ${cwd}, ${new Date().toISOString()})\n`);
	const done = progress(label, () => {
		const extra = status ? status() : '';
		return [requests ? `${requests} registry requests` : '', extra].filter(Boolean).join(', ') || 'working';
	});
	let r;
	try {
		r = await run('npm', [...args, '--loglevel=http', '--no-audit', '--no-fund', '--no-update-notifier'], {
			cwd,
			env: npmEnv(),
			timeoutMs,
			onStdout: (d) => log.write(d),
			onStderr: (d) => {
				log.write(d);
				requests += (d.match(/npm http fetch/g) || []).length;
				tarballCount += (d.match(/npm http fetch GET \d+ \S+\.tgz/g) || []).length;
			},
		});
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

function isInstalled() {
	const m = readMarker(MARKER);
	return Boolean(m && m.n8n === N8N_VERSION && m.node === NODE_VERSION && fs.existsSync(n8nBin) && fs.existsSync(nodeBin));
}

/**
 * Installs Node 24 and n8n once; later calls return at once. Safe to interrupt: a step without its
 * marker file is redone from scratch next time.
 */
async function ensureRuntime({ log = (s) => process.stdout.write(`${s}\n`) } = {}) {
	const paths = { nodeBin, n8nBin, nodeBinDir, n8nDir: N8N_DIR, cacheDir: CACHE };
	if (isInstalled()) return paths;
	fs.mkdirSync(CACHE, { recursive: true });
	const logFile = path.join(CACHE, 'install.log');
	const started = Date.now();
	log(`One-time install of n8n ${N8N_VERSION} on Node ${NODE_VERSION} into ${path.relative(ROOT, CACHE)}/ (about 5 minutes, 3 GB; log: ${path.relative(ROOT, logFile)})`);

	if (!(readMarker(NODE_MARKER) && fs.existsSync(nodeBin))) {
		fs.rmSync(NODE_DIR, { recursive: true, force: true });
		fs.mkdirSync(NODE_DIR, { recursive: true });
		fs.writeFileSync(path.join(NODE_DIR, 'package.json'), JSON.stringify({ name: 'n8n-e2e-node', private: true }, null, 2));
		// the `node` package fetches its platform binary package in a postinstall script
		await npm(['install', `node@${NODE_VERSION}`, '--save-exact', '--ignore-scripts=false'], NODE_DIR, logFile, {
			label: `[1/3] Node ${NODE_VERSION}`,
			timeoutMs: 5 * 60000,
		});
		const r = await run(nodeBin, ['--version'], { env: baseEnv() });
		if (r.code !== 0 || !r.stdout.startsWith(`v${NODE_VERSION}`)) {
			throw new Error(`Node ${NODE_VERSION} did not install correctly: ${nodeBin} --version → ${r.stdout}${r.stderr}`);
		}
		fs.writeFileSync(NODE_MARKER, JSON.stringify({ node: NODE_VERSION, at: new Date().toISOString() }));
	} else log(`  [1/3] Node ${NODE_VERSION}: already installed`);

	fs.rmSync(N8N_DIR, { recursive: true, force: true });
	fs.mkdirSync(N8N_DIR, { recursive: true });
	fs.writeFileSync(path.join(N8N_DIR, 'package.json'), JSON.stringify({ name: 'n8n-e2e-runtime', private: true }, null, 2));
	await npm(['install', `n8n@${N8N_VERSION}`, '--save-exact', '--ignore-scripts'], N8N_DIR, logFile, {
		label: `[2/3] n8n ${N8N_VERSION}`,
		status: () => (tarballs() ? `${tarballs()} of ~2400 packages downloaded` : 'resolving the dependency tree'),
		// 4-5 min on a quiet machine; a loaded 2-core machine took over 12 (a hang still ends)
		timeoutMs: 25 * 60000,
	});
	// sqlite3 is compiled from source when its GitHub prebuild cannot be downloaded (1-2 minutes)
	await npm(['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false'], N8N_DIR, logFile, {
		label: '[3/3] native modules (sqlite3, isolated-vm)',
		timeoutMs: 10 * 60000,
	});
	const v = await run(nodeBin, [n8nBin, '--version'], { env: baseEnv(), timeoutMs: 60000 });
	if (v.code !== 0 || !v.stdout.includes(N8N_VERSION)) {
		throw new Error(`n8n did not install correctly: n8n --version → ${v.stdout}${v.stderr}`);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(MARKER, JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, seconds, at: new Date().toISOString() }, null, 2));
	log(`n8n ${N8N_VERSION} is ready (install took ${fmt(seconds * 1000)}).`);
	return paths;
}

module.exports = { ensureRuntime, isInstalled, baseEnv, npmEnv, N8N_VERSION, NODE_VERSION, ROOT, CACHE, N8N_DIR, nodeBin, n8nBin, fmt };

if (require.main === module) {
	require('./proc').installSignalHandlers();
	ensureRuntime().catch((e) => {
		process.stderr.write(`${e.message}\n`);
		process.exit(1);
	});
}
