/**
 * n8n's UX guideline, point by point, on the node's description and on its output through n8n's
 * runtime against the sandbox: deletes say `deleted: true`, Simplify (on by default from version
 * 1.1, off for workflows saved with version 1), placeholders, resource locators with the old plain
 * values still accepted, and a static timezone list.
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import {
	loadPackage,
	patCredential,
	runListSearch,
	runNode,
	runPoll,
	useSandbox,
} from '../harness/index.cjs';
import { renderUser } from '../../sandbox/src/routes/render.cjs';
import { HARVEST_TIMEZONES } from '../../nodes/HarvestUsers/rules/timezones';
import { byId, idOf, roleIdOf } from './people.cjs';

const SIMPLE_USER_FIELDS = [
	'id',
	'first_name',
	'last_name',
	'email',
	'is_active',
	'is_contractor',
	'access_roles',
	'roles',
	'weekly_capacity',
	'updated_at',
];

async function description(name: string): Promise<INodeTypeDescription> {
	const { loader } = await loadPackage();
	return loader.nodeTypes[name].type.description as INodeTypeDescription;
}

function shownFor(p: INodeProperties, resource: string, operation: string): boolean {
	const show = p.displayOptions?.show;
	return Boolean(
		(show?.resource as string[] | undefined)?.includes(resource) &&
			(show?.operation as string[] | undefined)?.includes(operation),
	);
}

/** Every property, collection options and fixedCollection values included. */
function allProperties(props: INodeProperties[]): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const p of props) {
		out.push(p);
		if (p.type === 'collection' && p.options)
			out.push(...allProperties(p.options as INodeProperties[]));
		if (p.type === 'fixedCollection' && p.options) {
			for (const group of p.options as Array<{ values?: INodeProperties[] }>)
				out.push(...allProperties(group.values ?? []));
		}
	}
	return out;
}

