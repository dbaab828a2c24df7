import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { configureExecution } from '../transport';
import { operationLabel, operations, type HarvestResource } from './operations';
import type { OperationModule } from './types';

/**
 * Dispatches to the operation module and owns item linking: every output item carries the
 * `pairedItem` of the input it came from, and with Continue On Fail a failing item becomes
 * `{ error }` in its place while the others go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as HarvestResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = (operations[resource] as Record<string, OperationModule> | undefined)?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	configureExecution(this, {
		maxRetries: this.getNodeParameter('requestOptions.maxRetries', 0, 5) as number,
	});
	const label = operationLabel(resource, operation);

	if ('executeAll' in module) {
		try {
			return [await module.executeAll.call(this, items)];
		} catch (error) {
			// A batch fails as a whole: one error item paired with every input. (n8n's own Continue On
			// Fail would pass the input items on as if they were results.)
			const described = withItemContext(this, error, undefined, label);
			if (!this.continueOnFail()) throw described;
			return [[{ json: errorJson(described, undefined, label), pairedItem: items.map((_, item) => ({ item })) }]];
		}
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await module.execute.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const described = withItemContext(this, error, itemIndex, label);
			if (this.continueOnFail()) {
				output.push({ json: errorJson(described, itemIndex, label), pairedItem: { item: itemIndex } });
				continue;
			}
			throw described;
		}
	}
	return [output];
}

/** Names the item and the operation in the error a person sees; keeps Harvest's own message first. */
export function withItemContext(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number | undefined,
	label: string,
): NodeApiError | NodeOperationError {
	const known = isNodeError(error) ? error : new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
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

export function errorJson(error: NodeApiError | NodeOperationError, itemIndex: number | undefined, label: string): IDataObject {
	return {
		error: error.message,
		...(error.description ? { description: error.description } : {}),
		...('httpCode' in error && error.httpCode ? { httpCode: error.httpCode } : {}),
		...(itemIndex !== undefined ? { itemIndex } : {}),
		operation: label,
	};
}
