import type { INodeProperties } from 'n8n-workflow';

import * as archive from './archive.operation';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as me from './me.operation';
import * as reconcile from './reconcile.operation';
import * as restore from './restore.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const operations = { archive, create, delete: deleteOperation, get, getAll, me, reconcile, restore, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive a user by ID or email', description: 'Archive a user (is_active false): they can no longer sign in, their history is kept; Restore undoes it' },
			{ name: 'Create', value: 'create', action: 'Create and invite a user', description: 'Create a user; Harvest emails them an invitation' },
			{ name: 'Create or Update', value: 'upsert', action: 'Create or update a user by email', description: 'Create a new user unless one has this email (matched by email, any letter case), or update the current one if it already exists (upsert)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a user permanently by ID or email', description: 'Delete a user who has no time entries or expenses' },
			{ name: 'Get', value: 'get', action: 'Get a user by ID or email', description: 'Retrieve one user' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many users', description: 'List users, active or archived' },
			{ name: 'Get Me', value: 'me', action: 'Get the authenticated user', description: 'Retrieve the user the credential belongs to' },
			{ name: 'Reconcile With Roster', value: 'reconcile', action: 'Reconcile users with an HR roster', description: "Make Harvest's users match the input items: create, update and (optionally) archive, with a dry run" },
			{ name: 'Restore', value: 'restore', action: 'Restore an archived user by ID or email', description: 'Reactivate an archived user (is_active true)' },
			{ name: 'Update', value: 'update', action: 'Update the given fields of a user by ID or email', description: "Change a user's details, access roles or capacity" },
		],
		default: 'getAll',
	},
	...archive.description,
	...create.description,
	...deleteOperation.description,
	...get.description,
	...getAll.description,
	...me.description,
	...reconcile.description,
	...restore.description,
	...update.description,
	...upsert.description,
];
