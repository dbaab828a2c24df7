/**
 * Harvest documents no error body; these are the shapes recorded from the real API (see the
 * reference §1.4): `{message}` for 403/422, `{error, error_description}` for 401 and OAuth,
 * `{status, error}` for 404, an HTML page for malformed paths and an empty body on 429, with the
 * text sometimes only in a `Hint` header.
 */
export function harvestMessage(
	body: unknown,
	hintHeader: string | undefined,
	status: number | undefined,
	statusText: string | undefined,
): string {
	const parsed = parseBody(body);
	if (parsed) {
		const { message, error_description: errorDescription, error } = parsed;
		if (typeof message === 'string' && message.trim()) return message.trim();
		if (typeof errorDescription === 'string' && errorDescription.trim())
			return errorDescription.trim();
		if (typeof error === 'string' && error.trim()) return error.trim();
	}
	if (hintHeader && hintHeader.trim()) return hintHeader.trim();
	if (statusText && statusText.trim()) return statusText.trim();
	return status ? `HTTP ${status}` : 'No answer from Harvest';
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
		return body as Record<string, unknown>;
	}
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (!text.trim().startsWith('{')) return undefined;
	try {
		const value: unknown = JSON.parse(text);
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** What a person can do about a status, said in their words. */
export function statusHint(status: number | undefined): string | undefined {
	switch (status) {
		case 400:
			return 'Harvest rejected the request itself (a missing User-Agent or malformed parameters).';
		case 401:
			return 'Check the access token and the Account ID in the credential: Harvest answers 401 when the token is invalid or does not belong to that account.';
		case 403:
			return "The credential's Harvest user lacks permission for this. Most user, rate, role and assignment endpoints need an Administrator token.";
		case 404:
			return 'No such record in this Harvest account: check the ID (it may have been deleted).';
		case 422:
			return 'Harvest refused the values sent. The message above says which field to fix.';
		default:
			return undefined;
	}
}

/** Reasons for 404 on a valid-looking path that Harvest answers with an HTML page instead of JSON. */
export function isHtml(body: unknown): boolean {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	return /^\s*<(!doctype|html)/i.test(text);
}

/** Harvest's collections, as a person names one record of them. */
const RECORD_NAMES: Record<string, string> = {
	users: 'user',
	roles: 'role',
	projects: 'project',
	tasks: 'task',
	user_assignments: 'user assignment',
	task_assignments: 'task assignment',
	billable_rates: 'billable rate',
	cost_rates: 'cost rate',
};

const recordName = (collection: string): string =>
	RECORD_NAMES[collection] ?? collection.replace(/_/g, ' ').replace(/s$/, '');

/**
 * A 404's headline names what is missing ("No Harvest user with ID 999"), from the path's last
 * `collection/id` pair and the one before it; undefined when the path names no record.
 */
export function notFoundMessage(path: string): string | undefined {
	const pairs = [...path.split('?')[0].matchAll(/\/([a-z_]+)\/(\d+)(?=\/|$)/g)].map((m) => ({
		name: recordName(m[1]),
		id: m[2],
	}));
	const record = pairs.pop();
	if (!record) return undefined;
	const parent = pairs.pop();
	return `No Harvest ${record.name} with ID ${record.id}${parent ? ` of ${parent.name} ${parent.id}` : ''}`;
}
