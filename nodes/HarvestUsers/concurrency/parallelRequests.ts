import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Chosen by measurement (README, Performance): at a 300 ms round trip each doubling only halves
 * the last batch's spread (100 requests / this many × the round trip); at 32 that is under a
 * second, so 1,000 updates run within a few percent of Harvest's 100 requests / 15 s.
 */
export const DEFAULT_PARALLEL_REQUESTS = 32;

/** The node's "Parallel Requests" option, read once per execution; anything below 1 means 1. */
export function parallelRequests(ctx: IExecuteFunctions): number {
	const value = Number(
		ctx.getNodeParameter('requestOptions.parallelRequests', 0, DEFAULT_PARALLEL_REQUESTS),
	);
	return Number.isFinite(value) ? Math.max(1, Math.floor(value)) : DEFAULT_PARALLEL_REQUESTS;
}
