import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { configureExecution } from '../transport';
import { guardToolUse } from '../rules/agentGuard';
import { operationLabel, operations, type HarvestResource } from './operations';
import { parallelRequests } from '../concurrency/parallelRequests';
import { firstFailure, runInOrder, type Outcome } from '../concurrency/pool';
import { recordKey } from './recordKey';
import type { ResourceOperations } from './shared/types';

/**
 * Dispatches to the operation module and owns item linking: every output item carries the
 * `pairedItem` of the input it came from, and with Continue On Fail a failing item becomes
 * `{ error }` in its place while the others go on. Items run a few at a time (Parallel Requests)
 * yet output in input order; without Continue On Fail the first failing item in input order
 * fails the node, as a loop over the items would.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as HarvestResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = (operations[resource] as ResourceOperations | undefined)?.[operation];
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}
	configureExecution(this, {
		maxRetries: this.getNodeParameter('requestOptions.maxRetries', 0, 5) as number,
	});
	const label = operationLabel(resource, operation);
	guardToolUse(this, resource, operation, label);

	if ('executeAll' in module) return await runBatch(this, module.executeAll, items, label);

	const continueOnFail = this.continueOnFail();
	const outcomes = await runInOrder(
		items.length,
		async (itemIndex) => await module.execute.call(this, itemIndex),
		{
			concurrency: parallelRequests(this),
			stopOnFailure: !continueOnFail,
			keyOf: (itemIndex) => recordKey(this, resource, operation, itemIndex),
		},
	);
	const failure = continueOnFail ? undefined : firstFailure(outcomes);
	if (failure) throw withItemContext(this, failure.error, failure.index, label);

	return [outputOf(this, outcomes, label)];
}

/** A batch (Reconcile) fails as a whole: one error item paired with every input. */
async function runBatch(
	ctx: IExecuteFunctions,
	executeAll: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	) => Promise<INodeExecutionData[]>,
	items: INodeExecutionData[],
	label: string,
): Promise<INodeExecutionData[][]> {
	try {
		return [await executeAll.call(ctx, items)];
	} catch (error) {
		// n8n's own Continue On Fail would pass the input items on as if they were results.
		const described = withItemContext(ctx, error, undefined, label);
		if (!ctx.continueOnFail()) throw described;
		return [
			[
				{
					json: errorJson(described, undefined, label),
					pairedItem: items.map((_, item) => ({ item })),
				},
			],
		];
	}
}

/** Each item's records, or its error (Continue On Fail), paired with the item, in input order. */
function outputOf(
	ctx: IExecuteFunctions,
	outcomes: Array<Outcome<IDataObject | IDataObject[]> | undefined>,
	label: string,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (outcome?.ok) {
			for (const json of Array.isArray(outcome.value) ? outcome.value : [outcome.value]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} else if (outcome) {
			const described = withItemContext(ctx, outcome.error, itemIndex, label);
			output.push({
				json: errorJson(described, itemIndex, label),
				pairedItem: { item: itemIndex },
			});
		}
	});
	return output;
}

/** Names the item and the operation in the error a person sees; keeps Harvest's own message first. */
function withItemContext(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number | undefined,
	label: string,
): NodeApiError | NodeOperationError {
	const known = isNodeError(error)
		? error
		: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	// A batch operation's errors already name the people and items concerned.
	if (itemIndex === undefined) return known;
	known.context.itemIndex = itemIndex;
	const where = `Item ${itemIndex} (${label}).`;
	if (!known.description?.startsWith('Item ')) {
		known.description = known.description ? `${where} ${known.description}` : where;
	}
	return known;
}

/** By class name too: n8n may load a second copy of n8n-workflow beside a community package. */
function isNodeError(error: unknown): error is NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return true;
	const name = (error as { constructor?: { name?: string } })?.constructor?.name;
	return name === 'NodeApiError' || name === 'NodeOperationError';
}

function errorJson(
	error: NodeApiError | NodeOperationError,
	itemIndex: number | undefined,
	label: string,
): IDataObject {
	return {
		error: error.message,
		...(error.description ? { description: error.description } : {}),
		...('httpCode' in error && error.httpCode ? { httpCode: error.httpCode } : {}),
		...(itemIndex !== undefined ? { itemIndex } : {}),
		operation: label,
	};
}
