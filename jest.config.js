/** Tests run the built package (dist/) through n8n's runtime, so `npm test` builds first. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
	reporters: ['default', '<rootDir>/test/harness/summaryReporter.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
