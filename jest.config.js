/**
 * Tests run the built package (dist/) through n8n's runtime, so `npm test` builds first.
 * The node's tests (test/) and the sandbox's own tests (sandbox/test/) are CommonJS TypeScript
 * (.cts, see CONTRIBUTING.md): they import each other as `./x.cjs`, which the resolver maps to
 * x.cts when there is no real x.cjs (a moduleNameMapper would also rewrite node_modules' .cjs).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/sandbox'],
	testMatch: ['**/*.test.cts'],
	moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
	resolver: '<rootDir>/test/harness/resolver.js',
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	setupFiles: ['<rootDir>/test/harness/setup-env.cts'],
	reporters: ['default', '<rootDir>/test/harness/summaryReporter.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
