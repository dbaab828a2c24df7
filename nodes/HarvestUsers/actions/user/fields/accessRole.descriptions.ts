import type { INodeProperties } from 'n8n-workflow';

/** Access Role and Manager Permissions: Harvest's `access_roles`, split the way the editor shows it. */
export const accessRoleField: INodeProperties = {
	displayName: 'Access Role',
	name: 'accessRole',
	type: 'options',
	options: [
		{
			name: 'Administrator',
			value: 'administrator',
			description: 'Full access to everything in the account',
		},
		{
			name: 'Manager',
			value: 'manager',
			description: 'Manages their teammates and projects, with the extra permissions below',
		},
		{ name: 'Member', value: 'member', description: 'Tracks their own time and expenses' },
	],
	default: 'member',
	description:
		"The user's base permission level in Harvest. Sent together with Manager Permissions: Harvest replaces the whole list of access roles.",
};

export const managerPermissionsField: INodeProperties = {
	displayName: 'Manager Permissions',
	name: 'managerPermissions',
	type: 'multiOptions',
	options: [
		{
			name: 'Create Projects',
			value: 'project_creator',
			description: 'Create projects, and edit the projects they manage',
		},
		{
			name: 'Draft Invoices',
			value: 'managed_projects_invoice_drafter',
			description: 'Create and edit draft invoices for managed projects',
		},
		{
			name: 'Manage Clients and Tasks',
			value: 'client_and_task_manager',
			description: 'Create and edit clients and tasks',
		},
		{
			name: 'Manage Estimates',
			value: 'estimates_manager',
			description: 'Create and edit estimates',
		},
		{
			name: 'Manage Invoices',
			value: 'managed_projects_invoice_manager',
			description: 'Create, edit and send invoices for managed projects',
		},
		{
			name: 'Manage Time and Expenses',
			value: 'time_and_expenses_manager',
			description: 'Create and edit time and expenses of the people they manage',
		},
		{
			name: 'See and Edit Billable Rates',
			value: 'billable_rates_manager',
			description: 'See and edit billable rates of projects and people',
		},
	],
	default: [],
	description: 'Extra permissions; Harvest grants them only to users whose access role is Manager',
	// Offered only where it applies; an expression in Access Role shows it too (n8n cannot tell yet)
	displayOptions: { show: { accessRole: ['manager'] } },
};
