import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { typeName } from '../rules/email';

/**
 * The trigger's memory must be an object: n8n hands back whatever the workflow's static data holds
 * under `node:<name>`, and a string, array, number or null there (a hand-edited or imported
 * workflow) cannot be read, and cannot be replaced from inside the node either: writing into a
 * string throws, writing into an array is lost when n8n saves it. So the poll stops with the way
 * out instead of failing forever with a TypeError or staying silent.
 */
export function stateTypeProblem(raw: unknown): string | undefined {
	if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return undefined;
	return raw === undefined ? 'undefined' : typeName(raw);
}

export function requireStateObject(ctx: IPollFunctions, raw: unknown): IDataObject {
	const got = stateTypeProblem(raw);
	if (got === undefined) return raw as IDataObject;
	const { name } = ctx.getNode();
	throw new NodeOperationError(
		ctx.getNode(),
		`The trigger's saved state is ${got}, not an object, so it cannot be read or replaced`,
		{
			description: `The workflow's static data under "node:${name}" was changed outside this node (for example in an edited or imported workflow). To recover, rename this trigger node: its state is kept under its name, so the renamed node starts afresh, remembers the current users on its first poll and announces nothing then. Or export the workflow, delete the "node:${name}" entry of "staticData", and import it again.`,
		},
	);
}
