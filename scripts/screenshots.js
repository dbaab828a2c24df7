'use strict';
/**
 * Screenshots of our nodes in the real n8n editor, for the README: drives Debian's Chromium
 * headless through the DevTools protocol (Node's built-in WebSocket; no playwright).
 *
 *   node scripts/screenshots.js [--url http://127.0.0.1:5678] [--out docs/screenshots]
 *
 * Uses the `npm start` instance at --url (signing in as the demo owner, DEMO_OWNER_EMAIL /
 * DEMO_OWNER_PASSWORD) or, when none answers there, starts one itself and stops it afterwards.
 * It runs example 1 in the editor (the screenshots show a real run; a Jane Doe left in the sandbox
 * by an earlier run is removed first), then waits for the activated example 4 to report her.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; run as root it installs it itself).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const runtime = require('./lib/runtime');

// Node's WebSocket client is global from Node 22 on; re-run on the Node 24 of .n8n-e2e/ otherwise.
if (typeof WebSocket === 'undefined') {
	if (!fs.existsSync(runtime.nodeBin)) {
		process.stderr.write(
			'This script needs Node >= 22, or the cached Node 24: run `npm start` once first.\n',
		);
		process.exit(1);
	}
	const r = spawnSync(runtime.nodeBin, [__filename, ...process.argv.slice(2)], {
		stdio: 'inherit',
	});
	process.exit(r.status ?? 1);
}

const { installSignalHandlers, startDetached, stop, stopAll, sleep } = require('./lib/proc');
const { launchChromium, Cdp } = require('./lib/cdp');
const inst = require('./lib/instance');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : fallback;
};
const OUT = path.resolve(arg('--out', path.join(runtime.ROOT, 'docs', 'screenshots')));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OWNER = {
	email: process.env.DEMO_OWNER_EMAIL || 'demo@example.com',
	password: process.env.DEMO_OWNER_PASSWORD || 'Harvest-demo-2026',
};
const WIDTH = 1440;
const HEIGHT = 900;
const log = (s) => process.stdout.write(`${s}\n`);

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	if (process.getuid && process.getuid() === 0) {
		log('Chromium is missing: apt-get install -y chromium …');
		let r = spawnSync('apt-get', ['install', '-y', 'chromium'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (r.status !== 0) {
			spawnSync('apt-get', ['update'], { stdio: 'inherit' });
			r = spawnSync('apt-get', ['install', '-y', 'chromium'], {
				stdio: 'inherit',
				env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			});
		}
		if (r.status === 0 && fs.existsSync(CHROMIUM)) return;
	}
	throw new Error(
		`${CHROMIUM} not found. Install Debian's Chromium: sudo apt-get install -y chromium (or set CHROMIUM=/path/to/chromium)`,
	);
}

/** The running demo at `url`, or a new one started here (stopped at the end). */
async function demoInstance(url) {
	try {
		await inst.login(url, OWNER);
		return {
			n8nUrl: url,
			sandboxUrl: `http://127.0.0.1:${process.env.SANDBOX_PORT || 4010}`,
			owned: undefined,
		};
	} catch (e) {
		if (!/fetch failed|ECONNREFUSED/.test(`${e.message} ${e.cause ? e.cause.code : ''}`)) throw e;
	}
	log(`No n8n at ${url}: starting the demo (npm start) for the screenshots…`);
	const readyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-shots-'));
	const ready = path.join(readyDir, 'ready.json');
	// the demo runs on the system Node like `npm start` (this script may run on the cached Node 24)
	const demo = startDetached('node', [path.join(__dirname, 'demo', 'start.js')], {
		cwd: runtime.ROOT,
		env: { ...process.env, DEMO_READY_FILE: ready, N8N_PORT: new URL(url).port || '5678' },
		name: 'demo',
		echo: true,
	});
	const deadline = Date.now() + 20 * 60000;
	while (!fs.existsSync(ready)) {
		if (demo.exitCode !== null) throw new Error('the demo exited before it was ready');
		if (Date.now() > deadline) throw new Error('the demo was not ready within 20 minutes');
		await sleep(1000);
	}
	const info = JSON.parse(fs.readFileSync(ready, 'utf8'));
	fs.rmSync(readyDir, { recursive: true, force: true });
	return { n8nUrl: info.n8nUrl, sandboxUrl: info.sandboxUrl, owned: demo };
}

