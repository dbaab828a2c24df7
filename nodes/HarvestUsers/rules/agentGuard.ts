import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { isToolUse } from './toolUse';

/**
 * Operations an AI Agent does not get by default: the ones that cannot be undone (deletes) or
 * change many records at once (reconcile, replacing all teammates). A model that misreads a
 * request must not be able to erase someone's history or archive half the company. A person who
 * wants it anyway turns on "Allow When Used as an AI Tool" in the node; outside tool use the
 * setting has no effect. Reversible single-user writes (update, archive, restore) stay open.
 */
interface Guarded {
	/** What the model is told it may do instead. */
	instead: string;
	/** Reconcile runs as a dry run instead of being refused: a plan is useful and harmless. */
	dryRun?: boolean;
}

const GUARDED: Record<string, Record<string, Guarded>> = {
	user: {
		delete: {
			instead:
				'archive the user instead (operation "Archive a user by ID or email"): it keeps their history and can be undone',
		},
		reconcile: { instead: 'the plan below is a dry run; nothing was written', dryRun: true },
	},
	role: {
		delete: {
			instead: 'remove the users from the role instead, or ask a person to delete it in Harvest',
		},
	},
	taskAssignment: { delete: { instead: 'set the task assignment inactive with Update instead' } },
	userAssignment: { delete: { instead: 'set the user assignment inactive with Update instead' } },
	teammate: {
		set: { instead: 'add or remove single teammates instead (Add Teammates, Remove Teammates)' },
	},
};

export const ALLOW_PARAMETER = 'allowAsTool';

/** One "Allow When Used as an AI Tool" switch per guarded operation (added to the node's properties). */
export const agentGuardProperties: INodeProperties[] = Object.entries(GUARDED).map(
	([resource, operations]) => ({
		displayName: 'Allow When Used as an AI Tool',
		name: ALLOW_PARAMETER,
		type: 'boolean',
		default: false,
		description:
			'Whether an AI Agent using this node as a tool may run this operation for real. Off (the default), deletes and teammate replacement are refused and Reconcile runs as a dry run. No effect outside tool use.',
		displayOptions: { show: { resource: [resource], operation: Object.keys(operations) } },
	}),
);

function allowed(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter(ALLOW_PARAMETER, 0, false) === true;
}

/** Refuses a guarded operation in tool use before anything is sent (reconcile: see forcedDryRun). */
export function guardToolUse(
	ctx: IExecuteFunctions,
	resource: string,
	operation: string,
	label: string,
): void {
	const guarded = GUARDED[resource]?.[operation];
	if (!guarded || guarded.dryRun || !isToolUse(ctx) || allowed(ctx)) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`${label} is not available to an AI agent in this workflow: ${guarded.instead}. Nothing was sent to Harvest.`,
		{
			description: 'To let the agent run it, turn on "Allow When Used as an AI Tool" in this node.',
		},
	);
}

export const FORCED_DRY_RUN_NOTE =
	'Dry run forced: an AI agent may only plan a reconcile in this workflow. Nothing was written. To let it write, turn on "Allow When Used as an AI Tool" in the node.';

/** Whether reconcile must stay a dry run because an agent runs it without the person's permission. */
export function forcedDryRun(ctx: IExecuteFunctions): boolean {
	return isToolUse(ctx) && !allowed(ctx);
}
