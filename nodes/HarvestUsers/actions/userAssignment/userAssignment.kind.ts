import { isActiveFilter, updatedSinceFilter } from '../shared/common.descriptions';
import { assignmentFields, type AssignmentKind } from '../shared/assignments';

export const USER_ASSIGNMENT: AssignmentKind = {
	resource: 'userAssignment',
	segment: 'user_assignments',
	idParameter: 'userAssignmentId',
	loadOptionsMethod: 'getUserAssignments',
	title: 'User Assignment',
	assigned: 'user',
	filters: [
		isActiveFilter('user assignments'),
		updatedSinceFilter,
		{
			displayName: 'User Name or ID',
			name: 'user_id',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: '',
			description:
				'Only this user\'s assignments. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	fields: [
		assignmentFields.isActive('user assignment'),
		assignmentFields.amount('budget', "the project's budget is by person"),
		assignmentFields.amount('hourlyRate', 'the project bills by People and Use Default Rates is off'),
		assignmentFields.flag('is_project_manager', {
			displayName: 'Project Manager',
			name: 'isProjectManager',
			type: 'boolean',
			default: false,
			description: 'Whether the user manages this project (when left out, Harvest makes Managers and Administrators project managers)',
		}),
		assignmentFields.flag('use_default_rates', {
			displayName: 'Use Default Rates',
			name: 'useDefaultRates',
			type: 'boolean',
			default: true,
			description:
				"Whether the project bills the user's default billable rate; off bills the Hourly Rate set here (projects billed by People only)",
		}),
	],
};
