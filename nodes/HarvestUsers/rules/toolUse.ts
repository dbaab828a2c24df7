import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether this run is an AI Agent calling the node as a tool. n8n 2.41 gives no single flag:
 * - the node on the canvas is the tool variant n8n generated (`…harvestUsersTool`, createAiTools);
 * - Agent V3 runs it as a normal node (ExecuteContext.isToolExecution() is always false there),
 *   with `toolCallId` in the input item (n8n-core requests-response.js);
 * - the older in-process path runs it in a SupplyDataContext whose isToolExecution() is true.
 */
export function isToolUse(ctx: IExecuteFunctions, itemIndex = 0): boolean {
	if (ctx.getNode().type.endsWith('Tool')) return true;
	const probe = ctx as { isToolExecution?: () => boolean };
	if (typeof probe.isToolExecution === 'function' && probe.isToolExecution()) return true;
	const item = ctx.getInputData()[itemIndex];
	return typeof item?.json?.toolCallId === 'string';
}

/** `""`, `null`, `undefined` or only spaces: what a model sends for a field it has nothing to say about. */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** The fields that were actually given: a blank leaves the field as it is in Harvest. */
export function withoutBlanks(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => !isBlank(value)));
}

/** The node's typeVersion (1 for workflows saved before versions existed). */
export function nodeVersion(ctx: IExecuteFunctions): number {
	return ctx.getNode().typeVersion ?? 1;
}
