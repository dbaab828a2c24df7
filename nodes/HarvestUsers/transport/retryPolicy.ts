import type { IHttpRequestMethods } from 'n8n-workflow';

/**
 * Pure decisions about failed requests. Kept apart from the I/O so that every rule here has a
 * unit test: these rules decide whether a person gets a second invitation email.
 */

/**
 * `cut-off`: an answer that began but did not arrive whole (shorter than its Content-Length, or
 * the connection closed after the status line); `unreadable`: one whose body does not match its
 * headers (labelled gzip but not compressed). Neither is an answer: both are read like a reset.
 */
export type FailureKind =
	| 'throttled'
	| 'server'
	| 'network'
	| 'refused'
	| 'timeout'
	| 'client'
	| 'cut-off'
	| 'unreadable';

/** What to do with a failed attempt. */
export type RetryDecision =
	| { action: 'wait'; reason: string } // 429: wait as told, any method (Harvest did not process it)
	| { action: 'backoff'; reason: string } // safe to repeat
	| { action: 'fail'; reason: string } // a definite answer (4xx)
	| { action: 'unknown-outcome'; reason: string }; // a write that may have been applied

/** GET and PATCH (field replacement) repeat safely; DELETE too, a later 404 meaning "done". */
export function isSafeToRepeat(method: IHttpRequestMethods): boolean {
	return method === 'GET' || method === 'PATCH' || method === 'DELETE' || method === 'HEAD';
}

export function classifyStatus(status: number): FailureKind {
	if (status === 429) return 'throttled';
	if (status >= 500) return 'server';
	return 'client';
}

const TIMEOUT_CODES = new Set([
	'ECONNABORTED',
	'ETIMEDOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'UND_ERR_SOCKET',
]);
// An answer that stopped part way. axios says ERR_BAD_RESPONSE ("stream has been aborted") when
// the body ends short or the connection dies after the status line; with every status accepted
// (send.ts) it raises it for nothing else that reaches here.
const CUT_OFF_CODES = new Set([
	'ERR_BAD_RESPONSE',
	'ERR_STREAM_PREMATURE_CLOSE',
	'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
// An answer whose body cannot be decoded as its headers say (zlib, brotli).
const UNREADABLE_CODES = new Set([
	'Z_DATA_ERROR',
	'Z_BUF_ERROR',
	'ERR_BAD_DECOMPRESS',
	'ERR_BROTLI_DECOMPRESSION_FAILED',
]);

export function classifyNetworkCode(code: string | undefined): FailureKind | undefined {
	if (!code) return undefined;
	if (TIMEOUT_CODES.has(code)) return 'timeout';
	// Refused or not resolved: nothing reached Harvest, so even a POST may be sent again.
	if (REFUSED_CODES.has(code)) return 'refused';
	if (NETWORK_CODES.has(code)) return 'network';
	if (CUT_OFF_CODES.has(code)) return 'cut-off';
	if (UNREADABLE_CODES.has(code)) return 'unreadable';
	return undefined;
}

export function decide(
	method: IHttpRequestMethods,
	kind: FailureKind,
	detail: string,
): RetryDecision {
	switch (kind) {
		case 'throttled':
			return { action: 'wait', reason: detail };
		case 'refused':
			return { action: 'backoff', reason: detail };
		case 'server':
		case 'network':
		case 'timeout':
		case 'cut-off':
		case 'unreadable':
			return isSafeToRepeat(method)
				? { action: 'backoff', reason: detail }
				: { action: 'unknown-outcome', reason: detail };
		default:
			return { action: 'fail', reason: detail };
	}
}

/**
 * Retry-After is either delta-seconds or an HTTP date. A date is measured against the response's
 * own Date header when there is one, so a skewed n8n clock cannot stretch or skip the wait.
 * Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
	value: string | undefined,
	responseDate: string | undefined,
	nowMs: number,
): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	const serverNow = responseDate ? Date.parse(responseDate) : NaN;
	const reference = Number.isNaN(serverNow) ? nowMs : serverNow;
	return Math.max(0, at - reference);
}

/** Full jitter (AWS): spreads retries of many items so they do not hit Harvest in lockstep. */
export function backoffDelay(
	attempt: number,
	baseMs: number,
	capMs: number,
	random: number,
): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
	return Math.floor(random * ceiling);
}
