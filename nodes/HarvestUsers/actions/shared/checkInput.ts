import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** Runs a pure input check; its plain `Error` becomes an item error that says what to fix, before any request. */
export function checkInput<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: () => T,
	description?: string,
): T {
	try {
		return check();
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			itemIndex,
			description,
		});
	}
}
