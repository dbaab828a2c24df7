import type { IDataObject } from 'n8n-workflow';

import {
	bareAddress,
	indexByEmail,
	isEmail,
	lookalikeKey,
	normaliseEmail,
} from '../../../rules/email';
import type { DesiredUser } from './desiredUser';
import { changedValues, creationChanges, diffUser, type Changes } from './diff';

/** What was done, past tense; a dry run reports it as `plannedAction` in the imperative instead (reconcile.operation.ts). */
export type PersonAction = 'created' | 'updated' | 'restored' | 'archived' | 'unchanged';

/** What to do about one person: the request to send (if any) and the changes it makes. */
export interface PersonPlan {
	action: PersonAction;
	email: string;
	/** The Harvest user it applies to; absent for a create. */
	current?: IDataObject;
	/** POST body for a create, PATCH body otherwise; absent when nothing is sent. */
	body?: IDataObject;
	changes: Changes;
	/** Why nothing is sent although something differs (an archived user left archived). */
	note?: string;
}

interface PlanOptions {
	/** Reactivate an archived user the input asks for; otherwise leave them archived. */
	restoreArchived: boolean;
}

const LEFT_ARCHIVED_NOTE =
	'This user is archived in Harvest and was left untouched. Turn on "Restore Archived Users" to reactivate and update them.';

/**
 * Harvest archives a person's project assignments with them, and restoring the person does not
 * bring those back (harvest-observed-2.md §3.8). Every output of a restore carries this, so no one
 * takes "restored" for "as before".
 */
export const PROJECTS_NOT_RESTORED_WARNING =
	'Restored without their projects: Harvest removed this user from all projects when they were archived and does not add them back. Re-assign them with User Assignment → Create (one per project).';

/**
 * Upsert's decision for one person, also used by reconcile for everyone in the roster.
 * `matches` are the Harvest users with the person's email. Throws a plain Error when the person
 * cannot be provisioned as given.
 */
export function planPerson(
	desired: DesiredUser,
	matches: IDataObject[],
	options: PlanOptions,
): PersonPlan {
	const { email } = desired;
	if (matches.length > 1) {
		throw new Error(
			`${matches.length} Harvest users have the email ${email} (IDs ${matches.map((u) => u.id).join(', ')}); merge or rename them in Harvest so the email names one person`,
		);
	}
	const [current] = matches;
	if (!current) {
		const missing = (['first_name', 'last_name'] as const).filter(
			(f) => desired.profile[f] === undefined,
		);
		if (missing.length) {
			throw new Error(
				`No Harvest user has the email ${email}, and creating one needs a ${missing.map((f) => f.replace('_', ' ')).join(' and a ')}`,
			);
		}
		const body = { email, ...desired.profile, ...desired.createOnly };
		return { action: 'created', email, body, changes: creationChanges(body) };
	}
	const changes = diffUser(current, desired.profile);
	if (current.is_active === false) {
		if (!options.restoreArchived)
			return { action: 'unchanged', email, current, changes: {}, note: LEFT_ARCHIVED_NOTE };
		// The body holds the restore and the changes; sendPlan restores first, then changes (apply.ts).
		const restoring: Changes = { is_active: { previous: false, current: true }, ...changes };
		return {
			action: 'restored',
			email,
			current,
			body: changedValues(restoring),
			changes: restoring,
		};
	}
	if (Object.keys(changes).length === 0) return { action: 'unchanged', email, current, changes };
	return { action: 'updated', email, current, body: changedValues(changes), changes };
}

function archivePlan(user: IDataObject): PersonPlan {
	return {
		action: 'archived',
		email: String(user.email ?? ''),
		current: user,
		body: { is_active: false },
		changes: { is_active: { previous: true, current: false } },
	};
}

/** One person of the roster: the input item it came from, and what it asks for or why it cannot be read. */
export interface RosterEntry {
	itemIndex: number;
	/** Normalised email; also set when the rest of the item is invalid, so the person is never archived. */
	key: string;
	email: string;
	desired?: DesiredUser;
	error?: string;
}

