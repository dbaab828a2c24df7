import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IPairedItemData,
} from 'n8n-workflow';

import { harvestList, requireWholeRoster, settings, toId } from '../../transport';
import { additionalUserFields, provisioningOptions, syncUserFieldOptions } from './fields/user.descriptions';
import { parallelRequests } from '../../concurrency/parallelRequests';
import { requestsFor, sendPlan, sendPlans } from './provisioning/apply';
import { checkArchiveGuard, DEFAULT_ARCHIVE_LIMITS, readArchiveLimits, type ArchiveLimits } from './provisioning/guard';
import {
	planReconcile,
	type PersonAction,
	type PersonPlan,
	type ReconcileOptions,
	type ReconcilePlan,
	type RosterEntry,
} from './provisioning/plan';
import { readRoster } from './provisioning/roster';
import { changesForPeople } from '../../display/changes';
import { toStringList } from '../../rules/values';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Reconcile With Roster',
	value: 'reconcile',
	action: 'Reconcile users with an HR roster',
	description:
		"Make Harvest's users match the input items: create, update and (optionally) archive, with a dry run",
};

const whenArchiving = { show: { archiveMissing: [true] } };

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one person of your HR roster. Run with Dry Run on first and check the output: one item per change, then a summary.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description:
			'Whether to only work out the changes and output them, sending nothing to Harvest. Check the output, then turn this off to apply them.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		required: true,
		default: '={{ $json.email }}',
		description:
			"Each person's email: how they are matched to Harvest users (case and surrounding spaces ignored). Map your HR system's email column here.",
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		placeholder: 'e.g. Nathan',
		default: '={{ $json.first_name ?? $json.firstName }}',
		description: 'Used to create the user; when empty for a person, their current value in Harvest is kept',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		placeholder: 'e.g. Smith',
		default: '={{ $json.last_name ?? $json.lastName }}',
		description: 'Used to create the user; when empty for a person, their current value in Harvest is kept',
	},
	{
		...additionalUserFields,
		displayName: 'Fields to Sync',
		options: syncUserFieldOptions,
		hint: "Add the fields your HR data has and map each to its column. Only added fields are compared; a person's empty value leaves Harvest's as it is. Rates apply to new users only.",
	},
	{
		displayName: 'Archive Users Missing From Input',
		name: 'archiveMissing',
		type: 'boolean',
		default: false,
		description:
			'Whether to archive active Harvest users whose email is on no input item. Archived users keep their history and can be restored.',
	},
	{
		displayName: 'Protected Emails',
		name: 'protectedEmails',
		type: 'string',
		default: '',
		placeholder: 'e.g. owner@example.com, timesheet-bot@example.com',
		description:
			'Comma-separated emails this node never archives, such as the account owner and service users. The user the credential belongs to is never archived either.',
		displayOptions: whenArchiving,
	},
	{
		displayName: 'Max Users to Archive',
		name: 'maxArchiveCount',
		type: 'number',
		default: 10,
		description:
			'When more users than this would be archived, nothing at all is written and the node fails. Guards against an empty or cut-short HR export.',
		displayOptions: whenArchiving,
	},
	{
		displayName: 'Max Share to Archive (%)',
		name: 'maxArchivePercent',
		type: 'number',
		default: 20,
		description:
			'When a larger share of the active users than this would be archived, nothing at all is written and the node fails',
		displayOptions: whenArchiving,
	},
	provisioningOptions,
];

