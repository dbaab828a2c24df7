/** What the dropdowns share; kept apart from them because every export of a dropdown file becomes a loadOptions method. */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isEmail } from '../rules/email';
import { harvestList, toId } from '../transport';
import { projectIdFromUrl } from '../display/labels';

/** The locator's value when it is a usable ID (or, for users, an email), else undefined. */
export function chosen(
	ctx: ILoadOptionsFunctions,
	name: string,
): { mode: string; value: string } | undefined {
	const raw = ctx.getCurrentNodeParameter(name) as
		| { mode?: string; value?: unknown }
		| string
		| number
		| undefined;
	const locator = typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw };
	const value = String(locator.value ?? '').trim();
	if (!value || value.startsWith('=')) return undefined;
	const mode = locator.mode ?? 'id';
	if (mode === 'url') {
		const id = projectIdFromUrl(value);
		return id === undefined ? undefined : { mode: 'id', value: String(id) };
	}
	if (mode === 'email') return isEmail(value) ? { mode, value } : undefined;
	return toId(value) !== undefined ? { mode, value } : undefined;
}

/** Each record of a Harvest list as a dropdown option, valued by its ID. */
export async function options(
	ctx: ILoadOptionsFunctions,
	list: { path: string; key: string; qs?: IDataObject },
	label: (record: IDataObject) => string,
): Promise<INodePropertyOptions[]> {
	const records = await harvestList(ctx, list);
	return records.map((record) => ({ name: label(record), value: record.id as number }));
}
