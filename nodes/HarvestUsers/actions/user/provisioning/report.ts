import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

import { changesForPeople } from '../../../display/changes';
import type { GuardVerdict } from './guard';
import {
	PROJECTS_NOT_RESTORED_WARNING,
	type PersonAction,
	type PersonPlan,
	type ReconcilePlan,
} from './plan';
import { requestsFor, type Step } from './steps';

/**
 * What a reconcile outputs and how it fails: one item per change (or planned change), then a
 * summary; errors that name the people concerned. Pure: it only reads the steps.
 */

/** How many failures and archive candidates an error message lists by name. */
const LISTED = 20;

/** What a dry run would do, in the imperative: nothing in its output reads as done. */
const PLANNED: Record<PersonAction, string> = {
	created: 'create',
	updated: 'update',
	restored: 'restore',
	archived: 'archive',
	unchanged: 'none',
};

export interface ReportInput {
	dryRun: boolean;
	/** Said in the summary when the run was made a dry run because an AI agent called it (rules/agentGuard.ts). */
	forcedNote?: string;
	archiveMissing: boolean;
	/** Input items: a change pairs with its person's item, an archive and the summary with all. */
	itemCount: number;
	people: number;
	plan: ReconcilePlan;
	steps: Step[];
	writes: Step[];
	reads: number;
}

/** The output items: one per change or failure, then the summary. */
export function reportItems(input: ReportInput): INodeExecutionData[] {
	const allItems: IPairedItemData[] = Array.from({ length: input.itemCount }, (_, item) => ({
		item,
	}));
	const output: INodeExecutionData[] = [];
	for (const step of input.steps) {
		const json = stepJson(step, input.dryRun);
		if (json)
			output.push({
				json,
				pairedItem: step.itemIndex === undefined ? allItems : { item: step.itemIndex },
			});
	}
	output.push({ json: summaryJson(input), pairedItem: allItems });
	return output;
}

function summaryJson({
	dryRun,
	forcedNote,
	archiveMissing,
	people,
	plan,
	steps,
	writes,
	reads,
}: ReportInput): IDataObject {
	return {
		// A dry run leads with dryRun and counts what is planned, so no one reads it as done
		...(dryRun
			? { dryRun, action: 'summary', planned: plannedCounts(steps) }
			: { action: 'summary', dryRun, counts: countActions(steps) }),
		...(forcedNote ? { note: forcedNote } : {}),
		people,
		harvestUsers: plan.userCount,
		activeHarvestUsers: plan.activeCount,
		...(archiveMissing ? { notArchived: plan.kept as unknown as IDataObject[] } : {}),
		requests: {
			reads,
			writes: writes.reduce((n, step) => n + requestsFor(step.plan as PersonPlan), 0),
		},
	};
}

function stepJson(step: Step, dryRun: boolean): IDataObject | undefined {
	const { plan, failure } = step;
	const lead = dryRun ? { dryRun } : {};
	if (failure) {
		return {
			...lead,
			action: 'failed',
			...(plan ? { plannedAction: PLANNED[plan.action] } : {}),
			email: step.email,
			dryRun,
			error: failure.message,
			...(failure.description ? { description: failure.description } : {}),
			...(failure.httpCode ? { httpCode: failure.httpCode } : {}),
			...(step.itemIndex !== undefined ? { itemIndex: step.itemIndex } : {}),
		};
	}
	if (!plan || (plan.action === 'unchanged' && !plan.note)) return undefined;
	return {
		...(dryRun ? { dryRun, plannedAction: PLANNED[plan.action] } : { action: plan.action }),
		email: plan.email,
		dryRun,
		changes: changesForPeople(plan.changes),
		user: step.user ?? plan.current ?? null,
		...(plan.note ? { note: plan.note } : {}),
		...(plan.action === 'restored' ? { warning: PROJECTS_NOT_RESTORED_WARNING } : {}),
	};
}

function countActions(steps: Step[]): IDataObject {
	const counts: Record<PersonAction | 'failed', number> = {
		created: 0,
		updated: 0,
		restored: 0,
		archived: 0,
		unchanged: 0,
		failed: 0,
	};
	for (const step of steps) counts[step.failure ? 'failed' : (step.plan as PersonPlan).action]++;
	return counts;
}

function plannedCounts(steps: Step[]): IDataObject {
	const n = countActions(steps) as Record<PersonAction | 'failed', number>;
	return {
		create: n.created,
		update: n.updated,
		restore: n.restored,
		archive: n.archived,
		unchanged: n.unchanged,
		failed: n.failed,
	};
}

export function failedChangesError(
	node: INode,
	failures: Step[],
	applied: number,
): NodeOperationError {
	const lines = failures.map(
		(f) =>
			`${f.email}${f.itemIndex === undefined ? '' : ` (item ${f.itemIndex})`}${f.plan ? `, ${PLANNED[f.plan.action]}` : ''}: ${f.failure?.message}`,
	);
	return new NodeOperationError(
		node,
		`${failures.length} ${failures.length === 1 ? 'person' : 'people'} could not be reconciled; ${applied} other change${applied === 1 ? ' was' : 's were'} applied`,
		{
			description: `${listed(lines, '; ')}. Fix these and run again: people already in sync get no request. Turn on "Continue On Fail" (Settings → On Error) to get one output item per failure instead.`,
		},
	);
}

export function tooManyArchivesError(
	node: INode,
	verdict: GuardVerdict,
	archives: PersonPlan[],
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Nothing was written: the plan would archive ${verdict.archiveCount} of ${verdict.activeCount} active users (${verdict.archivePercent}%), ${verdict.exceeded.join(' and ')}`,
		{
			description: `An empty or cut-short HR export looks exactly like "everyone left", so this stops before any change. Check that the input holds the whole roster. If these people really left, raise "Max Users to Archive" or "Max Share to Archive (%)" for one run, or add the ones to keep to "Protected Emails". Would archive: ${listed(archives.map((a) => a.email))}.`,
		},
	);
}

function listed(values: string[], separator = ', '): string {
	const shown = values.slice(0, LISTED).join(separator);
	return values.length > LISTED ? `${shown}${separator}and ${values.length - LISTED} more` : shown;
}
