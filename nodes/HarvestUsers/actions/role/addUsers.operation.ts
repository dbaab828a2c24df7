import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { roleIdField, roleUsersField } from './role.descriptions';
import { changeRoleMembers } from './roleMembers';
import type { OperationOption } from '../shared/types';

export const option: OperationOption = {
	name: 'Add Users',
	value: 'addUsers',
	action: 'Add users to a role',
	description: 'Add people to a role, keeping its current members',
};

export const recordParameter = 'roleId';

const properties: INodeProperties[] = [
	roleIdField,
	{
		...roleUsersField,
		required: true,
		description:
			'People to give this role; its current members keep it. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['role'], operation: ['addUsers'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Harvest only replaces a role's whole membership: read it, add the people, send the list back if it changed. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await changeRoleMembers(this, itemIndex, 'add');
}
