'use strict';
/**
 * A minimal Chrome DevTools Protocol client over Node's built-in WebSocket (Node ≥ 22; the
 * screenshot script runs on the Node 24 that .n8n-e2e/ holds). Enough to drive headless
 * Chromium: navigate, evaluate, click, type, screenshot. No playwright needed.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startDetached, waitFor } = require('./proc');

async function launchChromium({
	executable = '/usr/bin/chromium',
	userDataDir,
	width = 1440,
	height = 900,
}) {
	// Chromium keeps crash reports, its NSS database and dconf settings under HOME whatever the
	// profile folder: point HOME and the XDG folders into the throwaway profile.
	const home = path.join(userDataDir, 'home');
	fs.mkdirSync(home, { recursive: true });
	const env = {
		...process.env,
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		XDG_CACHE_HOME: path.join(home, '.cache'),
		XDG_DATA_HOME: path.join(home, '.local', 'share'),
	};
	const child = startDetached(
		executable,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--no-default-browser-check',
			'--disable-breakpad',
			'--disable-crash-reporter',
			'--disable-dev-shm-usage',
			'--hide-scrollbars',
			'--lang=en-US',
			`--user-data-dir=${userDataDir}`,
			`--window-size=${width},${height}`,
			'--remote-debugging-address=127.0.0.1',
			'--remote-debugging-port=0',
			'about:blank',
		],
		{ name: 'chromium', env },
	);
	const line = await waitFor(child, /DevTools listening on ws:\/\//, 60000, 'DevTools listening');
	const browserWs = line.slice(line.indexOf('ws://')).trim();
	return { child, browserWs };
}

class Cdp {
	constructor(ws) {
		this.ws = ws;
		this.nextId = 1;
		this.pending = new Map();
		this.listeners = new Set();
		ws.addEventListener('message', (ev) => {
			const msg = JSON.parse(
				typeof ev.data === 'string' ? ev.data : Buffer.from(ev.data).toString('utf8'),
			);
			if (msg.id && this.pending.has(msg.id)) {
				const { resolve, reject, method } = this.pending.get(msg.id);
				this.pending.delete(msg.id);
				if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
				else resolve(msg.result);
			} else if (msg.method) {
				for (const fn of this.listeners) fn(msg);
			}
		});
	}

	static async connect(url) {
		const ws = new WebSocket(url);
		await new Promise((resolve, reject) => {
			ws.addEventListener('open', resolve, { once: true });
			ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), {
				once: true,
			});
		});
		return new Cdp(ws);
	}

	send(method, params = {}, sessionId) {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject, method });
			this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		});
	}

	/** Opens a page target and returns a Page bound to it. */
	async newPage({ width, height }) {
		const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
		const page = new Page(this, sessionId);
		await page.send('Page.enable');
		await page.send('Runtime.enable');
		await page.send('Network.enable');
		await page.send('Emulation.setDeviceMetricsOverride', {
			width,
			height,
			deviceScaleFactor: 1,
			mobile: false,
		});
		return page;
	}

	close() {
		this.ws.close();
	}
}

class Page {
	constructor(cdp, sessionId) {
		this.cdp = cdp;
		this.sessionId = sessionId;
	}

	send(method, params) {
		return this.cdp.send(method, params, this.sessionId);
	}

	async goto(url, timeoutMs = 30000) {
		const loaded = new Promise((resolve) => {
			const timer = setTimeout(resolve, timeoutMs);
			const fn = (msg) => {
				if (msg.sessionId === this.sessionId && msg.method === 'Page.loadEventFired') {
					clearTimeout(timer);
					this.cdp.listeners.delete(fn);
					resolve();
				}
			};
			this.cdp.listeners.add(fn);
		});
		await this.send('Page.navigate', { url });
		await loaded;
	}

	/** Evaluates an expression (or a function's source called with JSON args) in the page. */
	async eval(fnOrExpr, ...args) {
		const expression =
			typeof fnOrExpr === 'function'
				? `(${fnOrExpr.toString()})(...${JSON.stringify(args)})`
				: fnOrExpr;
		const r = await this.send('Runtime.evaluate', {
			expression,
			awaitPromise: true,
			returnByValue: true,
		});
		if (r.exceptionDetails)
			throw new Error(
				`page error: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
			);
		return r.result.value;
	}

	/** Waits until `fn(...args)` returns something truthy in the page. */
	async waitFor(what, fn, args = [], timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const v = await this.eval(fn, ...args).catch(() => undefined);
			if (v) return v;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** Centre of the first element matching the CSS selector (optionally containing text), or undefined. */
	box(selector, text) {
		return this.eval(
			(sel, txt) => {
				const els = [...document.querySelectorAll(sel)].filter(
					(e) => !txt || e.textContent.includes(txt),
				);
				const el = els.find((e) => e.getBoundingClientRect().width > 0);
				if (!el) return undefined;
				el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
				const r = el.getBoundingClientRect();
				return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
			},
			selector,
			text ?? null,
		);
	}

	/** A real mouse click (or double click) at the element's centre. */
	async click(selector, { text, clickCount = 1, timeoutMs = 20000 } = {}) {
		const b = await this.waitForBox(selector, text, timeoutMs);
		await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: b.x, y: b.y });
		for (let i = 1; i <= clickCount; i++) {
			await this.send('Input.dispatchMouseEvent', {
				type: 'mousePressed',
				x: b.x,
				y: b.y,
				button: 'left',
				clickCount: i,
			});
			await this.send('Input.dispatchMouseEvent', {
				type: 'mouseReleased',
				x: b.x,
				y: b.y,
				button: 'left',
				clickCount: i,
			});
		}
	}

	async waitForBox(selector, text, timeoutMs = 20000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const b = await this.box(selector, text);
			if (b) return b;
			if (Date.now() > deadline)
				throw new Error(`timed out waiting for ${selector}${text ? ` "${text}"` : ''}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	async type(text) {
		await this.send('Input.insertText', { text });
	}

	async key(key, code = key, keyCode) {
		await this.send('Input.dispatchKeyEvent', {
			type: 'keyDown',
			key,
			code,
			windowsVirtualKeyCode: keyCode,
		});
		await this.send('Input.dispatchKeyEvent', {
			type: 'keyUp',
			key,
			code,
			windowsVirtualKeyCode: keyCode,
		});
	}

	async screenshot(file, clip) {
		const fs = require('node:fs');
		const { data } = await this.send('Page.captureScreenshot', {
			format: 'png',
			...(clip ? { clip: { ...clip, scale: 1 } } : {}),
		});
		fs.writeFileSync(file, Buffer.from(data, 'base64'));
	}
}

module.exports = { launchChromium, Cdp };
