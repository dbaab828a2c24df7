'use strict';
/**
 * `npm run sandbox:reset`: puts the running demo's Harvest sandbox back to its demo data, so the
 * example workflows can be tried again from the start. n8n keeps running; your workflows stay.
 *
 *   npm run sandbox:reset                  the sandbox of `npm start` (http://127.0.0.1:4010)
 *   npm run sandbox:reset -- --seed empty  only the three token holders (demo | empty | a number of extra users)
 *   SANDBOX_PORT=4011 npm run sandbox:reset, or SANDBOX_URL=http://127.0.0.1:4011
 *
 * It is one call of the sandbox's admin API (POST /__sandbox/reset, see docs/demo.md), made here so
 * nobody needs curl.
 */

function parseArgs(argv, env) {
	const value = (flag) => {
		const i = argv.indexOf(flag);
		return i >= 0
			? argv[i + 1]
			: argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
	};
	const url = (
		value('--url') ??
		env.SANDBOX_URL ??
		`http://127.0.0.1:${env.SANDBOX_PORT || 4010}`
	).replace(/\/+$/, '');
	const seedArg = value('--seed') ?? 'demo';
	if (seedArg !== 'demo' && seedArg !== 'empty' && !/^\d+$/.test(seedArg)) {
		throw new Error(`--seed must be demo, empty or a number of extra users, got "${seedArg}"`);
	}
	return { url, seed: /^\d+$/.test(seedArg) ? { users: Number(seedArg) } : seedArg };
}

async function call(url, method, path, body) {
	let res;
	try {
		res = await fetch(`${url}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (e) {
		const why = e.cause?.code ?? e.message;
		throw new Error(
			`No Harvest sandbox answers on ${url} (${why}). Is \`npm start\` running? If its sandbox uses another port, run SANDBOX_PORT=<port> npm run sandbox:reset.`,
		);
	}
	const text = await res.text();
	if (!res.ok)
		throw new Error(`${method} ${url}${path} answered ${res.status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : undefined;
}

async function resetSandbox({ url, seed }) {
	await call(url, 'POST', '/__sandbox/reset', { seed });
	const state = await call(url, 'GET', '/__sandbox/state');
	return {
		users: state.users.length,
		active: state.users.filter((u) => u.is_active).length,
		projects: state.projects.length,
	};
}

async function main() {
	const opts = parseArgs(process.argv.slice(2), process.env);
	const counts = await resetSandbox(opts);
	const seed = typeof opts.seed === 'object' ? `demo + ${opts.seed.users} users` : opts.seed;
	process.stdout.write(
		[
			`Harvest sandbox on ${opts.url} reset to its ${seed} data: ${counts.users} users (${counts.active} active), ${counts.projects} projects.`,
			'Request log, injected faults and rate-limit windows are cleared. n8n and your workflows are untouched;',
			'an active trigger reports changes from now on. What the sandbox holds: ' +
				`${opts.url}/__sandbox/state`,
			'',
		].join('\n'),
	);
}

module.exports = { parseArgs, resetSandbox };

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`sandbox:reset failed: ${e.message}\n`);
		process.exit(1);
	});
}
