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
	name: 'Remove Users',
	value: 'removeUsers',
	action: 'Remove users from a role',
	description: 'Remove people from a role, keeping the others',
};

export const recordParameter = 'roleId';

const properties: INodeProperties[] = [
	roleIdField,
	{
		...roleUsersField,
		required: true,
		description:
			'People to take this role from; the other members keep it. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['role'], operation: ['removeUsers'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Harvest only replaces a role's whole membership: read it, drop the people, send what is left if it changed. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await changeRoleMembers(this, itemIndex, 'remove');
}
