import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { bareAddress, hiddenCharacter, normaliseEmail } from '../../../rules/email';
import { desiredUser, isBlank } from './desiredUser';
import { readPersonFields } from './person';
import { duplicateEmails, type RosterEntry } from './plan';

/**
 * Reads every input item as one person. An item whose person cannot be told apart (no email) or
 * who appears twice stops the whole run before any request: with such a roster, "missing from
 * the input" would mean nothing, and archiving on it could hit the wrong people. A person whose
 * other fields are wrong is only that person's failure.
 */
export function readRoster(ctx: IExecuteFunctions, items: INodeExecutionData[]): RosterEntry[] {
	const roster: RosterEntry[] = [];
	const withoutEmail: number[] = [];
	const unreadable: string[] = [];
	items.forEach((item, itemIndex) => {
		// n8n's "Always Output Data" turns an empty result into one empty item: that is no person.
		if (Object.keys(item.json).length === 0) return;
		const email = ctx.getNodeParameter('email', itemIndex, '') as unknown;
		if (isBlank(email) || typeof email === 'object') {
			withoutEmail.push(itemIndex);
			return;
		}
		// A decorated address ("Name <x@…>") holds a space by design: it is that item's own error, below
		const hidden = bareAddress(email) === undefined ? hiddenCharacter(email) : undefined;
		if (hidden) {
			unreadable.push(`item ${itemIndex}: ${hidden}`);
			return;
		}
		const entry: RosterEntry = {
			itemIndex,
			key: normaliseEmail(email),
			email: String(email).trim(),
		};
		try {
			entry.desired = desiredUser(readPersonFields(ctx, itemIndex));
		} catch (error) {
			entry.error = (error as Error).message;
		}
		roster.push(entry);
	});

	stopOnUnsafeRoster(ctx, roster, withoutEmail, unreadable);
	return roster;
}

/** The whole-roster checks: any of them stops the run before a single request. */
function stopOnUnsafeRoster(
	ctx: IExecuteFunctions,
	roster: RosterEntry[],
	withoutEmail: number[],
	unreadable: string[],
): void {
	if (withoutEmail.length > 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${withoutEmail.length} input item${withoutEmail.length === 1 ? ' has' : 's have'} no email: item${withoutEmail.length === 1 ? '' : 's'} ${withoutEmail.slice(0, 20).join(', ')}${withoutEmail.length > 20 ? ', …' : ''}`,
			{
				description:
					'Nothing was sent to Harvest. Every person needs an email: it is how they are matched to Harvest users. Check what the Email field is mapped to, or filter those rows out before this node.',
			},
		);
	}
	if (unreadable.length > 0) {
		// Matched by what it looks like, such an address could archive the very person it names.
		throw new NodeOperationError(
			ctx.getNode(),
			`The input holds emails that cannot be matched safely: ${unreadable.slice(0, 5).join('; ')}${unreadable.length > 5 ? '; …' : ''}`,
			{
				description:
					'Nothing was sent to Harvest. Remove the hidden characters in the HR system or in a step before this node, then run again.',
			},
		);
	}
	const duplicates = duplicateEmails(roster);
	if (duplicates.length > 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The input lists the same person more than once: ${duplicates
				.slice(0, 20)
				.map((d) => `${d.email} (items ${d.itemIndexes.join(', ')})`)
				.join('; ')}`,
			{
				description:
					'Nothing was sent to Harvest. Each person must be on one item only (emails are compared ignoring case and spaces). Remove the duplicates before this node, e.g. with a Remove Duplicates node.',
			},
		);
	}
}
