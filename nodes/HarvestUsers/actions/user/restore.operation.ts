import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { userLocator } from '../shared/common.descriptions';
import { readUserId } from '../shared/parameters';
import { PROJECTS_NOT_RESTORED_WARNING } from './provisioning/plan';

const properties: INodeProperties[] = [userLocator];

const displayOptions = { show: { resource: ['user'], operation: ['restore'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Restore is the PATCH that archived them, with is_active true again; their projects stay gone. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = harvestPath(this.getNode(), '/v2/users/{userId}', { userId: await readUserId(this, itemIndex) }, itemIndex);
	const user = await harvestRequest<IDataObject>(this, { method: 'PATCH', path, body: { is_active: true }, itemIndex });
	return { ...user, warning: PROJECTS_NOT_RESTORED_WARNING };
}