/** Emails that appear on more than one input item, with those items. */
export function duplicateEmails(
	roster: RosterEntry[],
): Array<{ email: string; itemIndexes: number[] }> {
	const byKey = new Map<string, RosterEntry[]>();
	for (const entry of roster) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
	return [...byKey.values()]
		.filter((entries) => entries.length > 1)
		.map((entries) => ({ email: entries[0].email, itemIndexes: entries.map((e) => e.itemIndex) }));
}

export interface ReconcileOptions extends PlanOptions {
	archiveMissing: boolean;
	/** Never archived, whatever the input says (e.g. the account owner, service users). */
	protectedEmails: string[];
	/** The credential's own user: archiving it would lock the workflow out. */
	selfId?: number;
}

interface PlannedEntry {
	itemIndex: number;
	email: string;
	plan?: PersonPlan;
	error?: string;
}

interface KeptUser {
	email: string;
	reason: 'protected' | 'credential owner' | 'unreadable input email';
}

export interface ReconcilePlan {
	/** One per roster entry, in input order. */
	people: PlannedEntry[];
	/** Active Harvest users absent from the roster (only with archiveMissing). */
	archives: PersonPlan[];
	/** Absent from the roster but not archived, and why. */
	kept: KeptUser[];
	userCount: number;
	activeCount: number;
}

/** The whole difference between the roster and Harvest's users. Pure. */
export function planReconcile(
	roster: RosterEntry[],
	users: IDataObject[],
	options: ReconcileOptions,
): ReconcilePlan {
	const index = indexByEmail(users);
	const people: PlannedEntry[] = roster.map(({ itemIndex, email, desired, error }) => {
		if (!desired) return { itemIndex, email, error: error ?? 'This item could not be read' };
		try {
			return { itemIndex, email, plan: planPerson(desired, index.get(desired.key) ?? [], options) };
		} catch (planError) {
			return { itemIndex, email, error: (planError as Error).message };
		}
	});

	const { archives, kept } = options.archiveMissing
		? planArchives(roster, users, options)
		: { archives: [], kept: [] };
	return {
		people,
		archives,
		kept,
		userCount: users.length,
		activeCount: users.filter((u) => u.is_active !== false).length,
	};
}

/**
 * Who is missing from the roster. A refused row is never a reason to archive anyone: a decorated
 * email (`Name <x@…>`) keeps the person inside it, and a row whose email names nobody at all
 * (`x@`, `John`) could be anyone, so then nobody is archived on this run.
 */
function planArchives(
	roster: RosterEntry[],
	users: IDataObject[],
	options: ReconcileOptions,
): { archives: PersonPlan[]; kept: KeptUser[] } {
	// Compared without any non-printing character: whatever slipped past the email rules, nobody
	// on the input is archived because of an invisible difference.
	const wanted = new Set(
		roster.flatMap((entry) => [
			lookalikeKey(entry.key),
			lookalikeKey(entry.email),
			lookalikeKey(bareAddress(entry.email) ?? ''),
		]),
	);
	// Names nobody: not decorated around one address, and no address even without its hidden characters
	const unreadable = roster.some(
		(entry) => bareAddress(entry.email) === undefined && !isEmail(lookalikeKey(entry.email)),
	);
	const protectedKeys = new Set(options.protectedEmails.map(normaliseEmail).filter(Boolean));
	const archives: PersonPlan[] = [];
	const kept: KeptUser[] = [];
	for (const user of users) {
		if (user.is_active === false || wanted.has(lookalikeKey(user.email))) continue;
		const email = String(user.email ?? '');
		if (protectedKeys.has(normaliseEmail(email))) kept.push({ email, reason: 'protected' });
		else if (options.selfId !== undefined && user.id === options.selfId)
			kept.push({ email, reason: 'credential owner' });
		else if (unreadable) kept.push({ email, reason: 'unreadable input email' });
		else archives.push(archivePlan(user));
	}
	archives.sort((a, b) => a.email.localeCompare(b.email));
	return { archives, kept };
}
