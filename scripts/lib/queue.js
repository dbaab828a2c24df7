'use strict';
/**
 * n8n in queue mode for `npm run test:e2e:queue`: one main (editor, REST, triggers) and workers
 * (`n8n worker`) sharing Postgres, Redis and the encryption key. Each process has its own user
 * folder with our tarball installed as a community package (n8n loads community nodes from the
 * process's own user folder at start, so a worker without it fails every job it takes).
 * docs/queue-mode.md ("Scaling out") explains the settings.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startDetached, freePort, stop, run, sleep } = require('./proc');
const { nodeBin, n8nBin } = require('./runtime');
const inst = require('./instance');

/**
 * The settings every process of the cluster must share. The lock/stalled values are shorter than
 * n8n's defaults (60 s lock, 30 s check) so that a killed worker's execution is reported failed
 * within ~20 s instead of ~90 s; the live worker runs Bull's stalled-job check.
 */
function sharedEnv({ pg, redis }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_WORKER_LOCK_DURATION: '15000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		// json carries metadata (workerId, executionId) that the text format drops
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_FORMAT: 'json',
	};
}

/** A JSON log line of n8n as { message, metadata… }, or undefined for other output. */
function parseLogLine(line) {
	const start = line.indexOf('{');
	if (start < 0) return undefined;
	try {
		const entry = JSON.parse(line.slice(start));
		return entry && typeof entry.message === 'string' ? entry : undefined;
	} catch {
		return undefined;
	}
}

async function waitReady(url, child, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`${child.name} exited (${child.signalCode ?? child.exitCode}) before ${what}. Last output:\n${child.lines.slice(-30).join('\n')}`,
			);
		}
		const ok = await fetch(url)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return;
		if (Date.now() > deadline)
			throw new Error(
				`${child.name}: not ${what} within ${Math.round(timeoutMs / 1000)} s. Last output:\n${child.lines.slice(-30).join('\n')}`,
			);
		await sleep(500);
	}
}

/** Whether this process may give each worker its own hostname (root in a container). */
let utsProbe;
async function canUnshareUts() {
	if (utsProbe === undefined) {
		utsProbe = run('unshare', ['--uts', 'true'], { timeoutMs: 10000 })
			.then((r) => r.code === 0)
			.catch(() => false);
	}
	return utsProbe;
}

class QueueCluster {
	/** @param {{ dir: string, tgz: string, pg: object, redis: object, log: (s: string) => void }} opts */
	constructor({ dir, tgz, pg, redis, log }) {
		Object.assign(this, { dir, tgz, pg, redis, log });
		this.workers = new Map();
		this.main = undefined;
		this.reserved = new Set();
	}

	/** A free port no other process of this cluster was given (they start in parallel, before binding). */
	async port(preferred = 0) {
		for (let p = preferred; ; p = p ? p + 1 : 0) {
			const free = await freePort(p);
			if (!this.reserved.has(free)) {
				this.reserved.add(free);
				return free;
			}
		}
	}

	async prepareUserFolder(name) {
		const folder = path.join(this.dir, name);
		fs.mkdirSync(folder, { recursive: true });
		if (!fs.existsSync(path.join(folder, '.n8n', 'nodes', 'node_modules', inst.PACKAGE.name))) {
			await inst.installPackage(folder, this.tgz, () => {});
		}
		return folder;
	}

