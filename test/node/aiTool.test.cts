/**
 * The node as an AI Agent's tool (issue 20), through n8n's runtime against the sandbox. A tool
 * call is what n8n's Agent V3 makes of it: the node runs as a normal node whose parameters hold
 * `$fromAI(...)` and whose input item carries the model's arguments and a `toolCallId`
 * (n8n-core requests-response.js). Some tests also run the tool variant n8n generates
 * (`…harvestUsersTool`, createAiTools), built here the way n8n builds it.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
} from 'n8n-workflow';

import {
	additionalData,
	loadPackage,
	NODE_TYPE,
	patCredential,
	runNode,
	runNodeOf,
	useSandbox,
	type NodeSource,
} from '../harness/index.cjs';
import { byEmail, byId, calls, idOf, writes } from './people.cjs';

const TOOL_TYPE = `${NODE_TYPE}Tool`;
const SIMPLIFIED = [
	'access_roles',
	'email',
	'first_name',
	'has_access_to_all_future_projects',
	'id',
	'is_active',
	'is_contractor',
	'last_name',
	'roles',
	'telephone',
	'timezone',
	'weekly_capacity_hours',
];

/** As n8n's convertNodeToAiTool: a copy named …Tool, no main input, an ai_tool output. */
async function withToolVariant(): Promise<NodeSource> {
	const pkg = await loadPackage();
	const base = pkg.nodeTypes.getByName(NODE_TYPE) as unknown as INodeType;
	const tool = Object.create(base) as INodeType;
	tool.description = {
		...(base.description as INodeTypeDescription),
		name: 'harvestUsersTool',
		displayName: 'Harvest Users Tool',
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties: [
			{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
			...base.description.properties,
		],
	};
	const pick = (type: string): INodeType =>
		type === TOOL_TYPE ? tool : (pkg.nodeTypes.getByName(type) as unknown as INodeType);
	const nodeTypes: INodeTypes = {
		getByName: pick,
		getByNameAndVersion: (type) => pick(type),
		getKnownTypes: () => pkg.nodeTypes.getKnownTypes(),
	};
	return { loader: pkg.loader, nodeTypes };
}

const ai = (key: string, type = 'string') => `={{ $fromAI('${key}', '', '${type}') }}`;

describe('the node as an AI tool', () => {
	const sandbox = useSandbox();
	const admin = () => patCredential(sandbox(), 'admin');
	const user = (id: number) => sandbox().store.users.get(id)!;

	/** Update with every field left to the model, as the editor's ✨ button sets it up. */
	const updateByModel: INodeParameters = {
		resource: 'user',
		operation: 'update',
		userId: { __rl: true, mode: 'email', value: ai('email') },
		updateFields: {
			firstName: ai('first_name'),
			lastName: ai('last_name'),
			email: ai('new_email'),
			accessRole: ai('access_roles'),
			managerPermissions: ai('manager_permissions'),
			roles: ai('roles'),
			timezone: ai('timezone'),
			weeklyCapacity: ai('weekly_capacity_hours'),
			isContractor: ai('is_contractor', 'boolean'),
			hasAccessToAllFutureProjects: ai('has_access_to_all_future_projects', 'boolean'),
		},
	};

	describe('blank means "not given" in tool use', () => {
		it('a model that changes one last name and sends blanks for the rest changes only the last name', async () => {
			const maya = idOf(sandbox(), 'Maya');
			const before = { ...user(maya) };
			const args = {
				email: 'maya.patel@example.com',
				first_name: '',
				last_name: 'Patel-Ng',
				new_email: '',
				access_roles: '',
				manager_permissions: '',
				roles: '',
				timezone: null,
				weekly_capacity_hours: '',
				is_contractor: before.is_contractor,
				has_access_to_all_future_projects: before.has_access_to_all_future_projects,
				toolCallId: 'call_1',
			};
			const { status, json, error } = await runNode({
				parameters: updateByModel,
				credentials: admin(),
				input: [args],
				typeVersion: 1.2,
			});
			expect(error?.message).toBeUndefined();
			expect(status).toBe('success');
			expect(writes(sandbox())).toEqual([
				{ method: 'PATCH', path: `/v2/users/${maya}`, query: {}, body: { last_name: 'Patel-Ng' } },
			]);
			const after = user(maya);
			expect(after).toMatchObject({
				roles: before.roles,
				access_roles: before.access_roles,
				email: before.email,
				first_name: before.first_name,
			});
			expect(json[0]).toMatchObject({ id: maya, last_name: 'Patel-Ng', roles: before.roles });
		});

		it('the same holds for a node saved with version 1.1 and for the generated tool variant', async () => {
			const maya = idOf(sandbox(), 'Maya');
			const roles = [...user(maya).roles];
			const args = {
				email: 'maya.patel@example.com',
				first_name: '',
				last_name: 'Ng',
				new_email: '',
				access_roles: '',
				manager_permissions: '',
				roles: '',
				timezone: '',
				weekly_capacity_hours: '',
				is_contractor: false,
				has_access_to_all_future_projects: false,
				toolCallId: 'call_2',
			};
			const old = await runNode({
				parameters: updateByModel,
				credentials: admin(),
				input: [args],
				typeVersion: 1.1,
			});
			expect(old.status).toBe('success');
			expect(user(maya).roles).toEqual(roles);
			sandbox().clearLog();
			const tool = await runNodeOf(await withToolVariant(), TOOL_TYPE, {
				parameters: updateByModel,
				credentials: admin(),
				input: [{ ...args, last_name: 'Patel', toolCallId: undefined }],
				typeVersion: 1.2,
			});
			expect(tool.error?.message).toBeUndefined();
			expect(writes(sandbox()).map((w) => w.body)).toEqual([{ last_name: 'Patel' }]);
			expect(user(maya).roles).toEqual(roles);
		});

		it('a list the model fills arrives as comma-separated text and is accepted (business roles, access roles)', async () => {
			const leo = idOf(sandbox(), 'Leo');
			const args = {
				email: 'leo.fischer@example.com',
				first_name: '',
				last_name: '',
				new_email: '',
				access_roles: 'manager, project_creator',
				manager_permissions: '',
				roles: 'Designer, QA',
				timezone: '',
				weekly_capacity_hours: '',
				is_contractor: false,
				has_access_to_all_future_projects: false,
				toolCallId: 'call_3',
			};
			const { status } = await runNode({
				parameters: updateByModel,
				credentials: admin(),
				input: [args],
				typeVersion: 1.2,
			});
			expect(status).toBe('success');
			expect(user(leo).roles.slice().sort()).toEqual(['Designer', 'QA']);
			expect(user(leo).access_roles.slice().sort()).toEqual(['manager', 'project_creator']);
		});

		it('outside tool use a field that was added is still applied as before: an empty roles list removes the roles', async () => {
			const leo = idOf(sandbox(), 'Leo');
			const { status } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(leo),
					updateFields: { roles: [] },
				},
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(status).toBe('success');
			expect(user(leo).roles).toEqual([]);
		});
	});

	describe('Get → Update round trip', () => {
		it("Get's default output holds every field Update sets, capacity in hours; sent back unchanged nothing is written, one value changed changes exactly that", async () => {
			const maya = idOf(sandbox(), 'Maya');
			const got = await runNode({
				parameters: {
					resource: 'user',
					operation: 'get',
					userId: byEmail('maya.patel@example.com'),
				},
				credentials: admin(),
				typeVersion: 1.2,
			});
			const shown = got.json[0];
			expect(Object.keys(shown).sort()).toEqual(SIMPLIFIED);
			expect(shown.weekly_capacity_hours).toBe(user(maya).weekly_capacity / 3600);
			const copyBack = (changes: IDataObject) => ({
				email: shown.email,
				first_name: shown.first_name,
				last_name: shown.last_name,
				new_email: shown.email,
				access_roles: shown.access_roles,
				manager_permissions: '',
				roles: shown.roles,
				timezone: shown.timezone,
				weekly_capacity_hours: shown.weekly_capacity_hours,
				is_contractor: shown.is_contractor,
				has_access_to_all_future_projects: shown.has_access_to_all_future_projects,
				toolCallId: 'call_4',
				...changes,
			});
			const before = JSON.stringify(user(maya));
			sandbox().clearLog();
			const same = await runNode({
				parameters: updateByModel,
				credentials: admin(),
				input: [copyBack({})],
				typeVersion: 1.2,
			});
			expect(same.error?.message).toBeUndefined();
			expect(writes(sandbox())).toEqual([]);
			expect(JSON.stringify(user(maya))).toBe(before);
			expect(same.json[0]).toEqual(shown);

			const changed = await runNode({
				parameters: updateByModel,
				credentials: admin(),
				input: [copyBack({ weekly_capacity_hours: 30 })],
				typeVersion: 1.2,
			});
			expect(changed.status).toBe('success');
			expect(writes(sandbox()).map((w) => w.body)).toEqual([{ weekly_capacity: 108000 }]);
			expect(changed.json[0]).toEqual({ ...shown, weekly_capacity_hours: 30 });
		});

		it("an Access Role given alone keeps a manager's permissions in version 1.2; Harvest's seconds sent as hours get an error that says what to send", async () => {
			const maya = idOf(sandbox(), 'Maya');
			const permissions = [...user(maya).access_roles].sort();
			const { status } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(maya),
					updateFields: { accessRole: 'manager', lastName: 'Patel' },
				},
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(status).toBe('success');
			expect([...user(maya).access_roles].sort()).toEqual(permissions);
			const seconds = await runNode({
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId(maya),
					updateFields: { weeklyCapacity: 126000 },
				},
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(seconds.error?.message).toBe(
				"Weekly Capacity (Hours) takes hours, got 126000, which looks like Harvest's weekly_capacity in seconds: send 35 (weekly_capacity_hours)",
			);
		});
	});

	describe('Output on every user operation, writes included', () => {
		const leoArgs = () => ({ resource: 'user', userId: byId(idOf(sandbox(), 'Leo')) });

		it('Archive, Restore, Update, Create and Create or Update return the simplified user by default (1.2), with the ID', async () => {
			const runs = [
				{ ...leoArgs(), operation: 'archive' },
				{ ...leoArgs(), operation: 'restore' },
				{ ...leoArgs(), operation: 'update', updateFields: { lastName: 'Fisher' } },
				{
					resource: 'user',
					operation: 'create',
					firstName: 'Jane',
					lastName: 'Doe',
					email: 'jane.doe@example.com',
				},
			];
			for (const parameters of runs) {
				const { json, error } = await runNode({
					parameters,
					credentials: admin(),
					typeVersion: 1.2,
				});
				expect(error?.message).toBeUndefined();
				// Restore also says that the person's projects were not restored (issue 21).
				const extra = parameters.operation === 'restore' ? ['warning'] : [];
				expect(Object.keys(json[0]).sort()).toEqual([...SIMPLIFIED, ...extra].sort());
			}
			const upsert = await runNode({
				parameters: {
					resource: 'user',
					operation: 'upsert',
					email: 'jane.doe@example.com',
					additionalFields: { isContractor: true },
				},
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(Object.keys(upsert.json[0]).sort()).toEqual(
				[...SIMPLIFIED, 'action', 'changes'].sort(),
			);
		});

		it('Raw gives Harvest’s object, Selected fields only the fields named plus the ID; Get Many and Get Me follow Output too', async () => {
			const raw = await runNode({
				parameters: { ...leoArgs(), operation: 'archive', output: 'raw' },
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(raw.json[0]).toMatchObject({
				is_active: false,
				created_at: expect.any(String),
				weekly_capacity: expect.any(Number),
			});
			const picked = await runNode({
				parameters: {
					...leoArgs(),
					operation: 'restore',
					output: 'fields',
					outputFields: 'email, is_active, weekly_capacity_hours',
				},
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(picked.json[0]).toEqual({
				id: idOf(sandbox(), 'Leo'),
				email: 'leo.fischer@example.com',
				is_active: true,
				weekly_capacity_hours: 35,
				warning: expect.stringContaining('Restored without their projects'),
			});
			const many = await runNode({
				parameters: { resource: 'user', operation: 'getAll', limit: 3 },
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(many.json.map((u) => Object.keys(u).sort())).toEqual([
				SIMPLIFIED,
				SIMPLIFIED,
				SIMPLIFIED,
			]);
			const me = await runNode({
				parameters: { resource: 'user', operation: 'me', output: 'fields', outputFields: 'email' },
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(Object.keys(me.json[0]).sort()).toEqual(['email', 'id']);
		});

		it('a workflow saved with version 1.1 keeps Harvest’s object from Archive and Update', async () => {
			const { json } = await runNode({
				parameters: { ...leoArgs(), operation: 'archive' },
				credentials: admin(),
				typeVersion: 1.1,
			});
			expect(json[0]).toHaveProperty('created_at');
			expect(json[0]).toHaveProperty('weekly_capacity');
			expect(json[0]).not.toHaveProperty('weekly_capacity_hours');
		});
	});

	describe('cheap lookups', () => {
		describe('in an account of 2,000 users', () => {
			const big = useSandbox({ seed: { users: 1990 } });

			it('a Get by email costs 2 Harvest requests: who the token is, and the roster (no second GET of the user)', async () => {
				expect(big().store.users.list().length).toBeGreaterThanOrEqual(1990);
				expect(big().store.users.list().length).toBeLessThanOrEqual(2000);
				const { json, status } = await runNode({
					parameters: {
						resource: 'user',
						operation: 'get',
						userId: byEmail('Ana.Souza@example.com'),
					},
					credentials: patCredential(big(), 'admin'),
					typeVersion: 1.2,
				});
				expect(status).toBe('success');
				expect(json[0]).toMatchObject({ email: 'ana.souza@example.com' });
				expect(calls(big())).toEqual(['GET /v2/users/me', 'GET /v2/users']);
			});
		});

		it('two tool calls of one execution check the token once: the second lookup costs 1 request', async () => {
			const pkg = await loadPackage();
			const credentials = admin();
			const node = (name: string, email: string, x: number): INode => ({
				id: `b3c0b1a2-0000-4000-8000-00000000001${x}`,
				name,
				type: NODE_TYPE,
				typeVersion: 1.2,
				position: [x * 200, 0],
				parameters: {
					resource: 'user',
					operation: 'get',
					userId: { __rl: true, mode: 'email', value: email },
				},
				credentials: {
					harvestUsersApi: { id: 'harvestUsersApi-id', name: 'harvestUsersApi test' },
				},
			});
			const nodes = [
				node('Find Ana', 'ana.souza@example.com', 1),
				node('Find Leo', 'leo.fischer@example.com', 2),
			];
			const connections = {
				'Find Ana': { main: [[{ node: 'Find Leo', type: NodeConnectionTypes.Main, index: 0 }]] },
			};
			const workflow = new Workflow({
				id: 'test',
				nodes,
				connections,
				nodeTypes: pkg.nodeTypes,
				active: false,
			});
			const hooks = new ExecutionLifecycleHooks('manual', '1', {
				id: 'test',
				nodes,
				connections,
			} as unknown as IWorkflowBase);
			let done!: (run: IRun) => void;
			const finished = new Promise<IRun>((r) => (done = r));
			hooks.addHandler('workflowExecuteAfter', (run) => done(run));
			const data = createRunExecutionData({
				executionData: {
					nodeExecutionStack: [
						{
							node: workflow.getNode('Find Ana')!,
							data: { main: [[{ json: { toolCallId: 'call_1' } }]] },
							source: null,
						},
					],
				},
			});
			await new WorkflowExecute(
				additionalData(pkg, credentials, hooks),
				'manual',
				data,
			).processRunExecutionData(workflow);
			const run = await finished;
			expect(run.status).toBe('success');
			expect(run.data.resultData.runData['Find Leo'][0].data!.main[0]![0].json).toMatchObject({
				email: 'leo.fischer@example.com',
			});
			expect(calls(sandbox())).toEqual(['GET /v2/users/me', 'GET /v2/users', 'GET /v2/users']);
		});
	});

	describe('words a model can act on', () => {
		it('an unknown email says what to send instead, in the message itself', async () => {
			const { error } = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: byEmail('nobody@example.com') },
				credentials: admin(),
				input: [{ toolCallId: 'call_5' }],
				typeVersion: 1.2,
			});
			expect(error?.message).toBe(
				'No Harvest user has the email nobody@example.com: send the email of an existing user (User → Get Many lists them)',
			);
		});

		it('an email typed where an ID was expected is looked up by email; a blank user says what to send', async () => {
			const found = await runNode({
				parameters: {
					resource: 'user',
					operation: 'get',
					userId: { __rl: true, mode: 'id', value: ai('user') },
				},
				credentials: admin(),
				input: [{ user: 'leo.fischer@example.com', toolCallId: 'call_6' }],
				typeVersion: 1.2,
			});
			expect(found.json[0]).toMatchObject({ id: idOf(sandbox(), 'Leo') });
			const blank = await runNode({
				parameters: {
					resource: 'user',
					operation: 'get',
					userId: { __rl: true, mode: 'id', value: ai('user') },
				},
				credentials: admin(),
				input: [{ user: '', toolCallId: 'call_7' }],
				typeVersion: 1.2,
			});
			expect(blank.error?.message).toBe(
				"No user given: send the user's email (e.g. jane@example.com) or their numeric Harvest ID",
			);
		});

		it('the actions, which become the tool descriptions, say how the user is found', async () => {
			const { nodeTypes } = await loadPackage();
			const operation = (
				nodeTypes.getByName(NODE_TYPE).description as INodeTypeDescription
			).properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('user'),
			)!;
			const actions = Object.fromEntries(
				(operation.options as Array<{ value: string; action: string }>).map((o) => [
					o.value,
					o.action,
				]),
			);
			for (const op of ['get', 'update', 'archive', 'restore', 'delete'])
				expect(actions[op]).toMatch(/by ID or email/);
		});
	});

	describe('destructive operations kept away from agents', () => {
		it('Delete as a tool is refused before anything is sent, and the model is told to archive instead', async () => {
			const olivia = idOf(sandbox(), 'Olivia');
			const { error } = await runNode({
				parameters: { resource: 'user', operation: 'delete', userId: byId(olivia) },
				credentials: admin(),
				input: [{ toolCallId: 'call_8' }],
				typeVersion: 1.2,
			});
			expect(error?.message).toMatch(
				/^User → Delete is not available to an AI agent in this workflow: archive the user instead/,
			);
			expect(sandbox().log).toEqual([]);
			expect(user(olivia)).toBeDefined();
		});

		it('with "Allow When Used as an AI Tool" on, the tool deletes; outside tool use the switch changes nothing', async () => {
			const olivia = idOf(sandbox(), 'Olivia');
			const allowed = await runNode({
				parameters: {
					resource: 'user',
					operation: 'delete',
					userId: byId(olivia),
					allowAsTool: true,
				},
				credentials: admin(),
				input: [{ toolCallId: 'call_9' }],
				typeVersion: 1.2,
			});
			expect(allowed.json[0]).toMatchObject({ deleted: true });
			const daniel = idOf(sandbox(), 'Daniel');
			const plain = await runNode({
				parameters: { resource: 'user', operation: 'delete', userId: byId(daniel) },
				credentials: admin(),
				typeVersion: 1.2,
			});
			expect(plain.json[0]).toMatchObject({ deleted: true });
		});

		it('Reconcile as a tool is a dry run even with Dry Run off, and says so', async () => {
			const { json, status } = await runNode({
				parameters: {
					resource: 'user',
					operation: 'reconcile',
					dryRun: false,
					email: '={{ $json.email }}',
					firstName: '={{ $json.first }}',
					lastName: '={{ $json.last }}',
				},
				credentials: admin(),
				input: [
					{ email: 'new.person@example.com', first: 'New', last: 'Person', toolCallId: 'call_10' },
				],
				typeVersion: 1.2,
			});
			expect(status).toBe('success');
			expect(writes(sandbox())).toEqual([]);
			expect(json[json.length - 1]).toMatchObject({
				dryRun: true,
				action: 'summary',
				note: expect.stringMatching(/^Dry run forced/),
			});
		});
	});
});
