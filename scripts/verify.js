/**
 * `npm run verify`: n8n's own verification gate, offline. It runs the analyzer of
 * @n8n/scan-community-package (a dev dependency, so its exact version and its own ESLint
 * configuration — not ours) on both things n8n scans for a published version:
 *
 *   1. the source, as a clean checkout of the commit would have it (tracked and new files, not the
 *      git-ignored ones), with the scanner's source patterns: package.json, nodes/**, credentials/**;
 *   2. the tarball `npm pack` makes, unpacked, with the scanner's tarball patterns.
 *
 * The scanner turns inline `eslint-disable` comments off and ignores eslint.config.mjs, so a rule
 * switched off here still fails the gate. Any finding fails the script. Only the provenance and
 * download steps are left out: they need the npm registry and a published version (the publish
 * workflow publishes with provenance; see .github/workflows/publish.yml).
 */
const { spawnSync } = require('child_process');
const { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { dirname, join, resolve } = require('path');
const { pathToFileURL } = require('url');

const ROOT = resolve(__dirname, '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

async function scanner() {
	const entry = require.resolve('@n8n/scan-community-package/package.json', { paths: [ROOT] });
	return await import(pathToFileURL(join(dirname(entry), 'scanner/scanner.mjs')).href);
}

function run(cmd, args, cwd) {
	const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (res.status !== 0)
		throw new Error(`${cmd} ${args.join(' ')} failed:\n${res.stderr || res.stdout}`);
	return res.stdout;
}

/** The files a checkout of this commit plus the working changes would contain. */
function exportSource(into) {
	const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT)
		.split('\0')
		.filter((f) => f && /^(package\.json$|nodes\/|credentials\/)/.test(f));
	for (const file of files) {
		mkdirSync(dirname(join(into, file)), { recursive: true });
		cpSync(join(ROOT, file), join(into, file));
	}
	return files.length;
}

/** `npm pack` of the built package, unpacked as npm would install it. */
function unpackTarball(into) {
	const packDir = join(into, 'pack');
	mkdirSync(packDir);
	run('npm', ['pack', '--silent', '--pack-destination', packDir], ROOT);
	const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	const pkgDir = join(into, 'package');
	mkdirSync(pkgDir);
	run('tar', ['-xzf', join(packDir, tgz), '-C', pkgDir, '--strip-components=1'], ROOT);
	return { tgz, pkgDir };
}

/** Runs one leg of the scan; returns the findings text, or undefined when it passed. */
async function scanLeg(dir, patterns) {
	const { analyzePackage } = await scanner();
	const result = await analyzePackage(dir, patterns);
	if (result.passed) return undefined;
	return `${result.message}\n${result.details ?? result.error?.stack ?? ''}`;
}

async function scanSource(dir) {
	const { SOURCE_FILE_PATTERNS } = await scanner();
	return await scanLeg(dir, SOURCE_FILE_PATTERNS);
}

async function scanTarball(dir) {
	return await scanLeg(dir, TARBALL_PATTERNS);
}

async function main(argv) {
	if (argv[0] === '--source') {
		// One leg on a given directory (the tests use it to show that a finding fails the gate).
		const findings = await scanSource(resolve(argv[1]));
		if (findings) console.error(findings);
		process.exit(findings ? 1 : 0);
	}
	const version = require(
		require.resolve('@n8n/scan-community-package/package.json', { paths: [ROOT] }),
	).version;
	const work = mkdtempSync(join(tmpdir(), 'harvest-users-verify-'));
	const failures = [];
	try {
		const sourceDir = join(work, 'source');
		const count = exportSource(sourceDir);
		const sourceFindings = await scanSource(sourceDir);
		console.log(
			`${sourceFindings ? '✗' : '✓'} source (${count} files): @n8n/scan-community-package ${version}`,
		);
		if (sourceFindings) failures.push(`source:\n${sourceFindings}`);

		const { tgz, pkgDir } = unpackTarball(work);
		const tarballFindings = await scanTarball(pkgDir);
		console.log(
			`${tarballFindings ? '✗' : '✓'} tarball ${tgz}: @n8n/scan-community-package ${version}`,
		);
		if (tarballFindings) failures.push(`tarball:\n${tarballFindings}`);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	if (failures.length) {
		console.error(`\nn8n's scanner rejects the package:\n\n${failures.join('\n')}`);
		process.exit(1);
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { scanSource, scanTarball };
