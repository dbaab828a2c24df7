/**
 * The operation modules are the one place an operation is described (actions/shared/types.ts): the
 * Operation dropdowns, the router's map and the record keys are built from them. What the types
 * cannot say is checked here: a module's value matches the name its resource exports it under
 * and its fields' displayOptions, and the built dropdowns still pass the n8n lint rules that
 * checked them when they were literal lists (the lint reads source text, so it skips built ones).
 */
import { Linter } from 'eslint';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import tseslint from 'typescript-eslint';

// The plugin comes with @n8n/node-cli (n8n-node lint's own copy, so the same version as the
// lint); no type declarations ship with it: only its rules and its `nodes` rule set are used.
const n8nNodesBase = require(
	require.resolve('eslint-plugin-n8n-nodes-base', {
		paths: [require.resolve('@n8n/node-cli/eslint')],
	}),
) as {
	configs: { nodes: { rules: Linter.RulesRecord } };
};

import { operations, resourceDescriptions } from '../../nodes/HarvestUsers/actions/operations';
import type { OperationModule } from '../../nodes/HarvestUsers/actions/shared/types';

const modules = Object.entries(operations).flatMap(([resource, ofResource]) =>
	Object.entries(ofResource as Record<string, OperationModule>).map(([name, module]) => ({
		resource,
		name,
		module,
	})),
);

/** A value as TypeScript source, keys unquoted: the shape the lint rules look for. */
function toSource(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(toSource).join(', ')}]`;
	if (value && typeof value === 'object') {
		return `{ ${Object.entries(value)
			.map(
				([key, entry]) =>
					`${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${toSource(entry)}`,
			)
			.join(', ')} }`;
	}
	return JSON.stringify(value);
}

/** Findings of n8n's node description rules (the set `npm run lint` applies to nodes/) on a source text. */
function lintFindings(source: string): string[] {
	const linter = new Linter({ configType: 'flat' });
	const messages = linter.verify(
		source,
		[
			{
				files: ['**/*.ts'],
				languageOptions: {
					parser: tseslint.parser as Linter.Parser,
					parserOptions: { sourceType: 'module' },
				},
				plugins: {
					'n8n-nodes-base': n8nNodesBase as unknown as NonNullable<
						Linter.Config['plugins']
					>[string],
				},
				rules: n8nNodesBase.configs.nodes.rules,
			},
		],
		'nodes/HarvestUsers/operationDropdowns.ts',
	);
	return messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const dropdowns = (): INodeProperties[] =>
	resourceDescriptions.filter((property) => property.name === 'operation');

describe('operation modules', () => {
	it('each exports its value under that name, and shows its fields for that resource and operation only', () => {
		expect(modules.length).toBeGreaterThan(30);
		const wrong = modules.flatMap(({ resource, name, module }) => [
			...(module.option.value === name
				? []
				: [`${resource}.${name}: option.value is ${module.option.value}`]),
			...module.description
				.filter((field) => {
					const show = field.displayOptions?.show ?? {};
					return (
						JSON.stringify([show.resource, show.operation]) !== JSON.stringify([[resource], [name]])
					);
				})
				.map(
					(field) =>
						`${resource}.${name}: ${field.name} shows for ${JSON.stringify(field.displayOptions?.show)}`,
				),
		]);
		expect(wrong).toEqual([]);
	});

	it('build one Operation dropdown per resource, alphabetical by name, with every operation of the resource', () => {
		for (const [resource, ofResource] of Object.entries(operations)) {
			const dropdown = dropdowns().find((p) =>
				(p.displayOptions?.show?.resource as string[]).includes(resource),
			)!;
			const options = dropdown.options as INodePropertyOptions[];
			expect(options.map((o) => o.value).sort()).toEqual(Object.keys(ofResource).sort());
			expect(options.map((o) => o.name)).toEqual(
				options.map((o) => o.name).sort((a, b) => a.localeCompare(b)),
			);
		}
	});

	it("pass n8n's lint rules for options and operations, as the literal lists did", () => {
		expect(lintFindings(`export const operationDropdowns = ${toSource(dropdowns())};\n`)).toEqual(
			[],
		);
	});

	it('would be caught by those rules if a built dropdown were out of order or miscased (the lint check above is live)', () => {
		const [first] = dropdowns();
		const options = [...(first.options as INodePropertyOptions[])];
		const broken = {
			...first,
			options: [{ ...options[0], action: 'Create A Billable Rate' }, ...options.slice(1)].reverse(),
		};
		// Five or more items are needed for the sort rule to apply; the first resource has three.
		const padded = {
			...broken,
			options: [
				...broken.options,
				...['V', 'W', 'X'].map((n) => ({ ...options[0], name: n, value: n })),
			],
		};
		const findings = lintFindings(`export const operationDropdowns = ${toSource([padded])};\n`);
		expect(findings).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^n8n-nodes-base\/node-param-options-type-unsorted-items:/),
				expect.stringMatching(/^n8n-nodes-base\/node-param-operation-option-action-miscased:/),
			]),
		);
	});
});