/** Closes n8n's pop-overs that would cover the view (production checklist, toasts). */
async function closePopovers(page) {
	await page.eval(() => {
		const heading = [...document.querySelectorAll('*')].find(
			(e) => e.childElementCount === 0 && e.textContent.trim() === 'Production Checklist',
		);
		let box = heading;
		for (let i = 0; box && i < 4 && !box.querySelector('button, [role="button"], svg'); i++)
			box = box.parentElement;
		const close = box && [...box.querySelectorAll('button, [role="button"], svg')].pop();
		if (close) close.dispatchEvent(new MouseEvent('click', { bubbles: true }));
		document.querySelectorAll('.el-notification').forEach((n) => {
			n.style.display = 'none';
		});
		// the "You can pin this output" hint n8n shows next to a trigger's first output
		document.querySelectorAll('.n8n-tooltip, [role="tooltip"], .el-popper').forEach((t) => {
			if (/pin this output/i.test(t.textContent)) t.style.display = 'none';
		});
	});
}

/** Trigger-mode executions of example 4, newest first (n8n's REST API, as the editor reads them). */
async function triggerExecutions(n8nUrl, cookie) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: 'harvestExample04' }));
	const res = await fetch(`${n8nUrl}/rest/executions?filter=${filter}`, { headers: { cookie } });
	if (!res.ok) throw new Error(`GET /rest/executions → ${res.status}`);
	return (await res.json()).data.results.filter(
		(e) => e.mode === 'trigger' && e.status === 'success',
	);
}

async function waitForTriggerExecution(n8nUrl, cookie, before, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const fresh = (await triggerExecutions(n8nUrl, cookie)).find((e) => !before.includes(e.id));
		if (fresh) return fresh;
		await sleep(3000);
	}
	return undefined;
}

async function openWorkflow(page, n8nUrl, id) {
	await page.goto(`${n8nUrl}/workflow/${id}`);
	await page.waitForBox('[data-test-id="canvas-node"]', undefined, 60000);
	await sleep(1500);
	await closePopovers(page);
}

