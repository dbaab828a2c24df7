import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { harvestList } from '../../transport';

/**
 * Harvest keeps a rate history: every create adds an entry, or (without a start date) replaces the
 * whole history with a new one. A workflow that sets "the rate" on every run would rewrite that
 * history each time; with this option a rate that is already current is left alone.
 */
export const onlyIfDifferentField: INodeProperties = {
	displayName: 'Only If Different',
	name: 'onlyIfDifferent',
	type: 'boolean',
	default: false,
	description:
		"Whether to send nothing when the user's current rate already has this amount (one extra read of the rate history). The output is then the current rate with unchanged: true, so a workflow can run again without rewriting Harvest's rate history.",
};

/** Pure: the open (current) entry of a rate history, as Harvest lists it (start_date ascending). */
export function currentRate(history: IDataObject[]): IDataObject | undefined {
	const open = history.filter((r) => r.end_date === null || r.end_date === undefined);
	return open[open.length - 1];
}

/** Pure: whether creating `body` would change nothing: same amount, and no start date before the current one's. */
export function sameAsCurrent(current: IDataObject | undefined, body: IDataObject): boolean {
	if (!current || Number(current.amount) !== Number(body.amount)) return false;
	const start = body.start_date as string | undefined;
	return start === undefined || current.start_date === null || String(current.start_date) <= start;
}

/** With Only If Different on: the current rate (marked unchanged) when creating would change nothing. */
export async function unchangedRate(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: string,
	key: string,
	body: IDataObject,
): Promise<IDataObject | undefined> {
	if (ctx.getNodeParameter('onlyIfDifferent', itemIndex, false) !== true) return undefined;
	const current = currentRate(await harvestList(ctx, { path, key, itemIndex }));
	return sameAsCurrent(current, body) ? { ...current, unchanged: true } : undefined;
}
