import { classifyNetworkCode, classifyStatus, type FailureKind } from './retryPolicy';
import { scrubSecrets, scrubText } from './scrub';
import { settings } from './settings';
import type { HarvestResponse } from './types';

/** One failed attempt, as the retry loop and the error builders need it; never the thrown error itself. */
export interface Failure {
	kind: FailureKind;
	status?: number;
	statusText?: string;
	body?: unknown;
	headers: Record<string, string>;
	code?: string;
	/** Where the request went, so a refused connection can say which host (a wrong Base URL). */
	host?: string;
}

function lowerCaseHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (raw && typeof raw === 'object') {
		const source =
			typeof (raw as { toJSON?: unknown }).toJSON === 'function'
				? ((raw as { toJSON: () => object }).toJSON() as Record<string, unknown>)
				: (raw as Record<string, unknown>);
		for (const [k, v] of Object.entries(source)) {
			if (v !== undefined && v !== null)
				headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
		}
	}
	return headers;
}

/** n8n's full response (`returnFullResponse`), any status, already without the credential's secrets. */
export function readResponse<T>(
	raw: unknown,
	secrets: readonly string[],
): HarvestResponse<T> & { statusText?: string } {
	const { body, statusCode, statusMessage, headers } = raw as {
		body: T;
		statusCode: number;
		statusMessage?: string;
		headers?: unknown;
	};
	return {
		body: scrubSecrets(body, secrets),
		status: statusCode,
		headers: scrubSecrets(lowerCaseHeaders(headers), secrets),
		statusText: typeof statusMessage === 'string' ? scrubText(statusMessage, secrets) : undefined,
	};
}

/** An answer whose status is not a success: a failure with Harvest's own body and headers. */
export function statusFailure(response: HarvestResponse & { statusText?: string }): Failure {
	const { status, statusText, body, headers } = response;
	return { kind: classifyStatus(status), status, statusText, body, headers };
}

/**
 * What n8n's HTTP helper threw. With `ignoreHttpStatusErrors` it throws only when no complete
 * answer arrived, and the shape of what it throws differs between n8n versions (n8n-core 1.x and
 * 2.x wrap different errors, at different depths). So nothing here reads n8n's shapes: only the
 * error code that Node.js, zlib or the HTTP client put on some error in the `cause` chain, which
 * every version keeps, and the message as the last resort for a timeout.
 */
export function networkFailure(error: unknown): Failure {
	const code = findCode(error);
	const kind = classifyNetworkCode(code) ?? (isTimeoutMessage(error) ? 'timeout' : 'network');
	return { kind, headers: {}, code: code ?? (kind === 'timeout' ? 'ETIMEDOUT' : undefined) };
}

/**
 * The HTTP status n8n may still throw on: with OAuth2 a 401 that refreshing the token did not
 * cure (n8n refreshes only when the request throws on 401), and on n8n 1.x every error status
 * (compat.ts, statusErrorsToThrow). Read from every shape n8n has thrown it in: 2.x keeps axios'
 * error (`response.status`, `response.data`, `response.headers`) as the cause; n8n 1.x's request
 * helper rewrites it (`statusCode`, the body as `error`, `response.status`); n8n 1.x's
 * NodeApiError drops the cause and keeps only the status as `httpCode` and a JSON body as
 * `context.data` (no headers: a 429 then waits the default window, not its Retry-After).
 * Undefined when no error in the chain carries a status of 300 or more: a 2xx whose body then
 * failed is a cut-off answer, not an answer.
 */
export function thrownAnswer(error: unknown, secrets: readonly string[]): Failure | undefined {
	const found = statusInChain(error) ?? statusOfNodeApiError(error);
	if (!found) return undefined;
	return statusFailure(readResponse({ statusCode: found.status, ...found }, secrets));
}

interface Thrown {
	status: number;
	body?: unknown;
	headers?: unknown;
}

/** The error and its causes, outermost first: n8n wraps what the HTTP client threw, at most a few levels deep. */
export function* causeChain(error: unknown, maxDepth = 4): Generator<Record<string, unknown>> {
	for (
		let e = error, depth = 0;
		e && typeof e === 'object' && depth < maxDepth;
		e = (e as { cause?: unknown }).cause, depth++
	)
		yield e as Record<string, unknown>;
}

