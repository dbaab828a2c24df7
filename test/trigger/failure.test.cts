/**
 * Harvest Users Trigger: failures n8n's durable poll scheduler can act on (issue 22, point 3).
 * Its backoff reads the `failure` a NodeApiError carries (n8n-workflow >= 2.37): a 429 the
 * trigger could not wait out is 'rate-limited' with Retry-After in milliseconds (n8n then waits at
 * least that long), a revoked or wrong token is 'credential-invalid' (n8n stops retrying). Either
 * way the poll leaves the trigger's state as it was, and the next good poll catches up.
 */
import type { IDataObject } from 'n8n-workflow';

import { patCredential } from '../harness/index.cjs';
import { eventsOf, poller, userListRequests, useTriggerSandbox } from './helpers.cjs';

interface Classified {
	failure?: { cause?: string; retryAfterMs?: number };
	httpCode?: string | null;
}

async function failureOf(promise: Promise<unknown>): Promise<Classified> {
	try {
		await promise;
	} catch (error) {
		return error as Classified;
	}
	throw new Error('the poll did not fail');
}

describe('Harvest Users Trigger: failures classified for n8n', () => {
	const { sandbox, store, userByEmail } = useTriggerSandbox();

	it('429s beyond the retry budget fail the poll as rate-limited, with Retry-After in ms; the state is kept', async () => {
		const trigger = poller(sandbox, { requestOptions: { maxRetries: 1 } });
		await trigger.poll();
		const grace = userByEmail('grace.okafor@example.com');
		store().users.update(grace.id, { is_active: false });
		sandbox().inject({
			kind: '429',
			count: 2,
			retryAfter: 'seconds',
			retryAfterSeconds: 2,
			match: { path: '/v2/users' },
		});

		const error = await failureOf(trigger.poll());
		expect(
			userListRequests(sandbox())
				.slice(-2)
				.map((r) => r.status),
		).toEqual([429, 429]);
		expect(error.httpCode).toBe('429');
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 2000 });
		expect(trigger.stateAfterFailure).toEqual(trigger.state);

		expect(eventsOf(await trigger.poll())).toEqual([`archived:${grace.id}`]);
	});

	it('a revoked token (401) fails the poll as credential-invalid; the state is kept', async () => {
		const trigger = poller(sandbox);
		await trigger.poll();
		const leo = userByEmail('leo.fischer@example.com');
		store().users.update(leo.id, { timezone: 'Vienna' });
		const token = (trigger.credentials.harvestUsersApi as IDataObject).accessToken as string;
		sandbox().expireToken(token);

		const error = await failureOf(trigger.poll());
		expect(error.httpCode).toBe('401');
		expect(error.failure).toEqual({ cause: 'credential-invalid' });
		expect(trigger.stateAfterFailure).toEqual(trigger.state);
		// n8n would not retry it; a user fixing the credential resumes where it stopped
		sandbox().reset();
		trigger.credentials = patCredential(sandbox());
		expect(await trigger.poll()).toBeDefined();
	});

	it('a wrong Account ID (401) is credential-invalid too', async () => {
		const trigger = poller(sandbox);
		await trigger.poll();
		trigger.credentials = patCredential(sandbox());
		(trigger.credentials.harvestUsersApi as IDataObject).accountId = '999999';
		const error = await failureOf(trigger.poll());
		expect(error.failure?.cause).toBe('credential-invalid');
		expect(trigger.stateAfterFailure).toEqual(trigger.state);
	});
});
