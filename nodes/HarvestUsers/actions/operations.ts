import * as billableRate from './billableRate/BillableRate.resource';
import * as costRate from './costRate/CostRate.resource';
import * as projectAssignment from './projectAssignment/ProjectAssignment.resource';
import * as role from './role/Role.resource';
import * as taskAssignment from './taskAssignment/TaskAssignment.resource';
import * as teammate from './teammate/Teammate.resource';
import * as user from './user/User.resource';
import * as userAssignment from './userAssignment/UserAssignment.resource';

/** The node's resources, in the order of the Resource dropdown (alphabetical). */
export const resources = {
	billableRate: { name: 'Billable Rate', module: billableRate },
	costRate: { name: 'Cost Rate', module: costRate },
	projectAssignment: { name: 'Project Assignment', module: projectAssignment },
	role: { name: 'Role', module: role },
	taskAssignment: { name: 'Task Assignment', module: taskAssignment },
	teammate: { name: 'Teammate', module: teammate },
	user: { name: 'User', module: user },
	userAssignment: { name: 'User Assignment', module: userAssignment },
} as const;

export type HarvestResource = keyof typeof resources;

/** resource -> operation -> module. Adding an operation touches its resource file only. */
export const operations = Object.fromEntries(
	Object.entries(resources).map(([key, { module }]) => [key, module.operations]),
) as { [K in HarvestResource]: (typeof resources)[K]['module']['operations'] };
