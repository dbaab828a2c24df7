/**
 * Tests run the built package (dist/) through n8n's runtime, so `npm test` builds first.
 * The node's tests (test/) and the sandbox's own tests (sandbox/test/) are CommonJS TypeScript
 * (.cts, see CONTRIBUTING.md): they import each other as `./x.cjs`, which the resolver maps to
 * x.cts when there is no real x.cjs (a moduleNameMapper would also rewrite node_modules' .cjs).
 *
 * A compatibility matrix: every test runs with the n8n-core/n8n-workflow of devDependencies (n8n
 * 2.x), and every test that runs our nodes, trigger or credentials runs once more through the last
 * 1.x runtime (n8n 1.123: n8n-core 1.122.48, n8n-workflow 1.120.31), installed by
 * scripts/compat/n8n-libs.js into .compat/. For that project both packages are mapped to the side
 * folder for everything jest loads: the tests, the harness and dist/ as n8n's loader requires it.
 * Pick one with `npx jest --selectProjects 'n8n 2.41'` (or 'n8n 1.123').
 */
const { RUNTIMES, dirOf } = require('./scripts/compat/n8n-libs');

const base = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/sandbox'],
	testMatch: ['**/*.test.cts'],
	moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
	resolver: '<rootDir>/test/harness/resolver.js',
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/harness/setup-env.cts'],
};

/** The suites that run our nodes, trigger and credentials through n8n's runtime. */
const RUNS_NODES = [
	'<rootDir>/test/node/**/*.test.cts',
	'<rootDir>/test/trigger/**/*.test.cts',
	'<rootDir>/test/provisioning/**/*.test.cts',
	'<rootDir>/test/transport/**/*.test.cts',
	'<rootDir>/test/field/**/*.test.cts',
	'<rootDir>/test/compat/**/*.test.cts',
	'<rootDir>/test/foundation.test.cts',
	'<rootDir>/test/description.test.cts',
	'<rootDir>/test/oauth2.test.cts',
];

const compat = {
	...base,
	displayName: 'n8n 1.123',
	testMatch: RUNS_NODES,
	// also the @n8n packages a test reaches into next to n8n-core (its logger in the DI container):
	// they must be the instances this n8n-core uses, not the 2.x ones of devDependencies
	moduleNameMapper: {
		'^(n8n-core|n8n-workflow|@n8n/di|@n8n/backend-common)(/.*)?$': `${dirOf('n8n-1.x')}/node_modules/$1$2`,
	},
};
if (!RUNTIMES['n8n-1.x'])
	throw new Error('jest.config.js: scripts/compat/n8n-libs.js has no n8n-1.x runtime');

module.exports = {
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	reporters: ['default', '<rootDir>/test/harness/summaryReporter.js'],
	testTimeout: 60000,
	maxWorkers: 2,
	projects: [{ ...base, displayName: 'n8n 2.41' }, compat],
};
