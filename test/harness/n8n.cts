/**
 * Runs our built package inside n8n's own runtime (n8n-core 2.41): the real package loader, the
 * real WorkflowExecute / PollContext and the real HTTP helpers, with credentials applied the way
 * the n8n server applies them. Only the credential store is ours (credentials are plain objects).
 */
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type INodeParameters,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { resolve } from 'path';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-harvest-users';
export const NODE_TYPE = `${PACKAGE_NAME}.harvestUsers`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.harvestUsersTrigger`;

export type CredentialData = Record<string, ICredentialDataDecryptedObject>;

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, { type: ICredentialType }>,
		private readonly creds: CredentialData,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types[name]?.type.extends ?? [];
	}

	async getDecrypted(
		_a: IWorkflowExecuteAdditionalData,
		_n: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (!this.creds[type]) throw new Error(`No test credential of type ${type}`);
		return { ...this.creds[type] };
	}

	/** The same idea as the n8n CLI's CredentialsHelper for `authenticate: { type: 'generic' }`. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		request: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const auth = this.types[typeName].type.authenticate;
		if (typeof auth === 'function') return await auth(credentials, request);
		if (auth?.type === 'generic') {
			const resolveValue = (value: unknown) =>
				typeof value === 'string' && value.startsWith('=')
					? workflow.expression.getSimpleParameterValue(
							node,
							value,
							'internal',
							{ $credentials: credentials },
							undefined,
							'',
						)
					: value;
			for (const [outer, props] of Object.entries(auth.properties)) {
				const target = ((request as unknown as Record<string, Record<string, unknown>>)[outer] ??=
					{});
				for (const [k, v] of Object.entries(props as object))
					target[String(resolveValue(k))] = resolveValue(v);
			}
		}
		return request;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	getCredentialsProperties(type: string) {
		return this.types[type].type.properties;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async updateCredentials(): Promise<void> {}

	/** As n8n's database does: later requests and runs sign with the refreshed OAuth2 token. */
	async updateCredentialsOauthTokenData(
		_node: unknown,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.creds[type] = { ...this.creds[type], oauthTokenData: data.oauthTokenData };
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

export interface LoadedPackage {
	loader: PackageDirectoryLoader;
	nodeTypes: INodeTypes;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads dist/ through n8n's PackageDirectoryLoader, which reads package.json's `n8n` manifest. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const byName = (type: string) => {
			const entry = loader.nodeTypes[type.split('.').pop() as string];
			if (!entry) throw new Error(`Node type ${type} is not in the package manifest`);
			return entry.type;
		};
		const nodeTypes: INodeTypes = {
			getByName: (type) => byName(type),
			getByNameAndVersion: (type, version) =>
				NodeHelpers.getVersionedNodeType(byName(type), version),
			getKnownTypes: () => loader.known.nodes,
		};
		return { loader, nodeTypes };
	})();
	return await loaded;
}

/** What a run needs of a package: its node types and its credential types. */
export interface NodeSource {
	loader: Pick<PackageDirectoryLoader, 'credentialTypes'>;
	nodeTypes: INodeTypes;
}

export function additionalData(
	pkg: NodeSource,
	creds: CredentialData,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(pkg.loader.credentialTypes, creds),
		hooks,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used in tests');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	parameters: INodeParameters;
	credentials: CredentialData;
	/** Input items (each becomes one item the node processes); default one empty item. */
	input?: IDataObject[];
	continueOnFail?: boolean;
	name?: string;
	/** The node's typeVersion; 1 (as saved workflows from before version 1.1 have) unless given. */
	typeVersion?: number;
}

export interface NodeRun {
	run: IRun;
	status: IRun['status'];
	/** The node's first output, as n8n passes it on. */
	items: INodeExecutionData[];
	json: IDataObject[];
	/** The error n8n recorded for the node (when it failed without Continue On Fail). */
	error?: IRun['data']['resultData']['error'];
}

/** Executes one Harvest Users node through WorkflowExecute, as n8n runs a workflow. */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	return await runNodeOf(await loadPackage(), NODE_TYPE, options);
}

/** The same for any node type of `pkg` (the benchmark runs n8n's built-in Harvest node with it). */
export async function runNodeOf(
	pkg: NodeSource,
	type: string,
	options: RunNodeOptions,
): Promise<NodeRun> {
	const name = options.name ?? 'Harvest Users';
	const node: INode = {
		id: 'b3c0b1a2-0000-4000-8000-000000000001',
		name,
		type,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [
				type,
				{ id: `${type}-id`, name: `${type} test` },
			]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: pkg.nodeTypes,
		active: false,
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	let done!: (run: IRun) => void;
	const finished = new Promise<IRun>((r) => (done = r));
	hooks.addHandler('workflowExecuteAfter', (run) => done(run));
	const inputItems = (options.input ?? [{}]).map((json) => ({ json }));
	const data = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode(name)!, data: { main: [inputItems] }, source: null },
			],
		},
	});
	await new WorkflowExecute(
		additionalData(pkg, options.credentials, hooks),
		'manual',
		data,
	).processRunExecutionData(workflow);
	const run = await finished;
	const items = run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? [];
	return {
		run,
		status: run.status,
		items,
		json: items.map((i) => i.json),
		error: run.data.resultData.error,
	};
}

export interface PollOptions {
	parameters: INodeParameters;
	credentials: CredentialData;
	/** Static data as n8n's database returns it; JSON round-tripped so nothing survives by reference. */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	name?: string;
	/** The trigger's typeVersion; 1 unless given. */
	typeVersion?: number;
}

export interface PollRun {
	result: INodeExecutionData[][] | null;
	/** What n8n would persist after this poll (JSON round-tripped). */
	staticData: IDataObject;
}

/** Runs the trigger's poll() through n8n's PollContext, as the poll executor does. */
export async function runPoll(options: PollOptions): Promise<PollRun> {
	const pkg = await loadPackage();
	const name = options.name ?? 'Harvest Users Trigger';
	const node: INode = {
		id: 'b3c0b1a2-0000-4000-8000-000000000002',
		name,
		type: TRIGGER_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [
				type,
				{ id: `${type}-id`, name: `${type} test` },
			]),
		),
	};
	const staticData = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	const mode = options.mode ?? 'trigger';
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: pkg.nodeTypes,
		active: mode === 'trigger',
		staticData,
	});
	const hooks = new ExecutionLifecycleHooks(mode, '1', {
		id: 'test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const ctx = new PollContext(
		workflow,
		workflow.getNode(name)!,
		additionalData(pkg, options.credentials, hooks),
		mode,
		'activate',
	);
	const nodeType = pkg.nodeTypes.getByNameAndVersion(TRIGGER_TYPE, options.typeVersion ?? 1);
	const result = await nodeType.poll!.call(ctx);
	return { result, staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
}

/**
 * Runs a dropdown method (loadOptions or listSearch) as the editor does: n8n's LoadOptionsContext
 * with the node's current parameters, the credential and real HTTP to the sandbox.
 */
async function loadOptionsContext(
	parameters: INodeParameters,
	credentials: CredentialData,
): Promise<{ ctx: LoadOptionsContext; pkg: LoadedPackage }> {
	const pkg = await loadPackage();
	const node: INode = {
		id: 'b3c0b1a2-0000-4000-8000-000000000003',
		name: 'Harvest Users',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			Object.keys(credentials).map((t) => [t, { id: `${t}-id`, name: `${t} test` }]),
		),
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: pkg.nodeTypes,
		active: false,
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const data = additionalData(pkg, credentials, hooks);
	// The editor sends every parameter of the node; credential lookup checks `authentication` against them.
	data.currentNodeParameters = { authentication: 'accessToken', ...parameters };
	return { ctx: new LoadOptionsContext(workflow, node, data, 'parameters.dropdown'), pkg };
}

export async function runLoadOptions(
	method: string,
	parameters: INodeParameters,
	credentials: CredentialData,
): Promise<INodePropertyOptions[]> {
	const { ctx, pkg } = await loadOptionsContext(parameters, credentials);
	const fn = pkg.nodeTypes.getByNameAndVersion(NODE_TYPE, 1).methods?.loadOptions?.[method];
	if (!fn) throw new Error(`No loadOptions method ${method}`);
	return await fn.call(ctx);
}

export async function runListSearch(
	method: string,
	parameters: INodeParameters,
	credentials: CredentialData,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { ctx, pkg } = await loadOptionsContext(parameters, credentials);
	const fn = pkg.nodeTypes.getByNameAndVersion(NODE_TYPE, 1).methods?.listSearch?.[method];
	if (!fn) throw new Error(`No listSearch method ${method}`);
	return await fn.call(ctx, filter, paginationToken);
}
