/**
 * The Cost Rate resource: its operations, one line each, exported under the value saved workflows
 * store. Its Operation dropdown is built from them (../operations.ts); see CONTRIBUTING.md,
 * "Adding an operation".
 */
export * as create from './create.operation';
export * as get from './get.operation';
export * as getAll from './getAll.operation';
