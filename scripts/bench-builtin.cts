/**
 * The side-by-side in the README, measured: n8n's built-in Harvest node (n8n-nodes-base, loaded
 * from the n8n that `npm start` / `npm run test:e2e` install into .n8n-e2e/, never copied into this
 * repository) and ours, both run through the same n8n runtime against the same sandbox.
 *
 * The built-in node always calls https://api.harvestapp.com; the only thing changed here is that
 * host, rewritten to the sandbox inside its request helper (anything else is refused, so nothing
 * leaves the machine). Its code, parameters and pagination run as they do in n8n.
 */
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import {
	NodeHelpers,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';

import {
	loadPackage,
	runNode,
	runNodeOf,
	type CredentialData,
	type NodeSource,
	type RunNodeOptions,
} from '../test/harness/n8n.cjs';

const ROOT = resolve(__dirname, '..');
const HARVEST_HOST = 'https://api.harvestapp.com';
const BUILT_IN = 'n8n-nodes-base.harvest';

interface Logged {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	status: number;
}

/** What the benchmark's sandbox offers (scripts/bench.ts RemoteSandbox). */
export interface BenchSandbox {
	url: string;
	token: string;
	accountId: string;
	seedExactly(n: number): Promise<void>;
	admin(method: string, path: string, body?: unknown): Promise<unknown>;
	/** The sandbox's request log (each entry a LoggedRequest of sandbox/src/types.cts). */
	log(): Promise<unknown[]>;
	credential(): CredentialData;
}

type Line = (label: string, value: string, target: string, ok: boolean) => void;

function nodesBaseDir(): string {
	const { CACHE, N8N_VERSION } = require(join(ROOT, 'scripts/lib/runtime.js')) as {
		CACHE: string;
		N8N_VERSION: string;
	};
	return join(CACHE, `n8n-${N8N_VERSION}`, 'node_modules', 'n8n-nodes-base', 'dist');
}

/** The built-in node, its host rewritten to the sandbox's, as a node source for the harness. */
function builtInSource(dir: string, sandboxUrl: string): NodeSource {
	const { Harvest } = require(join(dir, 'nodes/Harvest/Harvest.node.js')) as {
		Harvest: new () => INodeType;
	};
	const { HarvestApi } = require(join(dir, 'credentials/HarvestApi.credentials.js')) as {
		HarvestApi: new () => ICredentialType;
	};
	const original = new Harvest();
	const rewrite = (options: IDataObject) => {
		const uri = String(options.uri ?? options.url);
		if (!uri.startsWith(`${HARVEST_HOST}/`))
			throw new Error(`bench: the built-in node asked for ${uri}; refused`);
		return { ...options, uri: `${sandboxUrl}${uri.slice(HARVEST_HOST.length)}` };
	};
	const node: INodeType = {
		description: original.description,
		methods: original.methods,
		async execute(this: IExecuteFunctions) {
			const helpers = {
				...this.helpers,
				request: async (o: IDataObject) => await this.helpers.request(rewrite(o)),
			};
			const ctx = new Proxy(this, {
				get: (target, prop) => {
					if (prop === 'helpers') return helpers;
					const value = Reflect.get(target, prop, target) as unknown;
					return typeof value === 'function' ? value.bind(target) : value;
				},
			});
			return await original.execute!.call(ctx);
		},
	};
	return {
		loader: { credentialTypes: { harvestApi: { type: new HarvestApi(), sourcePath: '' } } },
		nodeTypes: {
			getByName: () => node,
			getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(node, version),
			getKnownTypes: () => ({}),
		},
	} as NodeSource;
}

function resources(description: object): string[] {
	const resource = ((description as { properties?: INodeProperties[] }).properties ?? []).find(
		(p: INodeProperties) => p.name === 'resource',
	);
	return (resource?.options ?? []).map((o) => String((o as { value: unknown }).value));
}

export async function compareWithBuiltIn(
	sandbox: BenchSandbox,
	line: Line,
	resetLimiters: () => void,
): Promise<void> {
	const dir = nodesBaseDir();
	if (!existsSync(join(dir, 'nodes/Harvest/Harvest.node.js'))) {
		process.stdout.write(
			`SKIP built-in Harvest node comparison: n8n-nodes-base is not installed at ${dir}.\n` +
				'     Run `npm start` or `npm run test:e2e` once (it installs the pinned n8n), then `npm run bench` again.\n',
		);
		return;
	}
	const builtIn = builtInSource(dir, sandbox.url);
	const builtInCreds: CredentialData = { harvestApi: { accessToken: sandbox.token } };
	const runBuiltIn = async (parameters: IDataObject) =>
		await runNodeOf(builtIn, BUILT_IN, {
			parameters: { accountId: sandbox.accountId, ...parameters },
			credentials: builtInCreds,
			name: 'Harvest',
		} as RunNodeOptions);
	const runOurs = async (parameters: IDataObject) => {
		resetLimiters();
		return await runNode({
			parameters: parameters as RunNodeOptions['parameters'],
			credentials: sandbox.credential(),
		});
	};
	const log = async () => (await sandbox.log()) as Logged[];
	const userRequests = async () => (await log()).filter((r) => r.path === '/v2/users').length;
	const version = (require(join(dir, '../package.json')) as { version: string }).version;
	process.stdout.write(
		`-- side by side: the built-in Harvest node (n8n-nodes-base ${version}) vs Harvest Users --\n`,
	);

	// 1. A 10,000-user listing, with /v2/users paging by cursor (Harvest's docs) and by number (recorded traffic).
	for (const mode of ['numbered', 'cursor'] as const) {
		await sandbox.seedExactly(10_000);
		await sandbox.admin('POST', 'pagination', { users: mode });
		const theirs = await runBuiltIn({ resource: 'user', operation: 'getAll', returnAll: true });
		const theirRequests = await userRequests();
		await sandbox.admin('DELETE', 'log');
		const ours = await runOurs({ resource: 'user', operation: 'getAll', returnAll: true });
		const ourRequests = await userRequests();
		line(
			`10,000-user listing, ${mode} pages: requests (users returned), built-in vs ours`,
			`${theirRequests} (${theirs.json.length}) vs ${ourRequests} (${ours.json.length})`,
			'ours ceil(N/2000) = 5 with all 10,000',
			ourRequests === 5 && ours.json.length === 10_000,
		);
	}

	// 2. One 429 (Retry-After: 1 s) on the first page of a listing.
	await sandbox.seedExactly(2_000);
	const throttleOnce = {
		kind: '429',
		retryAfterSeconds: 1,
		match: { method: 'GET', path: '/v2/users' },
	};
	await sandbox.admin('POST', 'faults', throttleOnce);
	const theirs429 = await runBuiltIn({ resource: 'user', operation: 'getAll', returnAll: true });
	await sandbox.admin('POST', 'faults', throttleOnce);
	const ours429 = await runOurs({ resource: 'user', operation: 'getAll', returnAll: true });
	const outcome = (r: { status: string; json: unknown[]; error?: { message?: string } }) =>
		r.status === 'success'
			? `${r.status}, ${r.json.length} users`
			: `${r.status}, ${r.json.length} users ("${r.error?.message ?? ''}")`;
	line(
		'one 429 on a 2,000-user listing, built-in vs ours',
		`${outcome(theirs429)} vs ${outcome(ours429)}`,
		'ours completes',
		ours429.status === 'success' && ours429.json.length === 2000,
	);

	// 3. How an update reaches Harvest.
	await sandbox.seedExactly(10);
	const users = async () =>
		((await sandbox.admin('GET', 'state')) as { users: IDataObject[] }).users;
	const capacityOf = async (id: unknown) =>
		(await users()).find((u) => u.id === id)?.weekly_capacity;
	const target = (await users()).find((u) => u.weekly_capacity !== 126000)!;
	await sandbox.admin('DELETE', 'log');
	await runBuiltIn({
		resource: 'user',
		operation: 'update',
		id: String(target.id),
		updateFields: { weekly_capacity: '126000' },
	});
	const theirPatch = (await log()).find((r) => r.method === 'PATCH');
	const theirApplied = (await capacityOf(target.id)) === 126000;
	await sandbox.admin('PATCH', `users/${String(target.id)}`, { weekly_capacity: 72000 }); // whatever it did
	await sandbox.admin('DELETE', 'log');
	await runOurs({
		resource: 'user',
		operation: 'update',
		userId: { __rl: true, mode: 'id', value: String(target.id) },
		updateFields: { weeklyCapacity: 35 },
	});
	const ourPatch = (await log()).find((r) => r.method === 'PATCH');
	const ourApplied = (await capacityOf(target.id)) === 126000;
	const shape = (r?: Logged) =>
		r
			? `query ${JSON.stringify(r.query)} body ${JSON.stringify(r.body ?? null)} -> ${r.status}`
			: 'none sent';
	line(
		'update weekly capacity to 35 h, built-in',
		`${shape(theirPatch)}, applied by the sandbox: ${theirApplied}`,
		'reported',
		true,
	);
	line(
		'update weekly capacity to 35 h, ours',
		`${shape(ourPatch)}, applied: ${ourApplied}`,
		'JSON body, applied',
		ourApplied && Object.keys(ourPatch?.query ?? {}).length === 0,
	);

	// 4. What each offers.
	const ourDescription = (await loadPackage()).loader.nodeTypes.harvestUsers.type.description;
	const builtInDescription = builtIn.nodeTypes.getByName(BUILT_IN).description;
	line('resources, built-in', resources(builtInDescription).join(', '), 'reported', true);
	line('resources, ours', `${resources(ourDescription).join(', ')} + trigger`, 'reported', true);
	await sandbox.admin('POST', 'pagination', { users: 'cursor' });
}
