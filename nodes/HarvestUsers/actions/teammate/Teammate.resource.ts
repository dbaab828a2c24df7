/**
 * The Teammate resource: its operations, one line each, exported under the value saved workflows
 * store. Its Operation dropdown is built from them (../operations.ts); see CONTRIBUTING.md,
 * "Adding an operation".
 */
export * as add from './add.operation';
export * as getAll from './getAll.operation';
export * as remove from './remove.operation';
export * as set from './set.operation';
