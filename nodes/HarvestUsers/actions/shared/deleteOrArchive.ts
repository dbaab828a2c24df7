import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { harvestRequest } from '../../transport';

interface DeleteOrArchiveRequest {
	/** The record's ID, echoed in the `{ deleted: true, id }` output. */
	id: number;
	/** `/v2/...` path to DELETE (built with harvestPath). */
	deletePath: string;
	/** What a person calls the record, e.g. "user" or "user assignment". */
	noun: string;
	/**
	 * How to archive instead (a PATCH of `body` to `path`), when the person asked for it with
	 * "Archive Instead If Not Deletable"; leave out when archiving is not wanted or not possible.
	 */
	archive?: { path: string; body: IDataObject };
	/** Said after Harvest's refusal when nothing was archived: how to get the record out of the way. */
	whenBlocked: string;
}

/**
 * Harvest refuses to delete records that still carry time entries or expenses, answering 422 with
 * "… is not removable …". That is an expected outcome for offboarding, not a fault: archive instead
 * (when asked), or say plainly what to do. Output, as n8n's guideline asks of a delete:
 * `{ deleted: true, id }`; or, archived instead, `{ deleted: false, archived: true, ...record, reason }`
 * with Harvest's refusal as `reason`, so an IF on `deleted` never mistakes an archive for a delete.
 */
export async function deleteOrArchive(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: DeleteOrArchiveRequest,
): Promise<IDataObject> {
	let failure: unknown;
	try {
		await harvestRequest(ctx, { method: 'DELETE', path: request.deletePath, itemIndex });
		return { deleted: true, id: request.id };
	} catch (error) {
		failure = error;
	}
	// Other failures are already NodeApiErrors from the transport, naming Harvest's message.
	if (!isNotRemovable(failure)) throw failure;
	if (request.archive) {
		const archived = await harvestRequest(ctx, {
			method: 'PATCH',
			path: request.archive.path,
			body: request.archive.body,
			itemIndex,
		});
		return { deleted: false, archived: true, ...archived, reason: refusal(failure) };
	}
	failure.description = `Harvest keeps a ${request.noun} that still has time entries or expenses. ${request.whenBlocked}`;
	throw failure;
}

interface ApiErrorLike {
	httpCode?: string | null;
	message: string;
	description?: string | null;
}

/** A 422 to a DELETE is Harvest's "not removable"; validation errors cannot happen on a bodiless DELETE. */
function isNotRemovable(error: unknown): error is ApiErrorLike {
	return typeof error === 'object' && error !== null && (error as ApiErrorLike).httpCode === '422';
}

function refusal(error: ApiErrorLike): string {
	return error.message.replace(/\s*\[HTTP \d+\]$/, '');
}
