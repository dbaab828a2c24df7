import { FORCED_DRY_RUN_NOTE, forcedDryRun } from '../../rules/agentGuard';
import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { harvestList, requireWholeRoster, settings, toId } from '../../transport';
import {
	additionalUserFields,
	provisioningOptions,
	syncUserFieldOptions,
} from './fields/user.descriptions';
import { applySteps } from './provisioning/apply';
import {
	checkArchiveGuard,
	DEFAULT_ARCHIVE_LIMITS,
	readArchiveLimits,
	type ArchiveLimits,
} from './provisioning/guard';
import {
	planReconcile,
	type PersonPlan,
	type ReconcileOptions,
	type ReconcilePlan,
	type RosterEntry,
} from './provisioning/plan';
import { failedChangesError, reportItems, tooManyArchivesError } from './provisioning/report';
import { readRoster } from './provisioning/roster';
import { planSteps } from './provisioning/steps';
import { toStringList } from '../../rules/values';
import type { OperationOption } from '../shared/types';

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
		description:
			'Used to create the user; when empty for a person, their current value in Harvest is kept',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		placeholder: 'e.g. Smith',
		default: '={{ $json.last_name ?? $json.lastName }}',
		description:
			'Used to create the user; when empty for a person, their current value in Harvest is kept',
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

/**
 * Makes Harvest's users match the roster in the input: one read of all users, a plan, then one
 * write per change. Nothing is written in a dry run, or when the archive guard trips. Failures of
 * single people do not stop the others (see "Provision from your HR system" in the README).
 */
export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await reconcile(this, items);
}

async function reconcile(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const forced = forcedDryRun(ctx);
	const dryRun = forced || (ctx.getNodeParameter('dryRun', 0, true) as boolean);
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
		throw failedChangesError(
			ctx.getNode(),
			failures,
			writes.filter((step) => !step.failure).length,
		);
	}
	return reportItems({
		dryRun,
		forcedNote: forced ? FORCED_DRY_RUN_NOTE : undefined,
		archiveMissing: options.archiveMissing,
		itemCount: items.length,
		people: roster.length,
		plan,
		steps,
		writes,
		reads,
	});
}

function readReconcileOptions(ctx: IExecuteFunctions): ReconcileOptions {
	const archiveMissing = ctx.getNodeParameter('archiveMissing', 0, false) as boolean;
	return {
		archiveMissing,
		restoreArchived: ctx.getNodeParameter('options.restoreArchived', 0, false) as boolean,
		protectedEmails: archiveMissing
			? toStringList(ctx.getNodeParameter('protectedEmails', 0, ''))
			: [],
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
		instead:
			'to change only the people this user may see, use User → Update with each user picked from the list or by ID',
	});
	const users = await harvestList(ctx, { path: '/v2/users', key: 'users' });
	const reads = 1 + Math.max(1, Math.ceil(users.length / settings.pageSize));
	return { plan: planReconcile(roster, users, { ...options, selfId: toId(me.id) }), reads };
}

function stopIfTooManyArchives(
	ctx: IExecuteFunctions,
	archives: PersonPlan[],
	activeCount: number,
): void {
	let limits: ArchiveLimits;
	try {
		limits = readArchiveLimits(
			ctx.getNodeParameter('maxArchiveCount', 0, DEFAULT_ARCHIVE_LIMITS.maxArchiveCount),
			ctx.getNodeParameter('maxArchivePercent', 0, DEFAULT_ARCHIVE_LIMITS.maxArchivePercent),
		);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Nothing was written. Fix the field and run again.',
		});
	}
	const verdict = checkArchiveGuard(archives.length, activeCount, limits);
	if (verdict.tripped) throw tooManyArchivesError(ctx.getNode(), verdict, archives);
}
