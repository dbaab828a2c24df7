/**
 * The Project Assignment resource: its operations, one line each, exported under the value saved workflows
 * store. Its Operation dropdown is built from them (../operations.ts); see CONTRIBUTING.md,
 * "Adding an operation".
 */
export * as getAll from './getAll.operation';