describe("n8n's UX guideline", () => {
	const sandbox = useSandbox();
	const admin = () => patCredential(sandbox(), 'admin');

	describe('Simplify', () => {
		it('user Get, Get Many and Get Me offer Simplify in versions 1 (off) and 1.1 (on); 1.2 replaces it with Output (test/node/aiTool.test.ts)', async () => {
			const desc = await description('harvestUsers');
			expect(desc.version).toEqual([1, 1.1, 1.2]);
			expect(desc.defaultVersion).toBe(1.2);
			for (const operation of ['get', 'getAll', 'me']) {
				const simple = desc.properties.filter(
					(p) => p.name === 'simple' && shownFor(p, 'user', operation),
				);
				expect(simple.map((p) => [p.displayName, p.type, p.default, p.description])).toEqual([
					[
						'Simplify',
						'boolean',
						false,
						'Whether to return a simplified version of the response instead of the raw data',
					],
					[
						'Simplify',
						'boolean',
						true,
						'Whether to return a simplified version of the response instead of the raw data',
					],
				]);
			}
		});

		it('the trigger offers Simplify the same way', async () => {
			const desc = await description('harvestUsersTrigger');
			expect(desc.version).toEqual([1, 1.1]);
			expect(desc.defaultVersion).toBe(1.1);
			const simple = desc.properties.filter((p) => p.name === 'simple');
			expect(simple.map((p) => [p.displayName, p.default])).toEqual([
				['Simplify', false],
				['Simplify', true],
			]);
		});

		it('Get, Get Many and Get Me return at most 10 fields ops people use by default (1.1), and Harvest’s object with Simplify off', async () => {
			const leo = idOf(sandbox(), 'Leo');
			const get = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: byId(leo) },
				credentials: admin(),
				typeVersion: 1.1,
			});
			expect(Object.keys(get.json[0]).sort()).toEqual([...SIMPLE_USER_FIELDS].sort());
			expect(get.json[0]).toMatchObject({
				id: leo,
				first_name: 'Leo',
				email: 'leo.fischer@example.com',
			});
			const all = await runNode({
				parameters: { resource: 'user', operation: 'getAll', returnAll: true },
				credentials: admin(),
				typeVersion: 1.1,
			});
			expect(all.json.length).toBeGreaterThan(1);
			expect(
				all.json.every((u) => Object.keys(u).every((k) => SIMPLE_USER_FIELDS.includes(k))),
			).toBe(true);
			const me = await runNode({
				parameters: { resource: 'user', operation: 'me' },
				credentials: admin(),
				typeVersion: 1.1,
			});
			expect(Object.keys(me.json[0]).sort()).toEqual([...SIMPLE_USER_FIELDS].sort());
			const raw = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: byId(leo), simple: false },
				credentials: admin(),
				typeVersion: 1.1,
			});
			// Harvest's object exactly as the API answers it, with the keys its docs never list (harvest-observed.md §1.1).
			expect(raw.json[0]).toEqual(
				JSON.parse(JSON.stringify(renderUser(sandbox().store.users.get(leo)!))),
			);
		});

		it('a workflow saved with version 1 keeps getting Harvest’s full object', async () => {
			const leo = idOf(sandbox(), 'Leo');
			const { json } = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: byId(leo) },
				credentials: admin(),
			});
			expect(json[0]).toEqual(
				expect.objectContaining({
					telephone: expect.any(String),
					timezone: expect.any(String),
					avatar_url: expect.any(String),
				}),
			);
		});

		it('the trigger emits the simplified user plus its event by default (1.1), the full user with Simplify off', async () => {
			const events = ['created', 'updated', 'archived', 'reactivated'];
			const simple = await runPoll({
				parameters: { events },
				credentials: admin(),
				mode: 'manual',
				typeVersion: 1.1,
			});
			const sample = simple.result![0].map((i) => i.json);
			expect(sample.length).toBeGreaterThan(0);
			for (const user of sample)
				expect(Object.keys(user).sort()).toEqual([...SIMPLE_USER_FIELDS, 'event'].sort());
			const raw = await runPoll({
				parameters: { events, simple: false },
				credentials: admin(),
				mode: 'manual',
				typeVersion: 1.1,
			});
			expect(raw.result![0][0].json).toEqual(
				expect.objectContaining({ telephone: expect.any(String), event: 'sample' }),
			);
			const v1 = await runPoll({ parameters: { events }, credentials: admin(), mode: 'manual' });
			expect(v1.result![0][0].json).toEqual(
				expect.objectContaining({ avatar_url: expect.any(String), event: 'sample' }),
			);
		});
	});

	describe('placeholders', () => {
		it('every text field shows a placeholder in the form "e.g. …"', async () => {
			for (const name of ['harvestUsers', 'harvestUsersTrigger']) {
				const desc = await description(name);
				// Poll Times is n8n's own field, added to every polling trigger by the loader.
				const missing = allProperties(desc.properties.filter((p) => p.name !== 'pollTimes'))
					.filter((p) => p.type === 'string' && !p.typeOptions?.password)
					.filter((p) => !/^e\.g\. /.test(String(p.placeholder ?? '')))
					.map((p) => p.name);
				expect({ node: name, missing }).toEqual({ node: name, missing: [] });
			}
		});

		it('every By ID / By URL mode of a resource locator shows an "e.g." placeholder', async () => {
			const desc = await description('harvestUsers');
			for (const p of desc.properties.filter((x) => x.type === 'resourceLocator')) {
				for (const mode of p.modes ?? []) {
					if (mode.type === 'list') continue;
					expect({ field: p.name, mode: mode.name, placeholder: mode.placeholder }).toEqual({
						field: p.name,
						mode: mode.name,
						placeholder: expect.stringMatching(/^e\.g\. /),
					});
				}
			}
		});
	});

	describe('resource locators', () => {
		it('roles, tasks, projects and user/task assignments are resource locators with From List and By ID; projects also By URL', async () => {
			const desc = await description('harvestUsers');
			for (const name of [
				'roleId',
				'taskId',
				'projectId',
				'userAssignmentId',
				'taskAssignmentId',
			]) {
				const props = desc.properties.filter((p) => p.name === name);
				expect(props.length).toBeGreaterThan(0);
				for (const p of props) {
					const modes = (p.modes ?? []).map((m) => m.name);
					expect({ name, type: p.type, modes }).toEqual({
						name,
						type: 'resourceLocator',
						modes: name === 'projectId' ? ['list', 'id', 'url'] : ['list', 'id'],
					});
				}
			}
		});

		it('a project can be given by its Harvest URL', async () => {
			const project = sandbox().store.projects.values()[0];
			const url = `https://sandbox-co.harvestapp.com/projects/${project.id}`;
			const { status, json } = await runNode({
				parameters: {
					resource: 'userAssignment',
					operation: 'getAll',
					scope: 'project',
					projectId: { __rl: true, mode: 'url', value: url },
					returnAll: true,
				},
				credentials: admin(),
			});
			expect(status).toBe('success');
			expect(sandbox().log.map((r) => r.path)).toContain(
				`/v2/projects/${project.id}/user_assignments`,
			);
			expect(json.every((a) => (a.project as { id: number }).id === project.id)).toBe(true);
		});

		it('a role picked from the list works, and so does the plain ID of a workflow saved before the locator', async () => {
			const developer = roleIdOf(sandbox(), 'Developer');
			const fromList = await runNode({
				parameters: {
					resource: 'role',
					operation: 'get',
					roleId: { __rl: true, mode: 'list', value: developer },
				},
				credentials: admin(),
			});
			expect(fromList.json).toEqual([
				expect.objectContaining({ id: developer, name: 'Developer' }),
			]);
			const plain = await runNode({
				parameters: { resource: 'role', operation: 'get', roleId: developer },
				credentials: admin(),
			});
			expect(plain.json).toEqual(fromList.json);
		});

		it('lists roles, tasks and the chosen project’s assignments; project results carry their Harvest URL', async () => {
			const roles = await runListSearch('searchRoles', {}, admin(), 'dev');
			expect(roles.results).toEqual([
				{ name: 'Developer', value: roleIdOf(sandbox(), 'Developer') },
			]);
			const tasks = await runListSearch('searchTasks', {}, admin());
			expect(tasks.results.length).toBe(
				sandbox()
					.store.tasks.values()
					.filter((t) => t.is_active).length,
			);
			const project = sandbox()
				.store.projects.values()
				.find((p) => p.code === 'MW')!;
			const projectId = { __rl: true, mode: 'list', value: project.id };
			const people = await runListSearch('searchUserAssignments', { projectId }, admin());
			expect(people.results.length).toBe(
				sandbox()
					.store.userAssignments.list()
					.filter((a) => a.project_id === project.id).length,
			);
			const taskAssignments = await runListSearch('searchTaskAssignments', { projectId }, admin());
			expect(taskAssignments.results.length).toBe(
				sandbox()
					.store.taskAssignments.list()
					.filter((a) => a.project_id === project.id).length,
			);
			expect((await runListSearch('searchUserAssignments', {}, admin())).results).toEqual([]);
			const projects = await runListSearch('searchProjects', {}, admin());
			expect(projects.results).toContainEqual(
				expect.objectContaining({
					value: project.id,
					url: `https://sandbox-co.harvestapp.com/projects/${project.id}`,
				}),
			);
		});
	});

	describe('timezones', () => {
		it('are a static list of Harvest’s own names (no request), sorted as n8n requires', async () => {
			const desc = await description('harvestUsers');
			const fields = allProperties(desc.properties).filter((p) => p.name === 'timezone');
			expect(fields.length).toBeGreaterThan(0);
			for (const field of fields) {
				expect(field.type).toBe('options');
				expect(field.typeOptions?.loadOptionsMethod).toBeUndefined();
				const values = (field.options as INodePropertyOptions[]).map((o) => o.value);
				expect([...values].sort()).toEqual(HARVEST_TIMEZONES.map(([harvest]) => harvest).sort());
				const names = (field.options as INodePropertyOptions[]).map((o) => o.name);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
		});
	});
});