function statusInChain(error: unknown): Thrown | undefined {
	for (const e of causeChain(error)) {
		const {
			response,
			statusCode,
			error: body,
		} = e as {
			response?: { status?: unknown; data?: unknown; headers?: unknown };
			statusCode?: unknown;
			error?: unknown;
		};
		const status = typeof response?.status === 'number' ? response.status : statusCode;
		if (typeof status === 'number' && status >= 300)
			return { status, body: response?.data ?? body, headers: response?.headers };
	}
	return undefined;
}

function statusOfNodeApiError(error: unknown): Thrown | undefined {
	const { httpCode, context } = (error ?? {}) as {
		httpCode?: unknown;
		context?: { data?: unknown };
	};
	const status =
		typeof httpCode === 'string' && /^[1-5]\d\d$/.test(httpCode) ? Number(httpCode) : 0;
	return status >= 300 ? { status, body: context?.data } : undefined;
}

/** The deepest code this transport knows (the origin: ECONNRESET under axios' ERR_BAD_RESPONSE), else the first. */
function findCode(error: unknown): string | undefined {
	const codes: string[] = [];
	const walk = (e: unknown, depth: number): void => {
		if (!e || typeof e !== 'object' || depth > 6) return;
		const { code, httpCode, cause, errors } = e as Record<string, unknown>;
		// n8n-workflow 1.x's NodeApiError drops the original error but keeps its code as `httpCode`.
		for (const c of [code, httpCode])
			if (typeof c === 'string' && /^[A-Z][A-Z0-9_]+$/.test(c)) codes.push(c);
		walk(cause, depth + 1);
		if (Array.isArray(errors)) walk(errors[0], depth + 1);
	};
	walk(error, 0);
	const known = [...codes].reverse().find((code) => classifyNetworkCode(code));
	return known ?? codeFromMessages(error) ?? codes[0];
}

/**
 * n8n-workflow 1.x: when the answer's body fails after a 2xx status line, NodeApiError keeps
 * neither the error nor its code (`httpCode` is then the status, "200"), only the original
 * messages (`messages`). These are axios' and zlib's own fixed texts, mapped back to the codes
 * that n8n 2.x keeps on the `cause` chain, so both versions read the same failure the same way.
 */
const CODES_BY_MESSAGE: ReadonlyArray<[RegExp, string]> = [
	[/stream has been aborted/i, 'ERR_BAD_RESPONSE'],
	[/incorrect header check|invalid (block type|distance|stored block)/i, 'Z_DATA_ERROR'],
	[/unexpected end of file/i, 'Z_BUF_ERROR'],
];

function codeFromMessages(error: unknown): string | undefined {
	const { messages, message } = (error ?? {}) as { messages?: unknown; message?: unknown };
	const texts = [...(Array.isArray(messages) ? messages : []), message].map(String);
	for (const [pattern, code] of CODES_BY_MESSAGE)
		if (texts.some((text) => pattern.test(text))) return code;
	return undefined;
}

function isTimeoutMessage(error: unknown): boolean {
	return /timeout|timed out/i.test(String((error as Error)?.message ?? ''));
}

/** httpRequestWithAuthentication wraps everything in NodeApiError; n8n's own refusals are its cause. */
export function n8nRefusal(error: unknown): Error | undefined {
	const cause = (error as { cause?: unknown } | undefined)?.cause;
	const name = (cause as { constructor?: { name?: string } } | undefined)?.constructor?.name;
	return name === 'NodeOperationError' ? (cause as Error) : undefined;
}

/**
 * In words, never as a raw code: n8n rewrites any error message containing ECONNRESET & co.
 * into a generic "connection closed" text, which would hide "outcome unknown" from the person.
 * Never the status text of an answer that did not arrive whole ("OK", "Created").
 */
export function describe(f: Failure): string {
	if (f.kind === 'cut-off') return 'the answer was cut off before it was complete';
	if (f.kind === 'unreadable')
		return 'the answer could not be read (its body did not match its headers)';
	if (f.status) return `HTTP ${f.status}${f.statusText ? ` ${f.statusText}` : ''}`;
	if (f.kind === 'timeout')
		return `no answer within ${Math.round(settings.timeoutMs / 100) / 10} s`;
	if (f.kind === 'refused') return `could not connect to ${f.host ?? 'Harvest'}`;
	return 'the connection broke before an answer arrived';
}
