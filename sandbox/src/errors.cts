/**
 * Harvest's error shapes (reference §1.4). Route code throws these; the server turns them into
 * responses, so every error of a kind looks the same wherever it comes from.
 */
export interface ErrorResponse {
	status: number;
	headers?: Record<string, string>;
	/** A JSON value, an HTML string (`html: true`), or undefined for an empty body. */
	body?: unknown;
	html?: boolean;
}

export class HarvestError extends Error {
	constructor(public readonly response: ErrorResponse) {
		super(`Harvest ${response.status}`);
	}
}

export const INVALID_TOKEN_DESCRIPTION =
	'The access token provided is expired, revoked, malformed or invalid for other reasons.';

/**
 * harvest-observed.md §3 (H1): the OAuth-style body, `application/json` without a charset, the
 * Rack::OAuth2 realm and `Cache-Control: no-cache`. Sent whatever Harvest-Account-Id holds (§6).
 */
export function invalidToken(): HarvestError {
	return new HarvestError({
		status: 401,
		headers: {
			'Content-Type': 'application/json',
			'Cache-Control': 'no-cache',
			'WWW-Authenticate': `Bearer realm="Rack::OAuth2 Protected Resources", error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`,
		},
		body: { error: 'invalid_token', error_description: INVALID_TOKEN_DESCRIPTION },
	});
}

/** The docs only say "400 Bad Request"; the wording of the body is ours (unconfirmed). */
export function missingUserAgent(): HarvestError {
	return new HarvestError({
		status: 400,
		body: {
			error: 'bad_request',
			message:
				'The User-Agent header is required. Send your application name and a contact URL or email, e.g. "MyApp (me@example.com)".',
		},
	});
}

/** Recorded for a non-admin GET /v2/clients: the text comes twice, in the body and in a Hint header (§3, H3). */
export function notAuthorized(): HarvestError {
	return new HarvestError({
		status: 403,
		headers: { 'Cache-Control': 'no-store', Hint: 'Not authorized!' },
		body: { message: 'Not authorized!' },
	});
}

/** An unknown record under a valid route (§3, H14 2024): upper-case charset, no Cache-Control. */
export function notFound(): HarvestError {
	return new HarvestError({
		status: 404,
		headers: { 'Content-Type': 'application/json; charset=UTF-8' },
		body: { status: 404, error: 'Not Found' },
	});
}

/** A malformed or unknown path: Harvest's "Can't find page" HTML page, not JSON (§3, H15). */
export function routeNotFound(): HarvestError {
	return new HarvestError({
		status: 404,
		html: true,
		headers: { 'Content-Type': 'text/html; charset=UTF-8' },
		body: htmlPage(404, "The page you were looking for doesn't exist.", "HARVEST: Can't find page"),
	});
}

/** Validation errors: all messages joined with ", " in one `message`, and no Hint (§3, H13). */
export function unprocessable(messages: string | string[]): HarvestError {
	const message = Array.isArray(messages) ? messages.join(', ') : messages;
	return new HarvestError({
		status: 422,
		headers: { 'Cache-Control': 'no-store' },
		body: { message },
	});
}

/** A blocked delete: recorded for DELETE /v2/clients with the same text in a Hint header (§3, H4). */
export function notRemovable(message: string): HarvestError {
	return new HarvestError({
		status: 422,
		headers: { 'Cache-Control': 'no-store', Hint: message },
		body: { message },
	});
}

/** Collects validation messages so that one 422 reports every problem, as Rails does. */
export class Problems {
	readonly messages: string[] = [];
	add(message: string): void {
		this.messages.push(message);
	}
	throwIfAny(): void {
		if (this.messages.length > 0) throw unprocessable(this.messages);
	}
}

export function htmlPage(status: number, text: string, title = `Harvest (${status})`): string {
	return `<!DOCTYPE html>\n<html>\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${status}</h1>\n  <p>${text}</p>\n</body>\n</html>\n`;
}
