import type { IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_PARALLEL_REQUESTS } from '../node.descriptions';

/** The node's "Parallel Requests" option, read once per execution; anything below 1 means 1. */
export function parallelRequests(ctx: IExecuteFunctions): number {
	const value = Number(ctx.getNodeParameter('requestOptions.parallelRequests', 0, DEFAULT_PARALLEL_REQUESTS));
	return Number.isFinite(value) ? Math.max(1, Math.floor(value)) : DEFAULT_PARALLEL_REQUESTS;
}
