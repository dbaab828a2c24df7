/**
 * Dropdowns for tasks and project assignments. Assignment lists depend on the project chosen above
 * them (`loadOptionsDependsOn`); until that is set they are empty rather than an error, since n8n
 * asks as soon as the field shows.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { harvestPath } from '../transport';
import { archivedSuffix, byName } from '../helpers/labels';
import { chosen, options } from './choices';

export async function getTasks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tasks = await options(this, { path: '/v2/tasks', key: 'tasks', qs: { is_active: true } }, (t) => String(t.name));
	return tasks.sort(byName);
}

async function projectAssignments(
	ctx: ILoadOptionsFunctions,
	segment: 'user_assignments' | 'task_assignments',
	label: (record: IDataObject) => string,
): Promise<INodePropertyOptions[]> {
	const project = chosen(ctx, 'projectId');
	if (!project) return [];
	const path = harvestPath(ctx.getNode(), `/v2/projects/{projectId}/${segment}`, { projectId: project.value });
	return (await options(ctx, { path, key: segment }, (a) => `${label(a)}${archivedSuffix(a)}`)).sort(byName);
}

/** "First Last" of each user on the chosen project. */
export async function getUserAssignments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await projectAssignments(this, 'user_assignments', (a) => String((a.user as IDataObject | null)?.name ?? `User assignment ${a.id}`));
}

/** The task name of each task on the chosen project. */
export async function getTaskAssignments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await projectAssignments(this, 'task_assignments', (a) => String((a.task as IDataObject | null)?.name ?? `Task assignment ${a.id}`));
}
