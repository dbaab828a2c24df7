import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/** " (archived)" after a record Harvest keeps but no longer offers. */
export const archivedSuffix = (record: IDataObject): string => (record.is_active === false ? ' (archived)' : '');

export const byName = (a: INodePropertyOptions, b: INodePropertyOptions): number => a.name.localeCompare(b.name);

/** "First Last <email>", as people recognise each other in Harvest. */
export function userResult(user: IDataObject): { name: string; value: number } {
	return { name: `${user.first_name} ${user.last_name} <${user.email}>${archivedSuffix(user)}`, value: user.id as number };
}

/** "Client – Project [code]", as Harvest lists projects. */
export function projectResult(project: IDataObject): { name: string; value: number } {
	const client = (project.client as IDataObject | undefined)?.name;
	const code = project.code ? ` [${project.code}]` : '';
	return { name: `${client ? `${client} – ` : ''}${project.name}${code}`, value: project.id as number };
}
