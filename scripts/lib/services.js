'use strict';
/**
 * Throwaway Postgres and Redis for the queue-mode test (`npm run test:e2e:queue`): Debian's
 * packages, installed with apt-get when absent, each run from a temp folder on a free loopback
 * port and removed afterwards. No system service is used or touched.
 *
 * Postgres refuses to run as root, so as root the cluster belongs to the `postgres` system user
 * (runuser); as any other user it simply runs as that user.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runOk, run, freePort, startDetached, waitFor, stop: stopChild } = require('./proc');

const PG_VERSION = '15';
const PG_BIN = `/usr/lib/postgresql/${PG_VERSION}/bin`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** apt-get as root, or through passwordless sudo; a clear error otherwise. */
async function aptInstall(packages, log) {
	const sudo = isRoot ? [] : ['sudo', '-n'];
	if (!isRoot && (await run('sudo', ['-n', 'true']).catch(() => ({ code: 1 }))).code !== 0) {
		throw new Error(
			`Missing Debian packages ${packages.join(', ')}; install them (apt-get install ${packages.join(' ')}) or run as root.`,
		);
	}
	const started = Date.now();
	log(`Installing ${packages.join(', ')} with apt-get (once per machine)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const exec = (args) => {
		const cmd = [...sudo, ...args];
		return runOk(cmd[0], cmd.slice(1), { env, timeoutMs: 10 * 60000 });
	};
	await exec(['apt-get', 'update', '-qq']);
	await exec(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
	log(`  installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Installs what is missing of postgresql-15 and redis-server. Returns the seconds spent. */
async function ensureServicePackages(log) {
	const missing = [];
	if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) missing.push(`postgresql-${PG_VERSION}`);
	if (!fs.existsSync('/usr/bin/redis-server')) missing.push('redis-server');
	if (missing.length === 0) return 0;
	const started = Date.now();
	await aptInstall(missing, log);
	return Math.round((Date.now() - started) / 1000);
}

/** Runs a Postgres binary as the cluster's owner. */
function asPgOwner(bin, args, opts) {
	return isRoot
		? runOk('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args], opts)
		: runOk(path.join(PG_BIN, bin), args, opts);
}

/**
 * A fresh cluster in `<dir>/pg` on 127.0.0.1:<free port>, trust auth, with database and user
 * `n8n` (password `n8n`). Returns { port, database, user, password, stop }.
 */
async function startPostgres(dir, log) {
	const pgDir = path.join(dir, 'pg');
	const data = path.join(pgDir, 'data');
	fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
	if (isRoot) {
		// the postgres user must be able to reach its folder through the temp folder
		fs.chmodSync(dir, 0o755);
		await runOk('chown', ['postgres:postgres', pgDir]);
	}
	const port = await freePort(55432);
	await asPgOwner(
		'initdb',
		['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'],
		{ timeoutMs: 120000 },
	);
	const logFile = path.join(pgDir, 'postgres.log');
	const options = `-p ${port} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
	await asPgOwner('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start'], {
		timeoutMs: 90000,
	});
	const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	// pg_ctl daemonizes the server, so proc.js does not track it: if this script dies without
	// running stop(), SIGQUIT (immediate shutdown) still takes the server and its children down
	const killSync = () => {
		try {
			process.kill(pid, 'SIGQUIT');
		} catch {
			// already gone
		}
	};
	process.on('exit', killSync);
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await asPgOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], { timeoutMs: 60000 }).catch(
			killSync,
		);
		process.off('exit', killSync);
	};
	try {
		const psql = (sql) =>
			runOk(
				'psql',
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					'postgres',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				],
				{ timeoutMs: 30000 },
			);
		await psql("CREATE USER n8n PASSWORD 'n8n'");
		await psql('CREATE DATABASE n8n OWNER n8n');
	} catch (e) {
		await stop();
		throw e;
	}
	if (log) log(`Postgres ${PG_VERSION} on 127.0.0.1:${port} (cluster in ${pgDir})`);
	return { port, database: 'n8n', user: 'n8n', password: 'n8n', logFile, stop };
}

/**
 * Redis on 127.0.0.1:<free port>, nothing persisted. It runs in the foreground as a tracked child
 * (proc.js), so it is stopped with everything else, also when this script dies.
 */
async function startRedis(dir, log) {
	const redisDir = path.join(dir, 'redis');
	fs.mkdirSync(redisDir, { recursive: true });
	const port = await freePort(56379);
	const conf = path.join(redisDir, 'redis.conf');
	fs.writeFileSync(
		conf,
		[
			`port ${port}`,
			'bind 127.0.0.1',
			'protected-mode yes',
			'daemonize no',
			`dir ${redisDir}`,
			'save ""',
			'appendonly no',
			'',
		].join('\n'),
	);
	const child = startDetached('redis-server', [conf], {
		name: 'redis',
		logFile: path.join(redisDir, 'redis.log'),
	});
	await waitFor(child, /Ready to accept connections/, 30000, 'Ready to accept connections');
	if (log) log(`Redis on 127.0.0.1:${port}`);
	return { port, child, stop: () => stopChild(child) };
}

module.exports = { ensureServicePackages, startPostgres, startRedis };
