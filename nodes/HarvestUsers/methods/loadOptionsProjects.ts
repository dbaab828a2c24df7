/**
 * Dropdowns for tasks, project assignments and rate histories. Assignment and rate lists depend on
 * the project or user chosen above them (`loadOptionsDependsOn`); until that is set they are empty
 * rather than an error, since n8n asks as soon as the field shows.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { normaliseEmail } from '../helpers/usersByEmail';
import { rateLabel } from '../helpers/rateRules';
import { harvestList, harvestPath } from '../transport';
import { archivedSuffix, byName } from '../helpers/labels';

/** The locator's value when it is a usable ID (or, for users, an email), else undefined. */
function chosen(ctx: ILoadOptionsFunctions, name: string): { mode: string; value: string } | undefined {
	const raw = ctx.getCurrentNodeParameter(name) as { mode?: string; value?: unknown } | string | number | undefined;
	const locator = typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw };
	const value = String(locator.value ?? '').trim();
	if (!value || value.startsWith('=')) return undefined;
	const mode = locator.mode ?? 'id';
	if (mode === 'email') return /^[^@\s]+@[^@\s]+$/.test(value) ? { mode, value } : undefined;
	return /^[1-9]\d*$/.test(value) ? { mode, value } : undefined;
}

async function options(
	ctx: ILoadOptionsFunctions,
	list: { path: string; key: string; qs?: IDataObject },
	label: (record: IDataObject) => string,
): Promise<INodePropertyOptions[]> {
	const records = await harvestList(ctx, list);
	return records.map((record) => ({ name: label(record), value: record.id as number }));
}


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

async function userIdOf(ctx: ILoadOptionsFunctions): Promise<number | undefined> {
	const user = chosen(ctx, 'userId');
	if (!user || user.mode !== 'email') return user ? Number(user.value) : undefined;
	const users = await harvestList(ctx, { path: '/v2/users', key: 'users' });
	const matches = users.filter((u) => normaliseEmail(u.email) === normaliseEmail(user.value));
	return matches.length === 1 ? (matches[0].id as number) : undefined;
}

async function rates(ctx: ILoadOptionsFunctions, segment: 'billable_rates' | 'cost_rates'): Promise<INodePropertyOptions[]> {
	const userId = await userIdOf(ctx);
	if (userId === undefined) return [];
	const path = harvestPath(ctx.getNode(), `/v2/users/{userId}/${segment}`, { userId });
	// Harvest lists oldest first; the newest (current) rate is the likeliest pick.
	return (await options(ctx, { path, key: segment }, rateLabel)).reverse();
}

/** "amount from start_date" for each billable rate of the chosen user. */
export async function getBillableRates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await rates(this, 'billable_rates');
}

/** "amount from start_date" for each cost rate of the chosen user. */
export async function getCostRates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await rates(this, 'cost_rates');
}