	/** Starts (or restarts) main; resolves when /healthz/readiness answers 200 (DB migrated). */
	async startMain() {
		const folder = await this.prepareUserFolder('main');
		const port = this.main?.port ?? (await this.port(55678));
		const env = inst.n8nEnv(folder, {
			port,
			brokerPort: this.main?.brokerPort ?? (await this.port()),
			// manual runs from the editor/REST go to the workers too, as in production
			extra: { ...sharedEnv(this), OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' },
		});
		const started = Date.now();
		const child = startDetached(nodeBin, [n8nBin, 'start'], {
			cwd: folder,
			env,
			name: 'main',
			logFile: path.join(this.dir, 'main.log'),
		});
		const url = `http://127.0.0.1:${port}`;
		await waitReady(`${url}/healthz/readiness`, child, 240000, 'ready');
		this.main = {
			child,
			url,
			port,
			brokerPort: env.N8N_RUNNERS_BROKER_PORT,
			startedMs: Date.now() - started,
		};
		return this.main;
	}

	async stopMain() {
		if (!this.main) return;
		this.main.expectExit = true;
		await stop(this.main.child, 20000);
	}

	/**
	 * Starts worker `name` with `n8n worker --concurrency=<n>`; resolves when its health endpoint
	 * says ready. In a container n8n names workers after the hostname (all the same), so each gets
	 * its own UTS namespace and hostname when allowed; main's log then names the worker that ran a job.
	 */
	async startWorker(name, { concurrency = 1 } = {}) {
		const folder = await this.prepareUserFolder(name);
		const previous = this.workers.get(name);
		const healthPort = previous?.healthPort ?? (await this.port(55690));
		const brokerPort = previous?.brokerPort ?? (await this.port());
		const env = inst.n8nEnv(folder, {
			port: healthPort,
			brokerPort,
			extra: {
				...sharedEnv(this),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				// --concurrency below 5 is allowed; n8n only warns
				N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency),
			},
		});
		const args = [n8nBin, 'worker', `--concurrency=${concurrency}`];
		const hostname = `qw-${name}`;
		const [cmd, cmdArgs] = (await canUnshareUts())
			? [
					'unshare',
					['--uts', 'sh', '-c', `hostname ${hostname} && exec "$0" "$@"`, nodeBin, ...args],
				]
			: [nodeBin, args];
		const started = Date.now();
		const child = startDetached(cmd, cmdArgs, {
			cwd: folder,
			env,
			name,
			logFile: path.join(this.dir, `${name}.log`),
		});
		await waitReady(`http://127.0.0.1:${healthPort}/healthz/readiness`, child, 240000, 'ready');
		const worker = { name, child, healthPort, brokerPort, startedMs: Date.now() - started };
		child.once('exit', (code, signal) => {
			if (!worker.expectExit)
				worker.died = `${name} exited unexpectedly (${signal ?? code}); last output:\n${child.lines.slice(-15).join('\n')}`;
		});
		this.workers.set(name, worker);
		return worker;
	}

	/** SIGKILL to the worker's whole process group (the worker and its task runner), no goodbye. */
	killWorker(name) {
		const worker = this.workers.get(name);
		worker.expectExit = true;
		process.kill(-worker.child.pid, 'SIGKILL');
		return new Promise((resolve) => {
			if (worker.child.exitCode !== null || worker.child.signalCode !== null) resolve();
			else worker.child.once('exit', () => resolve());
		});
	}

	/** Executions each worker started, from its own log: Map executionId → worker name. */
	executionsByWorker() {
		const ran = new Map();
		for (const name of this.workers.keys()) {
			const file = path.join(this.dir, `${name}.log`);
			if (!fs.existsSync(file)) continue;
			for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
				const m = parseLogLine(line)?.message.match(/^Worker started execution (\d+)/);
				if (m) ran.set(m[1], name);
			}
		}
		return ran;
	}

	/** What main logged about execution `id` finishing: the hostId of the worker that ran it. */
	reportedWorkerOf(id) {
		const file = path.join(this.dir, 'main.log');
		for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
			const entry = parseLogLine(line);
			if (entry && new RegExp(`^Execution ${id} \\(job \\d+\\) finished`).test(entry.message)) {
				return entry.workerId ?? entry.metadata?.workerId;
			}
		}
		return undefined;
	}

	/** Throws when a process of the cluster died without being told to (a crash, a port clash). */
	assertAlive() {
		const dead = [...this.workers.values()].map((w) => w.died).filter(Boolean);
		if (this.main && this.main.child.exitCode !== null && !this.main.expectExit)
			dead.push(`main exited (${this.main.child.exitCode})`);
		if (dead.length) throw new Error(dead.join('\n'));
	}

	async stopAll() {
		for (const w of this.workers.values()) w.expectExit = true;
		if (this.main) this.main.expectExit = true;
		await Promise.all([...this.workers.values()].map((w) => stop(w.child, 20000)));
		await this.stopMain();
	}
}

module.exports = { QueueCluster, sharedEnv, parseLogLine };