async function main() {
	installSignalHandlers();
	ensureChromium();
	const { n8nUrl, sandboxUrl, owned } = await demoInstance(
		arg('--url', `http://127.0.0.1:${process.env.N8N_PORT || 5678}`),
	);
	// example 1 creates Jane Doe; a Jane left by an earlier run would make it fail (email taken)
	const state = await inst.sandboxApi(sandboxUrl, 'GET', '/__sandbox/state');
	for (const u of state.users.filter((x) => x.email === 'jane.doe@example.com')) {
		await inst.sandboxApi(sandboxUrl, 'DELETE', `/__sandbox/users/${u.id}`);
	}
	const cookie = await inst.login(n8nUrl, OWNER);
	const auth = /n8n-auth=([^;]+)/.exec(cookie)?.[1];
	if (!auth) throw new Error('n8n did not return a session cookie');

	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-chromium-'));
	const chromium = await launchChromium({
		executable: CHROMIUM,
		userDataDir,
		width: WIDTH,
		height: HEIGHT,
	});
	const cdp = await Cdp.connect(chromium.browserWs);
	const page = await cdp.newPage({ width: WIDTH, height: HEIGHT });
	const { hostname } = new URL(n8nUrl);
	await page.send('Network.setCookie', {
		name: 'n8n-auth',
		value: auth,
		domain: hostname,
		path: '/',
		httpOnly: true,
	});
	fs.mkdirSync(OUT, { recursive: true });
	const shot = async (name) => {
		// park the mouse where it hovers nothing (hover controls and tooltips)
		await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: WIDTH / 2, y: 6 });
		await sleep(600);
		await closePopovers(page);
		await sleep(200);
		await page.screenshot(path.join(OUT, name));
		log(`  ${path.relative(runtime.ROOT, path.join(OUT, name))}`);
	};

	try {
		log('Screenshots:');
		const triggerRunsBefore = (await triggerExecutions(n8nUrl, cookie)).map((e) => e.id);
		// 1. example 1 executed in the editor: every node green, item counts on the connections
		await openWorkflow(page, n8nUrl, 'harvestExample01');
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.waitFor(
			'the run to finish',
			() => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 6,
			[],
			60000,
		);
		await sleep(1000);
		await closePopovers(page);
		await shot('workflow-onboard.png');

		// 2. the Create or update user node: its parameters, the new hire in, the Harvest user out
		await page.click('[data-test-id="canvas-node"]', {
			text: 'Create or update user',
			clickCount: 2,
		});
		await page.waitForBox('[data-test-id="parameter-input-operation"]');
		await shot('node-create-user.png');
		await page.key('Escape', 'Escape', 27);
		await sleep(800);

		// 3. the node's actions as n8n lists them when adding a node
		await page.click('[data-test-id="node-creator-plus-button"]');
		await page.waitForBox('[data-test-id="node-creator-search-bar"]');
		await page.type('Harvest Users');
		await page.click('[data-test-id="item-iterator-item"]', { text: 'Harvest Users' });
		// the list renders progressively: wait for the user section before scrolling to it
		await page.waitFor('the user actions', () => {
			const header = [...document.querySelectorAll('[data-test-id="node-creator"] span')].find(
				(e) => /^user actions$/i.test(e.textContent.trim()),
			);
			if (!header) return false;
			header.scrollIntoView({ block: 'start' });
			return true;
		});
		await sleep(800);
		await shot('node-actions.png');
		await page.key('Escape', 'Escape', 27);

		// 4. the activated trigger reported the user example 1 created (next poll: within a minute)
		log('  waiting for example 4 to poll (up to 90 s)…');
		const execution = await waitForTriggerExecution(n8nUrl, cookie, triggerRunsBefore, 90000);
		if (execution) {
			await page.goto(`${n8nUrl}/workflow/harvestExample04/executions/${execution.id}`);
			await page.waitForBox(`[data-test-id="execution-details-${execution.id}"]`, undefined, 30000);
			await sleep(2500);
			await closePopovers(page);
			await shot('trigger-executions.png');
		} else log('  (no new trigger execution within 90 s: trigger-executions.png not taken)');

		// 5. the trigger: events, poll times, and a test event (a sample of recent users)
		await openWorkflow(page, n8nUrl, 'harvestExample04');
		await page.click('[data-test-id="canvas-node"]', {
			text: 'Harvest Users Trigger',
			clickCount: 2,
		});
		await page.click('[data-test-id="trigger-execute-button"]');
		await page
			.waitFor(
				'trigger test output',
				() => {
					const out =
						document.querySelector('[data-test-id="output-panel"]') ||
						document.querySelector('[data-test-id="ndv-data-container"]');
					return out && /\d+ items?/.test(out.textContent);
				},
				[],
				60000,
			)
			.catch(() => undefined);
		await shot('trigger.png');
		await page.key('Escape', 'Escape', 27);
	} finally {
		cdp.close();
		await stop(chromium.child);
		fs.rmSync(userDataDir, { recursive: true, force: true });
		if (owned) await stop(owned, 20000);
		await stopAll();
	}
}

main().then(
	() => process.exit(0),
	async (e) => {
		process.stderr.write(`screenshots failed: ${e.stack || e.message}\n`);
		await stopAll();
		process.exit(1);
	},
);
