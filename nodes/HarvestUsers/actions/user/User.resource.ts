/**
 * The User resource: its operations, one line each, exported under the value saved workflows
 * store. Its Operation dropdown is built from them (../operations.ts); see CONTRIBUTING.md,
 * "Adding an operation".
 */
export * as archive from './archive.operation';
export * as create from './create.operation';
export * as delete from './delete.operation';
export * as get from './get.operation';
export * as getAll from './getAll.operation';
export * as me from './me.operation';
export * as reconcile from './reconcile.operation';
export * as restore from './restore.operation';
export * as update from './update.operation';
export * as upsert from './upsert.operation';
