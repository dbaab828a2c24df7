import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as billableRate from './billableRate/BillableRate.resource';
import * as costRate from './costRate/CostRate.resource';
import * as projectAssignment from './projectAssignment/ProjectAssignment.resource';
import * as role from './role/Role.resource';
import * as taskAssignment from './taskAssignment/TaskAssignment.resource';
import * as teammate from './teammate/Teammate.resource';
import * as user from './user/User.resource';
import * as userAssignment from './userAssignment/UserAssignment.resource';

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

const resources = { billableRate, costRate, projectAssignment, role, taskAssignment, teammate, user, userAssignment };

export type HarvestResource = keyof typeof resources;

/** Each resource's Operation dropdown and the fields of its operations, in Resource dropdown order. */
export const resourceDescriptions: INodeProperties[] = Object.values(resources).flatMap((resource) => resource.description);

/** resource -> operation -> module. Adding an operation touches its resource file only. */
export const operations = {
	billableRate: billableRate.operations,
	costRate: costRate.operations,
	projectAssignment: projectAssignment.operations,
	role: role.operations,
	taskAssignment: taskAssignment.operations,
	teammate: teammate.operations,
	user: user.operations,
	userAssignment: userAssignment.operations,
};

/** "Billable Rate → Get Many": the names a person sees in the node, for messages and error items. */
export function operationLabel(resource: string, operation: string): string {
	const displayName = (options: INodeProperties['options'], value: string) =>
		(options as INodePropertyOptions[] | undefined)?.find((option) => option.value === value)?.name ?? value;
	const dropdown = resources[resource as HarvestResource]?.description.find((property) => property.name === 'operation');
	return `${displayName(resourceProperty.options, resource)} → ${displayName(dropdown?.options, operation)}`;
}
