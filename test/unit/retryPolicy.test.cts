import {
	backoffDelay,
	classifyNetworkCode,
	classifyStatus,
	decide,
	isSafeToRepeat,
	parseRetryAfter,
} from '../../nodes/HarvestUsers/transport/retryPolicy';

describe('retry policy', () => {
	it('repeats only requests that are safe to repeat after an ambiguous failure', () => {
		expect(isSafeToRepeat('GET')).toBe(true);
		expect(isSafeToRepeat('PATCH')).toBe(true);
		expect(isSafeToRepeat('DELETE')).toBe(true);
		expect(isSafeToRepeat('POST')).toBe(false);
		expect(decide('POST', 'server', 'HTTP 500').action).toBe('unknown-outcome');
		expect(decide('POST', 'network', 'reset').action).toBe('unknown-outcome');
		expect(decide('POST', 'timeout', 'timeout').action).toBe('unknown-outcome');
		expect(decide('GET', 'server', 'HTTP 503').action).toBe('backoff');
		expect(decide('PATCH', 'timeout', 'timeout').action).toBe('backoff');
	});

	it('repeats a throttled or refused POST: Harvest never processed it', () => {
		expect(decide('POST', 'throttled', '429').action).toBe('wait');
		expect(decide('POST', 'refused', 'ECONNREFUSED').action).toBe('backoff');
	});

	it('fails at once on client errors', () => {
		for (const status of [400, 401, 403, 404, 422]) {
			expect(decide('GET', classifyStatus(status), String(status)).action).toBe('fail');
		}
		expect(classifyStatus(429)).toBe('throttled');
		expect(classifyStatus(502)).toBe('server');
	});

	it('classifies network error codes', () => {
		expect(classifyNetworkCode('ECONNRESET')).toBe('network');
		expect(classifyNetworkCode('ECONNABORTED')).toBe('timeout');
		expect(classifyNetworkCode('ECONNREFUSED')).toBe('refused');
		expect(classifyNetworkCode('EWHATEVER')).toBeUndefined();
		expect(classifyNetworkCode(undefined)).toBeUndefined();
	});

	it('reads Retry-After as seconds or as an HTTP date against the server clock', () => {
		const now = Date.parse('2026-11-26T10:00:00Z');
		expect(parseRetryAfter('7', undefined, now)).toBe(7000);
		expect(parseRetryAfter(' 2 ', undefined, now)).toBe(2000);
		// The server's Date says 10:00:00; Retry-After 10:00:12 -> 12 s, whatever our own clock says.
		expect(
			parseRetryAfter(
				'Thu, 26 Nov 2026 10:00:12 GMT',
				'Thu, 26 Nov 2026 10:00:00 GMT',
				now + 600_000,
			),
		).toBe(12_000);
		expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', undefined, now)).toBe(5000);
		expect(parseRetryAfter('Thu, 26 Nov 2026 09:59:00 GMT', undefined, now)).toBe(0);
		expect(parseRetryAfter(undefined, undefined, now)).toBeUndefined();
		expect(parseRetryAfter('', undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', undefined, now)).toBeUndefined();
	});

	it('spreads backoff with full jitter under a cap', () => {
		expect(backoffDelay(0, 500, 20_000, 0.5)).toBe(250);
		expect(backoffDelay(3, 500, 20_000, 0.999)).toBeLessThan(4000);
		expect(backoffDelay(10, 500, 20_000, 0.999)).toBeLessThan(20_000);
		expect(backoffDelay(10, 500, 20_000, 0)).toBe(0);
	});
});
