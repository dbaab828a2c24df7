import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { byName } from '../display/labels';
import * as billableRate from './billableRate/BillableRate.resource';
import * as costRate from './costRate/CostRate.resource';
import * as projectAssignment from './projectAssignment/ProjectAssignment.resource';
import * as role from './role/Role.resource';
import * as taskAssignment from './taskAssignment/TaskAssignment.resource';
import * as teammate from './teammate/Teammate.resource';
import * as user from './user/User.resource';
import * as userAssignment from './userAssignment/UserAssignment.resource';
import type { OperationModule, ResourceOperations } from './shared/types';

/** The node's Resource dropdown, alphabetical. */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	// Alphabetical, as n8n's verification scanner requires (node-param-options-type-unsorted-items),
	// even though the add-node panel would then list User actions first if User came first.
	options: [
		{ name: 'Billable Rate', value: 'billableRate' },
		{ name: 'Cost Rate', value: 'costRate' },
		{ name: 'Project Assignment', value: 'projectAssignment' },
		{ name: 'Role', value: 'role' },
		{ name: 'Task Assignment', value: 'taskAssignment' },
		{ name: 'Teammate', value: 'teammate' },
		{ name: 'User', value: 'user' },
		{ name: 'User Assignment', value: 'userAssignment' },
	],
	default: 'user',
};

/**
 * resource -> operation -> module: what the router dispatches to and everything below is built
 * from. `satisfies` checks each module against shared/types.ts, so one that lacks its option, fields,
 * execute or record parameter does not compile.
 */
export const operations = {
	billableRate,
	costRate,
	projectAssignment,
	role,
	taskAssignment,
	teammate,
	user,
	userAssignment,
} satisfies Record<string, ResourceOperations>;

export type HarvestResource = keyof typeof operations;

/**
 * A resource's modules in the order of their values. Sorted here rather than taken in import
 * order, which CommonJS keeps and an ES module namespace does not.
 */
function modulesOf(resource: ResourceOperations): OperationModule[] {
	return Object.keys(resource)
		.sort()
		.map((operation) => resource[operation]);
}

/**
 * A resource's Operation dropdown, from its modules. Alphabetical by name, the order n8n's lint
 * wants a literal list in (node-param-options-type-unsorted-items); a built list is beyond the
 * lint, so test/unit/operationModules.test.ts lints the built dropdowns instead.
 */
function operationProperty(resource: string, modules: OperationModule[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: modules.map((module) => module.option).sort(byName),
		default: 'getAll',
	};
}

/** Each resource's Operation dropdown and the fields of its operations, in Resource dropdown order. */
export const resourceDescriptions: INodeProperties[] = Object.entries(operations).flatMap(
	([resource, operationsOfResource]) => {
		const modules = modulesOf(operationsOfResource);
		return [
			operationProperty(resource, modules),
			...modules.flatMap((module) => module.description),
		];
	},
);

/** "Billable Rate → Get Many": the names a person sees in the node, for messages and error items. */
export function operationLabel(resource: string, operation: string): string {
	const resourceOption = (resourceProperty.options as INodePropertyOptions[]).find(
		(option) => option.value === resource,
	);
	const module = (operations as Record<string, ResourceOperations>)[resource]?.[operation];
	return `${resourceOption?.name ?? resource} → ${module?.option.name ?? operation}`;
}
