// The lab's own lint: the sandbox, the node's tests and harness, and the e2e, queue, demo and bench
// tooling (`npm run lint:lab`). They are Node programs, not node code, so n8n's community rules
// (no Node built-ins, no process or timers) do not apply to them; `n8n-node lint` (eslint.config.mjs,
// n8n's template, which must stay exactly as it is) does not read .cts files. See CONTRIBUTING.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'.n8n-e2e/**',
			'.demo/**',
			'.cache/**',
			'nodes/**',
			'credentials/**',
			'coverage/**',
		],
	},
	{
		files: ['**/*.cts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			// CommonJS on purpose: the harness loads the built package (dist/) and the .js tooling with require.
			'@typescript-eslint/no-require-imports': 'off',
			// A leading underscore marks a value kept for its position (destructuring, callbacks).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['sandbox/**/*.cjs', 'scripts/**/*.js', 'test/**/*.js', '*.js'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022, globals: { ...globals.node } },
	},
	{
		// Functions these two send to Chromium run in the page, where the browser's globals exist.
		files: ['scripts/screenshots.js', 'scripts/lib/cdp.js'],
		languageOptions: { globals: { ...globals.browser } },
	},
);
