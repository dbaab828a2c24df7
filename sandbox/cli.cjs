#!/usr/bin/env node
/**
 * The sandbox's command line: a fake Harvest API v2 on 127.0.0.1 until SIGINT/SIGTERM.
 *   node sandbox/cli.cjs [--port 4010] [--seed demo|empty|N] [--no-rate-limit] [--latency <ms> [--jitter <ms>]] [--fault JSON]…
 * (`npm run sandbox -- …` from the repository root.) Options: see sandbox/README.md.
 */
require('./register.cjs');
require('./src/cli.cts')
	.main()
	.catch((e) => {
		process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(1);
	});
