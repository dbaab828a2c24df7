/**
 * Start a sandbox by hand (demo, e2e runs in another process):
 *   node sandbox/cli.cjs [--port 4010] [--seed demo|empty|N] [--no-rate-limit]
 *     [--latency <ms> [--jitter <ms>]]   (a network round trip on every API request) [--fault JSON]…
 * --fault queues a fault as the admin API's POST /__sandbox/faults takes it (repeatable), e.g.
 *   --fault '{"kind":"redirect","location":"http://127.0.0.1:9/v2/users","match":{"path":"/v2/users/me"}}'
 * Prints the URL, the tokens, the account id and the OAuth2 client, then stays up until SIGINT/SIGTERM.
 * SANDBOX_PORT is the fallback for --port.
 */
import { startSandbox } from './index.cjs';
import { faultFromJson } from './admin.cjs';
import type { Fault, Sandbox, SandboxOptions } from './types.cjs';

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SandboxOptions {
	const value = (flag: string): string | undefined => {
		const i = argv.indexOf(flag);
		return i >= 0
			? argv[i + 1]
			: argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
	};
	const port = Number(value('--port') ?? env.SANDBOX_PORT ?? 0);
	const seedArg = value('--seed') ?? 'demo';
	const seed: SandboxOptions['seed'] =
		seedArg === 'demo' || seedArg === 'empty' ? seedArg : { users: Number(seedArg) };
	if (typeof seed === 'object' && !Number.isInteger(seed.users))
		throw new Error(`--seed must be demo, empty or a number, got ${seedArg}`);
	const faults = argv
		.flatMap((a, i) =>
			a === '--fault' ? [argv[i + 1]] : a.startsWith('--fault=') ? [a.slice(8)] : [],
		)
		.map(parseFault);
	const latencyArg = value('--latency');
	const jitterArg = value('--jitter');
	const latency = { ms: Number(latencyArg ?? 0), jitterMs: Number(jitterArg ?? 0) };
	if (!(latency.ms >= 0) || !(latency.jitterMs >= 0))
		throw new Error(
			`--latency and --jitter must be milliseconds >= 0, got ${latencyArg} and ${jitterArg}`,
		);
	return {
		port,
		seed,
		...(argv.includes('--no-rate-limit') ? { rateLimit: false as const } : {}),
		...(latencyArg !== undefined || jitterArg !== undefined ? { latency } : {}),
		...(faults.length ? { faults } : {}),
	};
}

function parseFault(text: string | undefined): Fault {
	let value: unknown;
	try {
		value = JSON.parse(text ?? '');
	} catch {
		throw new Error(`--fault needs a JSON fault, got ${text ?? 'nothing'}`);
	}
	if (
		!value ||
		typeof value !== 'object' ||
		typeof (value as { kind?: unknown }).kind !== 'string'
	) {
		throw new Error(`--fault needs a JSON object with a "kind", got ${text}`);
	}
	return faultFromJson(value as Record<string, unknown>);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<Sandbox> {
	const options = parseArgs(argv);
	const sandbox = await startSandbox(options);
	const latency = typeof options.latency === 'object' ? options.latency : undefined;
	const { admin, manager, member } = sandbox.tokens;
	process.stdout.write(
		[
			`Harvest sandbox listening on ${sandbox.url}`,
			`  API:          ${sandbox.url}/v2/...`,
			`  Accounts:     ${sandbox.url}/api/v2/accounts`,
			`  Account ID:   ${admin.accountId}`,
			`  Admin token:  ${admin.token}`,
			`  Manager:      ${manager.token}`,
			`  Member:       ${member.token}`,
			`  OAuth2:       client id ${sandbox.oauthClient.clientId}, secret ${sandbox.oauthClient.clientSecret}`,
			`    Authorize:  ${sandbox.url}/oauth2/authorize`,
			`    Token:      ${sandbox.url}/api/v2/oauth2/token`,
			`  Admin API:    ${sandbox.url}/__sandbox/state`,
			...(latency
				? [`  Latency:      ${latency.ms} ms round trip, jitter ${latency.jitterMs ?? 0} ms`]
				: []),
			'',
		].join('\n'),
	);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	return sandbox;
}

if (require.main === module) {
	main().catch((e: unknown) => {
		process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(1);
	});
}
