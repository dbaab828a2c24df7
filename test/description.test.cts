/**
 * Invariants over the node descriptions n8n loads: the public contract of resource and operation
 * values, and the mistakes copy-paste invites (a list without Return All, an ID field labelled for
 * another resource, a default that is not one of its options).
 */
import { readFileSync } from 'fs';
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { join } from 'path';

import { loadPackage, PACKAGE_ROOT } from './harness/index.cjs';

const CONTRACT: Record<string, string[]> = {
	user: [
		'getAll',
		'get',
		'me',
		'create',
		'update',
		'archive',
		'restore',
		'delete',
		'upsert',
		'reconcile',
	],
	teammate: ['getAll', 'set', 'add', 'remove'],
	billableRate: ['getAll', 'get', 'create'],
	costRate: ['getAll', 'get', 'create'],
	projectAssignment: ['getAll'],
	userAssignment: ['getAll', 'get', 'create', 'update', 'delete'],
	taskAssignment: ['getAll', 'get', 'create', 'update', 'delete'],
	role: ['getAll', 'get', 'create', 'update', 'delete', 'addUsers', 'removeUsers'],
};

async function description(name: string): Promise<INodeTypeDescription> {
	const { loader } = await loadPackage();
	return loader.nodeTypes[name].type.description as INodeTypeDescription;
}

