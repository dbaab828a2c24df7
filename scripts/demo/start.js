'use strict';
/**
 * `npm start`: n8n with this package installed, wired to the bundled Harvest sandbox.
 *
 *   1. installs n8n (pinned) and Node 24 once into .n8n-e2e/ (minutes, with progress; later starts skip it)
 *   2. builds and packs this package and installs the tarball into the demo instance's
 *      community-nodes folder (.n8n-e2e/demo/.n8n/nodes), as n8n does for community packages
 *   3. starts the Harvest sandbox with demo data (http://127.0.0.1:4010, SANDBOX_PORT overrides) and
 *      the mail catcher MailDev (web page http://127.0.0.1:1080, SMTP 1025; MAIL_WEB_PORT and
 *      MAIL_SMTP_PORT override, the next free port if taken), and puts examples/hr-export.csv into
 *      .n8n-e2e/demo/hr-files/ (kept if already there: edit it to try the CSV-driven reconcile)
 *   4. imports the credentials "Harvest sandbox (admin)" and "Mail catcher (MailDev, local)" (SMTP)
 *      and the example workflows that are not there
 *      yet (by id or name: your edits to an imported example survive), activates a newly imported example 4
 *   5. starts n8n on 127.0.0.1 (N8N_PORT or 5678, the next free port if taken), creates the owner
 *      account on first start, and prints the URL, the login and what to click
 *
 * Ctrl-C stops n8n, the sandbox and the mail catcher. `npm start -- --fresh` starts from an empty n8n database;
 * `--verbose` echoes n8n's output. DEMO_READY_FILE=<path>: write the URLs there once ready (for
 * scripts/screenshots.js).
 * The demo's workflows, executions and owner persist in .n8n-e2e/demo/ between starts. The sandbox
 * starts with fresh demo data, so the trigger workflows' memory of the previous sandbox is cleared.
 * `npm run sandbox:reset` resets the sandbox's data while everything runs.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installSignalHandlers, freePort, stopAll, isStopping } = require('../lib/proc');
const { ensureRuntime, ROOT, CACHE, fmt } = require('../lib/runtime');
const inst = require('../lib/instance');
const mail = require('../lib/mail');

const args = process.argv.slice(2);
const FRESH = args.includes('--fresh');
const USER_FOLDER = path.join(CACHE, 'demo');
const OWNER = {
	email: process.env.DEMO_OWNER_EMAIL || 'demo@example.com',
	password: process.env.DEMO_OWNER_PASSWORD || 'Harvest-demo-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};
const TRIGGER_EXAMPLE_ID = 'harvestExample04';

const log = (s) => process.stdout.write(`${s}\n`);

async function main() {
	installSignalHandlers();
	const started = Date.now();
	const sandboxPort = Number(process.env.SANDBOX_PORT || 4010);
	const wantedN8nPort = Number(process.env.N8N_PORT || 5678);

	const freeSandbox = await freePort(sandboxPort);
	if (freeSandbox !== sandboxPort) {
		throw new Error(
			`Port ${sandboxPort} (Harvest sandbox) is in use. Stop what uses it, or run: SANDBOX_PORT=${freeSandbox} npm start`,
		);
	}

	await ensureRuntime({ log });
	const tgz = await inst.buildAndPack(log);

	if (FRESH) {
		log(`--fresh: removing ${path.relative(ROOT, USER_FOLDER)}/`);
		fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	}
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	await inst.installPackage(USER_FOLDER, tgz, log);

	const sandbox = await inst.startSandbox({
		port: sandboxPort,
		seed: 'demo',
		log,
		logFile: path.join(USER_FOLDER, 'sandbox.log'),
	});

	const catcher = await mail.startMailCatcher({
		smtpPort: await freePort(Number(process.env.MAIL_SMTP_PORT || 1025)),
		webPort: await freePort(Number(process.env.MAIL_WEB_PORT || 1080)),
		log,
		logFile: path.join(USER_FOLDER, 'maildev.log'),
	});
	const hrExport = inst.installHrExport(USER_FOLDER);

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-demo-'));
	try {
		log('Importing the credentials and the example workflows that are missing…');
		await inst.importCredentials(
			USER_FOLDER,
			[inst.sandboxCredential(sandbox), mail.mailCredential(catcher)],
			tmp,
		);
		// the sandbox starts over with fresh data: what a trigger remembers of the old one is void
		const cleared = await inst.clearTriggerState(
			USER_FOLDER,
			`${inst.PACKAGE.name}.harvestUsersTrigger`,
		);
		if (cleared)
			log(`  cleared the memory of ${cleared} trigger workflow(s): the sandbox has fresh data`);
		const { imported, kept } = await inst.importMissingWorkflows(
			USER_FOLDER,
			inst.exampleFiles(),
			tmp,
		);
		const names = (files) => files.map((f) => path.basename(f)).join(', ');
		if (imported.length) log(`  imported ${imported.length}: ${names(imported)}`);
		if (kept.length)
			log(
				`  kept as you left them ${kept.length}: ${names(kept)} (delete one to get the original back)`,
			);
		if (imported.some((f) => JSON.parse(fs.readFileSync(f, 'utf8')).id === TRIGGER_EXAMPLE_ID)) {
			const trig = await inst.n8nCli(
				USER_FOLDER,
				['publish:workflow', `--id=${TRIGGER_EXAMPLE_ID}`],
				{ check: false },
			);
			if (trig.code !== 0)
				log(
					`  (could not activate example 4: ${(trig.stderr || trig.stdout).trim().split('\n').pop()})`,
				);
		}
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}

	const port = await freePort(wantedN8nPort);
	if (port !== wantedN8nPort) log(`Port ${wantedN8nPort} is in use; n8n gets ${port}.`);
	log('Starting n8n…');
	const n8n = await inst.startN8n(USER_FOLDER, {
		port,
		log,
		echo: args.includes('--verbose'),
		logFile: path.join(USER_FOLDER, 'n8n.log'),
	});
	const created = await inst.setupOwner(n8n.url, OWNER).catch((e) => {
		log(`  (owner setup: ${e.message}; set it up in the browser instead)`);
		return false;
	});

	const line = '─'.repeat(72);
	log(
		[
			'',
			line,
			`n8n ${require('../lib/runtime').N8N_VERSION} with ${inst.PACKAGE.name} is ready (${fmt(Date.now() - started)}).`,
			'',
			`  Open        ${n8n.url}`,
			`  Sign in     ${OWNER.email} / ${OWNER.password}${created ? '   (owner created just now)' : ''}`,
			'              n8n 2.41 then opens its Assistant page, not the Overview: click Overview',
			`              at the top of the left sidebar, or open ${n8n.url}/home/workflows, to see the examples.`,
			'',
			'  Then (any order, as often as you like; a second run changes nothing):',
			'   1. Overview → "1 · Onboard a new hire" → Execute workflow.',
			'      Jane Doe is created in the sandbox, assigned to two projects and given a rate;',
			`      her manager's email arrives in the mail catcher (${catcher.url}).`,
			'   2. "2 · Offboard a leaver by email" → Execute workflow: archives Grace Okafor.',
			'   3. "3 · Roster sync" → Execute workflow: reads the HR export',
			`      ${path.relative(ROOT, hrExport)} and makes Harvest match it (edit the file, run again).`,
			'   4. "4 · Watch new and archived users" is active: within a minute of 1 and 2,',
			'      Executions shows one trigger run per change.',
			'   5. "5 · Provision from your HR system (dry run first)": a dry run; nothing is written.',
			'   Or add a node: + → search "Harvest Users" (credential "Harvest sandbox (admin)").',
			'',
			`  Sandbox     ${sandbox.url}  (account ${sandbox.tokens.account_id}; demo company "Sandbox Co")`,
			`  Its data    ${sandbox.url}/__sandbox/state`,
			`  Mail        ${catcher.url}  (MailDev: the emails the workflows send; SMTP 127.0.0.1:${catcher.smtpPort})`,
			`  Reset it    ${sandboxPort === 4010 ? '' : `SANDBOX_PORT=${sandboxPort} `}npm run sandbox:reset   (another terminal; back to the demo data, n8n keeps running)`,
			`  Logs        ${path.relative(ROOT, USER_FOLDER)}/n8n.log, sandbox.log, maildev.log`,
			'  Trouble     docs/troubleshooting.md (what "Test connection" and the node say, case by case)',
			'',
			'  The sandbox starts with fresh demo data on every start. Your workflows and your edits to',
			'  the examples are kept (delete an example to get the original back on the next start).',
			'  Ctrl-C stops n8n, the sandbox and the mail catcher.',
			line,
			'',
		].join('\n'),
	);
	if (process.env.DEMO_READY_FILE) {
		fs.writeFileSync(
			process.env.DEMO_READY_FILE,
			JSON.stringify({
				n8nUrl: n8n.url,
				sandboxUrl: sandbox.url,
				mailUrl: catcher.url,
				owner: OWNER,
			}),
		);
	}

	// stay up until Ctrl-C; if a child dies on its own, say so and stop the rest
	await new Promise((resolve) => {
		for (const c of [n8n.child, sandbox.child, catcher.child]) {
			c.once('exit', (code, signal) => {
				if (isStopping()) return;
				log(`${c.name} exited (${signal ?? code}). Last output:\n${c.lines.slice(-20).join('\n')}`);
				resolve();
			});
		}
	});
	await stopAll(8000);
	process.exit(1);
}

main().catch(async (e) => {
	process.stderr.write(`\nnpm start failed: ${e.message}\n`);
	await stopAll(8000);
	process.exit(1);
});
