'use strict';
/**
 * Child processes for the demo and the e2e run: every long-lived child is started in its own
 * process group (detached) so that stopping it also stops what it spawned (n8n starts task
 * runners, ts-node starts nothing but may in the future). Everything started here is tracked
 * and stopped on exit, Ctrl-C, SIGTERM and uncaught errors.
 */
const { spawn } = require('node:child_process');
const net = require('node:net');

const children = new Set();
let stopping = false;
/** True once a shutdown (Ctrl-C, stopAll) began: children exiting then is expected, not news. */
const isStopping = () => stopping;

function stopGroup(child, signal = 'SIGTERM') {
	if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/** Stops one tracked child: SIGTERM to its group, SIGKILL after `graceMs`. Resolves when it exited. */
function stop(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		children.delete(child);
		return Promise.resolve();
	}
	return new Promise((resolve) => {
		const timer = setTimeout(() => stopGroup(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			// the leader may exit before its children; sweep the group once more
			stopGroup(child, 'SIGKILL');
			children.delete(child);
			resolve();
		});
		stopGroup(child, 'SIGTERM');
	});
}

async function stopAll(graceMs) {
	stopping = true;
	await Promise.all([...children].reverse().map((c) => stop(c, graceMs)));
}

/** Last resort for a hard exit: synchronous SIGKILL to every tracked group. */
function killAllSync() {
	for (const c of children) {
		if (c.pid && c.exitCode === null && c.signalCode === null) {
			try {
				process.kill(-c.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}
}
process.on('exit', killAllSync);

/**
 * Starts a long-lived child in its own process group. Output is kept (last 400 lines) for
 * error reports and `waitFor`; `echo` writes it through with a prefix.
 */
function startDetached(cmd, args, { cwd, env, name = cmd, echo = false, logFile } = {}) {
	const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	child.name = name;
	child.lines = [];
	const listeners = new Set();
	child.onLine = (fn) => {
		listeners.add(fn);
		return () => listeners.delete(fn);
	};
	const fs = logFile ? require('node:fs') : undefined;
	const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	for (const stream of [child.stdout, child.stderr]) {
		let rest = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk) => {
			if (log) log.write(chunk);
			const parts = (rest + chunk).split('\n');
			rest = parts.pop();
			for (const line of parts) {
				child.lines.push(line);
				if (child.lines.length > 400) child.lines.shift();
				if (echo) process.stdout.write(`[${name}] ${line}\n`);
				for (const fn of listeners) fn(line);
			}
		});
	}
	child.on('exit', () => {
		children.delete(child);
		if (log) log.end();
	});
	return child;
}

/** Resolves with the first output line matching `pattern`; rejects on exit or timeout. */
function waitFor(child, pattern, timeoutMs, what = String(pattern)) {
	const seen = child.lines.find((l) => pattern.test(l));
	if (seen) return Promise.resolve(seen);
	return new Promise((resolve, reject) => {
		const done = (err, line) => {
			clearTimeout(timer);
			off();
			child.off('exit', onExit);
			if (err) reject(err);
			else resolve(line);
		};
		const tail = () => child.lines.slice(-40).join('\n');
		const timer = setTimeout(
			() =>
				done(
					new Error(
						`${child.name}: no "${what}" within ${Math.round(timeoutMs / 1000)} s. Last output:\n${tail()}`,
					),
				),
			timeoutMs,
		);
		const off = child.onLine((line) => {
			if (pattern.test(line)) done(null, line);
		});
		const onExit = (code, signal) =>
			done(
				new Error(
					`${child.name} exited (${signal ?? code}) before "${what}". Last output:\n${tail()}`,
				),
			);
		child.once('exit', onExit);
	});
}

/**
 * Runs a short command to completion (own process group as well, so a timeout kills all of it).
 * Resolves { code, stdout, stderr }; rejects on timeout.
 */
function run(cmd, args, { cwd, env, timeoutMs = 120000, input, onStdout, onStderr } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
		children.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (d) => {
			stdout += d;
			if (onStdout) onStdout(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (onStderr) onStderr(d);
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
		const timer = setTimeout(() => {
			stopGroup(child, 'SIGKILL');
			reject(
				new Error(
					`${cmd} ${args.join(' ')}: timed out after ${Math.round(timeoutMs / 1000)} s\n${stderr.slice(-3000)}`,
				),
			);
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			children.delete(child);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			children.delete(child);
			resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
		});
	});
}

/** Like `run`, but a non-zero exit is an error that carries the output. */
async function runOk(cmd, args, opts) {
	const r = await run(cmd, args, opts);
	if (r.code !== 0) {
		const out = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.code}):\n${out}`);
	}
	return r;
}

function portIsFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
	});
}

/** `preferred` if it is free, else the next free one above it (or any free port when preferred is 0). */
async function freePort(preferred = 0, host = '127.0.0.1') {
	if (preferred) {
		for (let p = preferred; p < preferred + 50; p++) if (await portIsFree(p, host)) return p;
	}
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen({ port: 0, host }, () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Ctrl-C / SIGTERM / crash: stop every child group, then exit. `cleanup` runs first (e.g. to
 * print a message); a second Ctrl-C kills immediately.
 */
function installSignalHandlers(cleanup) {
	let shuttingDown = false;
	const shutdown = async (code, why) => {
		if (shuttingDown) {
			killAllSync();
			process.exit(code);
		}
		shuttingDown = true;
		stopping = true;
		if (why) process.stderr.write(`\n${why}\n`);
		try {
			if (cleanup) await cleanup();
		} finally {
			await stopAll(8000);
			process.exit(code);
		}
	};
	process.on('SIGINT', () => void shutdown(130, 'Stopping everything started by this script…'));
	process.on('SIGTERM', () => void shutdown(143));
	process.on('SIGHUP', () => void shutdown(129));
	process.on('uncaughtException', (e) => void shutdown(1, e && e.stack ? e.stack : String(e)));
	process.on('unhandledRejection', (e) => void shutdown(1, e && e.stack ? e.stack : String(e)));
	return shutdown;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = {
	isStopping,
	startDetached,
	waitFor,
	run,
	runOk,
	stop,
	stopAll,
	freePort,
	installSignalHandlers,
	sleep,
	children,
};
