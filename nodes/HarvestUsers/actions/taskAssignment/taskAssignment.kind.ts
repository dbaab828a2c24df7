import { isActiveFilter, updatedSinceFilter } from '../shared/common.descriptions';
import { assignmentFields, type AssignmentKind } from '../shared/assignments';

export const TASK_ASSIGNMENT: AssignmentKind = {
	resource: 'taskAssignment',
	segment: 'task_assignments',
	idParameter: 'taskAssignmentId',
	loadOptionsMethod: 'getTaskAssignments',
	title: 'Task Assignment',
	assigned: 'task',
	filters: [isActiveFilter('task assignments'), updatedSinceFilter],
	fields: [
		assignmentFields.isActive('task assignment'),
		assignmentFields.flag('billable', {
			displayName: 'Billable',
			name: 'billable',
			type: 'boolean',
			default: false,
			description: 'Whether all time tracked to this task on this project is billable',
		}),
		assignmentFields.amount('budget', "the project's budget is by task or by task fees"),
		assignmentFields.amount('hourlyRate', 'the project bills by Tasks'),
	],
};
