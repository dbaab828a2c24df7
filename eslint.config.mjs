// The rules n8n applies to community nodes: the current @n8n/eslint-plugin-community-nodes
// (recommended), the older eslint-plugin-n8n-nodes-base community rules, which still catch
// description and package.json mistakes the new plugin does not, and the general JS/TS rules
// `n8n-node lint` adds. n8n's own gate is `npm run verify` (its scanner, with its own config).
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const legacy = (config) => ({ 'n8n-nodes-base': n8nNodesBase, rules: config.rules });

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'sandbox/**', 'examples/**', '.n8n-e2e/**', '.demo/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	// The general rules `n8n-node lint` adds for nodes and credentials (its default config).
	...[js.configs.recommended, ...tseslint.configs.recommended].map((config) => ({
		...config,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	})),
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts'], rules: { 'prefer-spread': 'off', 'no-console': 'error' } },
	n8nCommunityNodesPlugin.configs.recommended,
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: legacy(n8nNodesBase.configs.community).rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Our credential classes carry their documentation URL; the rule wants a camelCase slug.
			// n8n's scanner and `n8n-node lint` switch it off for community nodes as well.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// The legacy rules want `['main']`; the current plugin (node-connection-type-literal)
			// wants NodeConnectionTypes.Main. The current one wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-trigger-node': 'off',
		},
	},
];
