'use strict';
/**
 * The n8n runtimes the jest matrix runs our package through besides the one in devDependencies
 * (2.x): each is n8n-core + n8n-workflow at the versions one n8n release ships, installed into a
 * git-ignored side folder `.compat/<name>/`. jest.config.js maps `n8n-core`/`n8n-workflow` to that
 * folder for its matrix project, so the harness, the tests and the built dist/ all get that version.
 *
 *   node scripts/compat/n8n-libs.js      installs what is missing (cached: later runs need no network)
 *
 * --ignore-scripts: n8n-workflow's expression runtime depends on isolated-vm, whose native build
 * needs Node 22+; it is only loaded for n8n's `vm` expression engine, never by the libraries'
 * default (`legacy`) engine that the harness uses.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const COMPAT_DIR = path.join(ROOT, '.compat');

/** name → the exact versions n8n ships together (`npm view n8n@<v> dependencies`). */
const RUNTIMES = {
	// n8n 1.123.x, the last 1.x line
	'n8n-1.x': {
		label: 'n8n 1.123 (n8n-core 1.122.48)',
		packages: { 'n8n-core': '1.122.48', 'n8n-workflow': '1.120.31' },
	},
};

const dirOf = (name) => path.join(COMPAT_DIR, name);

function installedVersion(name, pkg) {
	try {
		return JSON.parse(
			fs.readFileSync(path.join(dirOf(name), 'node_modules', pkg, 'package.json'), 'utf8'),
		).version;
	} catch {
		return undefined;
	}
}

function isInstalled(name) {
	const { packages } = RUNTIMES[name];
	return (
		Object.entries(packages).every(([pkg, v]) => installedVersion(name, pkg) === v) &&
		fs.existsSync(path.join(dirOf(name), '.install-complete'))
	);
}

/** Installs one runtime unless it is there at exactly the pinned versions. Returns true if it installed. */
function ensure(name, log = (s) => process.stdout.write(`${s}\n`)) {
	if (isInstalled(name)) return false;
	const dir = dirOf(name);
	const { packages, label } = RUNTIMES[name];
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(path.join(dir, '.install-complete'), { force: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		`${JSON.stringify({ name: `harvest-users-compat-${name}`, private: true, dependencies: packages }, null, 2)}\n`,
	);
	log(`Installing ${label} libraries into ${path.relative(ROOT, dir)}/ (once; about a minute)…`);
	const started = Date.now();
	// a parent `npm run` passes the project's settings as npm_config_*: not wanted in this folder
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	const r = spawnSync(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--legacy-peer-deps',
			'--no-audit',
			'--no-fund',
			'--no-update-notifier',
			'--prefer-offline',
		],
		{
			cwd: dir,
			env,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	if (r.status !== 0)
		throw new Error(
			`npm install in ${dir} failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.slice(-3000)}`,
		);
	for (const [pkg, v] of Object.entries(packages)) {
		if (installedVersion(name, pkg) !== v)
			throw new Error(`${pkg} in ${dir} is ${installedVersion(name, pkg)}, expected ${v}`);
	}
	fs.writeFileSync(path.join(dir, '.install-complete'), `${new Date().toISOString()}\n`);
	log(`  ${label}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return true;
}

module.exports = { RUNTIMES, COMPAT_DIR, dirOf, isInstalled, ensure };

if (require.main === module) {
	try {
		for (const name of Object.keys(RUNTIMES))
			if (!ensure(name))
				process.stdout.write(`${RUNTIMES[name].label}: cached in .compat/${name}/\n`);
	} catch (e) {
		process.stderr.write(`${e.message}\n`);
		process.exit(1);
	}
}
