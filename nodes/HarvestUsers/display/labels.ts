import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/** " (archived)" after a record Harvest keeps but no longer offers. */
export const archivedSuffix = (record: IDataObject): string =>
	record.is_active === false ? ' (archived)' : '';

export const byName = (a: INodePropertyOptions, b: INodePropertyOptions): number =>
	a.name.localeCompare(b.name);

/** "First Last <email>", as people recognise each other in Harvest. */
export function userResult(user: IDataObject): { name: string; value: number } {
	return {
		name: `${user.first_name} ${user.last_name} <${user.email}>${archivedSuffix(user)}`,
		value: user.id as number,
	};
}

/** "Client – Project [code]", as Harvest lists projects; with the page's address when the account's is known. */
export function projectResult(
	project: IDataObject,
	baseUri?: string,
): { name: string; value: number; url?: string } {
	const client = (project.client as IDataObject | undefined)?.name;
	const code = project.code ? ` [${project.code}]` : '';
	const name = `${client ? `${client} – ` : ''}${project.name}${code}`;
	const url = baseUri ? `${baseUri.replace(/\/+$/, '')}/projects/${project.id}` : undefined;
	return { name, value: project.id as number, ...(url ? { url } : {}) };
}

/** The project ID in the address of a project page of Harvest's web app (https://{account}.harvestapp.com/projects/{id}). */
export function projectIdFromUrl(url: string): number | undefined {
	const match =
		/^\s*https:\/\/[^/\s]+\.harvestapp\.com\/projects\/([1-9][0-9]*)(?:[/?#]|\s*$)/.exec(url);
	return match ? Number(match[1]) : undefined;
}
