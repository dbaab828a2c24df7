/**
 * Failures n8n's durable poll scheduler can act on (issue 22, n8n-workflow >= 2.37): a 429 beyond
 * the node's own retries carries `failure: { cause: 'rate-limited', retryAfterMs }`, a revoked or
 * wrong credential `failure: { cause: 'credential-invalid' }`, through n8n's runtime for the
 * action node and for the trigger's poll. Other failures carry none (the scheduler's own backoff).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	patCredential,
	runNode,
	transportSettings,
	type CredentialData,
} from '../harness/index.cjs';
import { poller, useTriggerSandbox } from '../trigger/helpers.cjs';

const me = { resource: 'user', operation: 'me' };
const failureOf = (error: unknown) => (error as { failure?: IDataObject } | undefined)?.failure;

/** The error a poll threw. */
async function pollError(poll: () => Promise<unknown>): Promise<Error & { failure?: IDataObject }> {
	try {
		await poll();
	} catch (error) {
		return error as Error & { failure?: IDataObject };
	}
	throw new Error('the poll did not fail');
}

describe('failures the scheduler can act on', () => {
	const { sandbox } = useTriggerSandbox();
	const creds = () => patCredential(sandbox());
	const wrongAccount = (): CredentialData => ({
		harvestUsersApi: { ...creds().harvestUsersApi, accountId: '999999' },
	});

	it('a 429 past Max Retries: rate-limited, with the wait Harvest asked for', async () => {
		sandbox().inject({ kind: '429', count: 10, retryAfter: 'seconds', retryAfterSeconds: 1 });
		const { status, error } = await runNode({
			parameters: { ...me, requestOptions: { maxRetries: 1 } },
			credentials: creds(),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/after 2 attempts/);
		expect(failureOf(error)).toEqual({ cause: 'rate-limited', retryAfterMs: 1000 });
	});

	it('a 429 asking for a longer wait than the node stalls for: rate-limited, with that wait', async () => {
		transportSettings().configureTransport({ maxRetryAfterMs: 5_000 });
		sandbox().inject({ kind: '429', count: 1, retryAfter: 'seconds', retryAfterSeconds: 60 });
		const { error } = await runNode({ parameters: me, credentials: creds() });
		expect(error?.message).toMatch(/Harvest asked to wait 60 s/);
		expect(failureOf(error)).toEqual({ cause: 'rate-limited', retryAfterMs: 60_000 });
	});

	it('a 429 without Retry-After: rate-limited, with the wait the node would have left', async () => {
		sandbox().inject({ kind: '429', count: 10, retryAfter: 'none' });
		const { error } = await runNode({
			parameters: { ...me, requestOptions: { maxRetries: 0 } },
			credentials: creds(),
		});
		expect(failureOf(error)).toEqual({
			cause: 'rate-limited',
			retryAfterMs: transportSettings().settings.defaultRetryAfterMs,
		});
	});

	it('a revoked token: credential-invalid', async () => {
		sandbox().expireToken(sandbox().tokens.admin.token);
		const { status, error } = await runNode({ parameters: me, credentials: creds() });
		expect(status).toBe('error');
		expect(error?.message).toMatch(/\[HTTP 401\]/);
		expect(failureOf(error)).toEqual({ cause: 'credential-invalid' });
	});

	it('an Account ID the token does not reach: credential-invalid, naming the accounts it does', async () => {
		const { error } = await runNode({ parameters: me, credentials: wrongAccount() });
		expect(error?.message).toMatch(
			/Account ID 999999 is not a Harvest account this token can reach/,
		);
		expect(failureOf(error)).toEqual({ cause: 'credential-invalid' });
	});

	it('nothing the scheduler should act on: a 404, an outage', async () => {
		const missing = await runNode({
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'id', value: '999999' },
			},
			credentials: creds(),
		});
		expect(missing.error?.message).toMatch(/No Harvest user with ID 999999/);
		expect(failureOf(missing.error)).toBeUndefined();
		sandbox().inject({ kind: 'status', status: 503, count: 10 });
		const outage = await runNode({
			parameters: { ...me, requestOptions: { maxRetries: 1 } },
			credentials: creds(),
		});
		expect(outage.error?.message).toMatch(/after 2 attempts/);
		expect(failureOf(outage.error)).toBeUndefined();
	});

	it("the trigger's poll: a 429 past its retries is rate-limited", async () => {
		sandbox().inject({ kind: '429', count: 10, retryAfter: 'seconds', retryAfterSeconds: 2 });
		const error = await pollError(() =>
			poller(sandbox, { requestOptions: { maxRetries: 1 } }).poll(),
		);
		expect(error.message).toMatch(/after 2 attempts/);
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 2000 });
	});

	it("the trigger's poll: a revoked token or a wrong Account ID is credential-invalid", async () => {
		const wrong = await pollError(() => poller(sandbox, {}, wrongAccount()).poll());
		expect(wrong.failure).toEqual({ cause: 'credential-invalid' });
		sandbox().expireToken(sandbox().tokens.admin.token);
		const revoked = await pollError(() => poller(sandbox).poll());
		expect(revoked.message).toMatch(/\[HTTP 401\]/);
		expect(revoked.failure).toEqual({ cause: 'credential-invalid' });
	});
});
