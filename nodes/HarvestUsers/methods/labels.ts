import type { IDataObject } from 'n8n-workflow';

/** "First Last <email>", as people recognise each other in Harvest. */
export function userResult(user: IDataObject): { name: string; value: number } {
	const archived = user.is_active === false ? ' (archived)' : '';
	return { name: `${user.first_name} ${user.last_name} <${user.email}>${archived}`, value: user.id as number };
}

/** "Client – Project [code]", as Harvest lists projects. */
export function projectResult(project: IDataObject): { name: string; value: number } {
	const client = (project.client as IDataObject | undefined)?.name;
	const code = project.code ? ` [${project.code}]` : '';
	return { name: `${client ? `${client} – ` : ''}${project.name}${code}`, value: project.id as number };
}
