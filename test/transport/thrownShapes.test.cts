/**
 * What n8n's HTTP helper throws, read the same on every n8n of the jest matrix (the `n8n-workflow`
 * here is 2.41 or 1.120, as the project maps it). n8n 2.x keeps axios' error as the NodeApiError's
 * cause; n8n 1.x's NodeApiError drops its cause and keeps only `httpCode` and a JSON body.
 */
import { NodeApiError, type INode } from 'n8n-workflow';

import { statusErrorsToThrow } from '../../nodes/HarvestUsers/transport/compat';
import { thrownAnswer } from '../../nodes/HarvestUsers/transport/failure';
import { refreshRefusal } from '../../nodes/HarvestUsers/transport/oauth2Refresh';

const node: INode = {
	id: '1',
	name: 'Harvest Users',
	type: 'n8n-nodes-harvest-users.harvestUsers',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** axios' error class is recognised by name (n8n-workflow 1.x reads the status off it). */
class AxiosError extends Error {
	constructor(
		message: string,
		readonly response: { status: number; data?: unknown; headers?: Record<string, string> },
	) {
		super(message);
	}
}

/** client-oauth2's AuthError: what a refused refresh throws inside n8n. */
class AuthError extends Error {
	readonly code = 'EAUTH';
	constructor(
		message: string,
		readonly body: Record<string, string>,
	) {
		super(message);
	}
}

const wrapped = (error: Error) => new NodeApiError(node, error as never);

// the version of the n8n-workflow this project maps (2.41 or 1.120)
const workflowMajor = Number(require('n8n-workflow/package.json').version.split('.')[0]);

describe('what n8n throws, read the same on every n8n', () => {
	it('an error status keeps its status, JSON body and kind; a 2xx is never read as an answer', () => {
		const answers = [
			[422, { message: 'Email has already been taken' }, 'client'],
			[404, { status: 404, error: 'Not Found' }, 'client'],
			[429, undefined, 'throttled'],
			[503, { error: 'down' }, 'server'],
		] as const;
		for (const [status, data, kind] of answers) {
			const read = thrownAnswer(
				wrapped(new AxiosError(`Request failed with status code ${status}`, { status, data })),
				[],
			);
			expect(read).toMatchObject({ status, kind, body: data });
		}
		expect(thrownAnswer(wrapped(new Error('stream has been aborted')), [])).toBeUndefined();
	});

	it('asks n8n to throw on 401 alone where n8n can (2.x); with OAuth2 on 1.x on every error status', () => {
		expect(statusErrorsToThrow(false)).toBe(true);
		expect(statusErrorsToThrow(true)).toEqual(
			workflowMajor >= 2 ? { ignore: true, except: [401] } : false,
		);
	});

	it('a 429’s Retry-After survives where n8n keeps the cause (2.x); 1.x keeps no headers', () => {
		const read = thrownAnswer(
			wrapped(
				new AxiosError('Request failed with status code 429', {
					status: 429,
					headers: { 'retry-after': '3' },
				}),
			),
			[],
		);
		expect(read?.headers).toEqual(workflowMajor >= 2 ? { 'retry-after': '3' } : {});
	});

	it('a secret echoed in a thrown body is cut out', () => {
		const read = thrownAnswer(
			wrapped(
				new AxiosError('Request failed with status code 422', {
					status: 422,
					data: { message: 'bad token sk-0123456789abcdef' },
				}),
			),
			['sk-0123456789abcdef'],
		);
		expect(JSON.stringify(read)).not.toContain('sk-0123456789abcdef');
	});

	it('a refused refresh is found whether n8n kept the AuthError or only its code and message', () => {
		const grant = new AuthError(
			'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
			{ error: 'invalid_grant' },
		);
		const client = new AuthError('Client authentication failed: wrong client_secret.', {
			error: 'invalid_client',
		});
		expect(refreshRefusal(grant)).toMatchObject({ invalidGrant: true });
		expect(refreshRefusal(wrapped(grant))).toMatchObject({ invalidGrant: true });
		expect(refreshRefusal(client)).toMatchObject({ invalidGrant: false });
		expect(refreshRefusal(wrapped(client))).toMatchObject({ invalidGrant: false });
		expect(refreshRefusal(wrapped(new Error('socket hang up')))).toBeUndefined();
	});
});
