/**
 * Invariants over the node descriptions n8n loads: the public contract of resource and operation
 * values, and the mistakes copy-paste invites (a list without Return All, an ID field labelled for
 * another resource, a default that is not one of its options).
 */
import { readFileSync } from 'fs';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { join } from 'path';

import { loadPackage, PACKAGE_ROOT } from './harness';

const CONTRACT: Record<string, string[]> = {
	user: ['getAll', 'get', 'me', 'create', 'update', 'archive', 'restore', 'delete', 'upsert', 'reconcile'],
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
		(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
	);
	return (prop?.options ?? []) as INodePropertyOptions[];
}

function fieldsOf(desc: INodeTypeDescription, resource: string, operation: string): INodeProperties[] {
	return desc.properties.filter((p) => {
		const show = p.displayOptions?.show;
		return (show?.resource as string[] | undefined)?.includes(resource) && (show?.operation as string[] | undefined)?.includes(operation);
	});
}

describe('node description invariants', () => {
	it('offers exactly the resources and operations of the public contract', async () => {
		const desc = await description('harvestUsers');
		const resources = (desc.properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]).map((o) => o.value);
		expect([...resources].sort()).toEqual(Object.keys(CONTRACT).sort());
		for (const [resource, ops] of Object.entries(CONTRACT)) {
			expect(operationsOf(desc, resource).map((o) => o.value).sort()).toEqual([...ops].sort());
		}
	});

	it('has no operation left as a stub', () => {
		const stubs: string[] = [];
		const walk = (dir: string) => {
			for (const entry of require('fs').readdirSync(dir, { withFileTypes: true }) as Array<{ name: string; isDirectory(): boolean }>) {
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
			expect({ resource, returnAll: names.includes('returnAll'), limit: names.includes('limit') }).toEqual({
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
			const noun = match[1].replace(/([A-Z])/g, ' $1').toLowerCase().trim().split(' ').pop()!;
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
						expect({ field: p.name, default: p.default, ok: values.includes(p.default as string) }).toMatchObject({ ok: true });
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
				if (!readme.includes(`\`${resource}\` → \`${op.value}\``)) missing.push(`${resource} → ${op.value}`);
			}
		}
		expect(missing).toEqual([]);
	});
});