function operationsOf(desc: INodeTypeDescription, resource: string): INodePropertyOptions[] {
	const prop = desc.properties.find(
		(p) =>
			p.name === 'operation' &&
			(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
	);
	return (prop?.options ?? []) as INodePropertyOptions[];
}

function fieldsOf(
	desc: INodeTypeDescription,
	resource: string,
	operation: string,
): INodeProperties[] {
	return desc.properties.filter((p) => {
		const show = p.displayOptions?.show;
		return (
			(show?.resource as string[] | undefined)?.includes(resource) &&
			(show?.operation as string[] | undefined)?.includes(operation)
		);
	});
}

describe('node description invariants', () => {
	it('offers exactly the resources and operations of the public contract', async () => {
		const desc = await description('harvestUsers');
		const resources = (
			desc.properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]
		).map((o) => o.value);
		expect([...resources].sort()).toEqual(Object.keys(CONTRACT).sort());
		for (const [resource, ops] of Object.entries(CONTRACT)) {
			expect(
				operationsOf(desc, resource)
					.map((o) => o.value)
					.sort(),
			).toEqual([...ops].sort());
		}
	});

	it('has no operation left as a stub', () => {
		const stubs: string[] = [];
		const walk = (dir: string) => {
			for (const entry of require('fs').readdirSync(dir, { withFileTypes: true }) as Array<{
				name: string;
				isDirectory(): boolean;
			}>) {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) walk(path);
				else if (readFileSync(path, 'utf8').includes('// STUB:')) stubs.push(path);
			}
		};
		walk(join(PACKAGE_ROOT, 'nodes'));
		expect(stubs).toEqual([]);
	});

	it('gives every Get Many operation Return All and Limit', async () => {
		const desc = await description('harvestUsers');
		for (const [resource, ops] of Object.entries(CONTRACT)) {
			if (!ops.includes('getAll')) continue;
			const names = fieldsOf(desc, resource, 'getAll').map((p) => p.name);
			expect({
				resource,
				returnAll: names.includes('returnAll'),
				limit: names.includes('limit'),
			}).toEqual({
				resource,
				returnAll: true,
				limit: true,
			});
		}
	});

	it('labels every ID field with the resource it identifies', async () => {
		const desc = await description('harvestUsers');
		// A manager is a user: the teammate operations say which user they mean.
		const synonyms: Record<string, string[]> = { user: ['user', 'manager'] };
		for (const prop of desc.properties) {
			const match = /^(\w+)Id$/.exec(prop.name);
			if (!match) continue;
			const noun = match[1]
				.replace(/([A-Z])/g, ' $1')
				.toLowerCase()
				.trim()
				.split(' ')
				.pop()!;
			const label = prop.displayName.toLowerCase();
			const ok = (synonyms[noun] ?? [noun]).some((word) => label.includes(word));
			expect({ name: prop.name, label, ok }).toEqual({ name: prop.name, label, ok: true });
		}
	});

	it('uses a default that is one of the options, everywhere', async () => {
		for (const name of ['harvestUsers', 'harvestUsersTrigger']) {
			const desc = await description(name);
			const check = (props: INodeProperties[]) => {
				for (const p of props) {
					const values = ((p.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
					const isStatic = !p.typeOptions?.loadOptionsMethod;
					if (p.type === 'options' && isStatic && p.default !== '') {
						expect({
							field: p.name,
							default: p.default,
							ok: values.includes(p.default as string),
						}).toMatchObject({ ok: true });
					}
					if (p.type === 'multiOptions' && isStatic) {
						const unknown = (p.default as string[]).filter((d) => !values.includes(d));
						expect({ field: p.name, unknown }).toEqual({ field: p.name, unknown: [] });
					}
					if (p.type === 'collection' && p.options) check(p.options as INodeProperties[]);
				}
			};
			check(desc.properties);
		}
	});

	it('is usable as an AI tool, and the trigger is not', async () => {
		expect((await description('harvestUsers')).usableAsTool).toBe(true);
		expect((await description('harvestUsersTrigger')).usableAsTool).toBeFalsy();
	});

	it('lists every resource and operation in the README', async () => {
		const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
		const desc = await description('harvestUsers');
		const missing: string[] = [];
		for (const resource of Object.keys(CONTRACT)) {
			for (const op of operationsOf(desc, resource)) {
				if (!readme.includes(`\`${resource}\` → \`${op.value}\``))
					missing.push(`${resource} → ${op.value}`);
			}
		}
		expect(missing).toEqual([]);
	});
});

/**
 * What an ops person sees in the editor. n8n's add-node panel merges a node and its trigger into
 * one entry when the trigger's name is the node's name + "Trigger" (ours are), and shows the
 * trigger's description on that entry (editor-ui's useActionsGenerator: `app.description =
 * trigger.description`). Node names are public contract, so the trigger's text must describe both.
 */
describe('in the editor', () => {
	const mergedEntry = (action: INodeTypeDescription, trigger: INodeTypeDescription) =>
		trigger.name.replace('Trigger', '') === action.name
			? { name: action.displayName, description: trigger.description }
			: undefined;

	it('gives the merged "Harvest Users" entry of the add-node panel a description of the provisioning node, not only of the trigger', async () => {
		const action = await description('harvestUsers');
		const trigger = await description('harvestUsersTrigger');
		const entry = mergedEntry(action, trigger);
		expect(entry?.name).toBe('Harvest Users');
		// the provisioning node's own words, and the trigger's
		for (const word of [
			/provision/i,
			/create/i,
			/archive/i,
			/reconcile/i,
			/assignments/i,
			/roles/i,
			/when .*change/i,
		]) {
			expect({
				description: entry?.description,
				word: String(word),
				found: word.test(entry?.description ?? ''),
			}).toMatchObject({ found: true });
		}
	});

	it("lists the resources alphabetically, as n8n's verification scanner requires (not User first)", async () => {
		// Issue #16 asked for User actions first in the add-node panel (n8n follows the Resource
		// options order), but @n8n/scan-community-package rejects an unsorted options list
		// (node-param-options-type-unsorted-items, inline overrides ignored): the gate wins.
		const action = await description('harvestUsers');
		const names = (
			action.properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]
		).map((o) => o.name);
		expect(names).toEqual([...names].sort());
		expect(names).toContain('User');
	});

	it("has an icon of its own, a person on Harvest's orange, not the H that n8n's built-in Harvest node shows", async () => {
		for (const name of ['harvestUsers', 'harvestUsersTrigger']) {
			// n8n's loader turns `icon: file:…` into `iconUrl` paths below the package's dist/
			const desc = await description(name);
			const icon = (desc.iconUrl ?? desc.icon) as { light: string; dark: string };
			for (const file of [icon.light, icon.dark]) {
				const svg = readFileSync(
					join(
						PACKAGE_ROOT,
						'nodes/HarvestUsers',
						file
							.split('/')
							.pop()!
							.replace(/^file:/, ''),
					),
					'utf8',
				);
				expect({ file, title: svg.match(/<title>([^<]*)<\/title>/)?.[1] }).toEqual({
					file,
					title: 'Harvest Users',
				});
				// a head (circle) and shoulders: the user glyph; no letter H path
				expect(svg).toMatch(/<circle [^>]*r="\d/);
				expect(svg).not.toMatch(/M17 14h8v14h14V14h8v36h-8V36H25v14h-8z/);
			}
		}
	});

	it('names a node added without an action "Harvest Users", distinct from the built-in "Harvest"', async () => {
		expect((await description('harvestUsers')).defaults.name).toBe('Harvest Users');
		expect((await description('harvestUsersTrigger')).defaults.name).toBe('Harvest Users Trigger');
	});

	it('shows under the token field which role the token needs', async () => {
		const { loader } = await loadPackage();
		const token = loader.credentialTypes.harvestUsersApi.type.properties.find(
			(p: INodeProperties) => p.name === 'accessToken',
		)!;
		expect(token.hint).toMatch(/Administrator/);
	});

	/** Every property, with the collection or fixed collection it sits in (n8n evaluates displayOptions there). */
	const allProperties = (
		props: INodeProperties[],
		path = '',
	): Array<{ prop: INodeProperties; path: string }> =>
		props.flatMap((prop) => {
			const nested = (prop.options ?? []).flatMap((o) =>
				'type' in o
					? allProperties([o as INodeProperties], `${path}${prop.name}.`)
					: 'values' in o
						? allProperties(o.values, `${path}${prop.name}.${o.name}.`)
						: [],
			);
			return [{ prop, path }, ...nested];
		});

	it('never bounds a number field the editor would silently change (-5 h became 5 h); the node validates instead', async () => {
		// n8n's number input drops a minus sign below minValue and clamps to maxValue without a word.
		// Only Limit (a read size; n8n's lint requires minValue 1) and the request tuning knobs
		// (Max Retries, Parallel Requests: how, not what, is sent) keep their bounds.
		const bounded: string[] = [];
		for (const name of ['harvestUsers', 'harvestUsersTrigger']) {
			for (const { prop, path } of allProperties((await description(name)).properties)) {
				const options = prop.typeOptions ?? {};
				if (
					prop.type !== 'number' ||
					(options.minValue === undefined && options.maxValue === undefined)
				)
					continue;
				if (
					[
						'limit',
						'requestOptions.maxRetries',
						'options.maxRetries',
						'requestOptions.parallelRequests',
					].includes(path + prop.name)
				)
					continue;
				if (path.startsWith('pollTimes.')) continue; // n8n's own Poll Times field
				bounded.push(`${name}: ${path}${prop.name}`);
			}
		}
		expect(bounded).toEqual([]);
	});

	it('offers Manager Permissions only when the Access Role is Manager (or an expression), in every collection', async () => {
		const desc = await description('harvestUsers');
		const found = allProperties(desc.properties).filter(
			({ prop }) => prop.name === 'managerPermissions',
		);
		expect(found.length).toBeGreaterThanOrEqual(4);
		for (const { prop } of found) {
			const shown = (values: INodeParameters) =>
				NodeHelpers.displayParameter(values, prop, null, null);
			expect({ path: prop.name, member: shown({ accessRole: 'member' }) }).toEqual({
				path: prop.name,
				member: false,
			});
			expect(shown({ accessRole: 'administrator' })).toBe(false);
			expect(shown({})).toBe(false);
			expect(shown({ accessRole: 'manager' })).toBe(true);
			expect(shown({ accessRole: '={{ $json.role }}' })).toBe(true);
		}
	});

	it("names a user action differently from n8n's built-in Harvest node, so a node added from the actions panel is told apart", async () => {
		// n8n-nodes-base 2.41.1, nodes/Harvest/UserDescription: the default names its nodes get
		const builtIn = [
			'Create a user',
			'Delete a user',
			'Get data of a user',
			'Get data of all users',
			'Get data of authenticated user',
			'Update a user',
		];
		const desc = await description('harvestUsers');
		const ours = Object.keys(CONTRACT).flatMap((resource) =>
			operationsOf(desc, resource).map((o) => o.action),
		);
		expect(ours.filter((action) => builtIn.includes(action as string))).toEqual([]);
		expect(ours.every(Boolean)).toBe(true);
	});

	it('speaks hours, never seconds, in every label and option a user reads (Watch Fields said "Weekly Capacity (Seconds)")', async () => {
		const seconds: string[] = [];
		for (const name of ['harvestUsers', 'harvestUsersTrigger']) {
			const { loader } = await loadPackage();
			const desc = loader.nodeTypes[name].type.description as INodeTypeDescription;
			for (const { prop, path } of allProperties(desc.properties)) {
				if (path.startsWith('pollTimes.')) continue; // n8n's own Poll Times field (cron seconds)
				// Labels a user reads as units; descriptions may still cite Harvest's "100 requests per 15 seconds"
				const texts = [
					prop.displayName,
					...((prop.options ?? []) as INodePropertyOptions[]).map((o) => o.name),
				];
				if (texts.some((t) => /second/i.test(String(t ?? ''))))
					seconds.push(`${name}: ${prop.name}`);
			}
		}
		expect(seconds).toEqual([]);
	});
});