const displayOptions = { show: { resource: ['user'], operation: ['reconcile'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** How many failures and archive candidates an error message lists by name. */
const LISTED = 20;

interface Step {
	email: string;
	/** The input item of the person; undefined for archives (no item lists them). */
	itemIndex?: number;
	plan?: PersonPlan;
	user?: IDataObject;
	failure?: { message: string; description?: string; httpCode?: string };
}

/**
 * Makes Harvest's users match the roster in the input: one read of all users, a plan, then one
 * write per change. Nothing is written in a dry run, or when the archive guard trips. Failures of
 * single people do not stop the others (see "Provision from your HR system" in the README).
 */
export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await reconcile(this, items);
}

async function reconcile(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const dryRun = ctx.getNodeParameter('dryRun', 0, true) as boolean;
	const options = readReconcileOptions(ctx);
	const roster = readRoster(ctx, items);
	const { plan, reads } = await planAgainstHarvest(ctx, roster, options);
	if (options.archiveMissing) {
		stopIfTooManyArchives(ctx, plan.archives, plan.activeCount);
	}
	const steps = planSteps(plan);
	const writes = dryRun ? [] : steps.filter((step) => step.plan?.body && !step.failure);
	await applySteps(ctx, writes);

	const failures = steps.filter((step) => step.failure);
	if (failures.length > 0 && !dryRun && !ctx.continueOnFail()) {
		throw failedChangesError(ctx, failures, writes.filter((step) => !step.failure).length);
	}
	const allItems: IPairedItemData[] = items.map((_, item) => ({ item }));
	const output: INodeExecutionData[] = [];
	for (const step of steps) {
		const json = stepJson(step, dryRun);
		if (json) output.push({ json, pairedItem: step.itemIndex === undefined ? allItems : { item: step.itemIndex } });
	}
	output.push({
		json: {
			// A dry run leads with dryRun and counts what is planned, so no one reads it as done
			...(dryRun ? { dryRun, action: 'summary', planned: plannedCounts(steps) } : { action: 'summary', dryRun, counts: countActions(steps) }),
			people: roster.length,
			harvestUsers: plan.userCount,
			activeHarvestUsers: plan.activeCount,
			...(options.archiveMissing ? { notArchived: plan.kept as unknown as IDataObject[] } : {}),
			requests: { reads, writes: writes.reduce((n, step) => n + requestsFor(step.plan as PersonPlan), 0) },
		},
		pairedItem: allItems,
	});
	return output;
}

function readReconcileOptions(ctx: IExecuteFunctions): ReconcileOptions {
	const archiveMissing = ctx.getNodeParameter('archiveMissing', 0, false) as boolean;
	return {
		archiveMissing,
		restoreArchived: ctx.getNodeParameter('options.restoreArchived', 0, false) as boolean,
		protectedEmails: archiveMissing ? toStringList(ctx.getNodeParameter('protectedEmails', 0, '')) : [],
	};
}

/**
 * The role check's `/users/me` (always: a partial roster must stop before any write), one read of
 * all users, and the plan; the same `/users/me` keeps the credential's own user from being archived.
 */
async function planAgainstHarvest(
	ctx: IExecuteFunctions,
	roster: RosterEntry[],
	options: ReconcileOptions,
): Promise<{ plan: ReconcilePlan; reads: number }> {
	// The role check first: with less than an Administrator's token the roster below would be partial.
	const me = await requireWholeRoster(ctx, {
		what: 'Reconcile With Roster',
		instead: 'to change only the people this user may see, use User → Update with each user picked from the list or by ID',
	});
	const users = await harvestList(ctx, { path: '/v2/users', key: 'users' });
	const reads = 1 + Math.max(1, Math.ceil(users.length / settings.pageSize));
	return { plan: planReconcile(roster, users, { ...options, selfId: toId(me.id) }), reads };
}

/** One step a person of the roster, then one an archive. */
function planSteps(plan: ReconcilePlan): Step[] {
	return [
		...plan.people.map(({ itemIndex, email, plan: personPlan, error }) => ({
			itemIndex,
			email,
			plan: personPlan,
			failure: error === undefined ? undefined : { message: error },
		})),
		...plan.archives.map((archive) => ({ email: archive.email, plan: archive })),
	];
}

/** Sends each write; a failure stays on its step, so one person's 422 leaves the others applied. */
async function applySteps(ctx: IExecuteFunctions, writes: Step[]): Promise<void> {
	await sendPlans(writes, parallelRequests(ctx), async (step) => {
		try {
			step.user = await sendPlan(ctx, step.plan as PersonPlan, step.itemIndex);
		} catch (error) {
			const { message, description, httpCode } = error as NodeOperationError & { httpCode?: string };
			step.failure = { message, description: description ?? undefined, httpCode };
		}
	});
}

function stopIfTooManyArchives(ctx: IExecuteFunctions, archives: PersonPlan[], activeCount: number): void {
	let limits: ArchiveLimits;
	try {
		limits = readArchiveLimits(
			ctx.getNodeParameter('maxArchiveCount', 0, DEFAULT_ARCHIVE_LIMITS.maxArchiveCount),
			ctx.getNodeParameter('maxArchivePercent', 0, DEFAULT_ARCHIVE_LIMITS.maxArchivePercent),
		);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { description: 'Nothing was written. Fix the field and run again.' });
	}
	const verdict = checkArchiveGuard(archives.length, activeCount, limits);
	if (!verdict.tripped) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Nothing was written: the plan would archive ${verdict.archiveCount} of ${verdict.activeCount} active users (${verdict.archivePercent}%), ${verdict.exceeded.join(' and ')}`,
		{
			description: `An empty or cut-short HR export looks exactly like "everyone left", so this stops before any change. Check that the input holds the whole roster. If these people really left, raise "Max Users to Archive" or "Max Share to Archive (%)" for one run, or add the ones to keep to "Protected Emails". Would archive: ${listed(archives.map((a) => a.email))}.`,
		},
	);
}

/** What a dry run would do, in the imperative: nothing in its output reads as done. */
const PLANNED: Record<PersonAction, string> = {
	created: 'create',
	updated: 'update',
	restored: 'restore',
	archived: 'archive',
	unchanged: 'none',
};

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
	return { create: n.created, update: n.updated, restore: n.restored, archive: n.archived, unchanged: n.unchanged, failed: n.failed };
}

function failedChangesError(ctx: IExecuteFunctions, failures: Step[], applied: number): NodeOperationError {
	const lines = failures.map(
		(f) =>
			`${f.email}${f.itemIndex === undefined ? '' : ` (item ${f.itemIndex})`}${f.plan ? `, ${PLANNED[f.plan.action]}` : ''}: ${f.failure?.message}`,
	);
	return new NodeOperationError(
		ctx.getNode(),
		`${failures.length} ${failures.length === 1 ? 'person' : 'people'} could not be reconciled; ${applied} other change${applied === 1 ? ' was' : 's were'} applied`,
		{
			description: `${listed(lines, '; ')}. Fix these and run again: people already in sync get no request. Turn on "Continue On Fail" (Settings → On Error) to get one output item per failure instead.`,
		},
	);
}

function listed(values: string[], separator = ', '): string {
	const shown = values.slice(0, LISTED).join(separator);
	return values.length > LISTED ? `${shown}${separator}and ${values.length - LISTED} more` : shown;
}
