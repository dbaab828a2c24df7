/**
 * On an n8n outside the measured versions the package refuses clearly rather than misbehave.
 * Such an n8n is emulated by running the real node through n8n's runtime with its context's HTTP
 * helper replaced by what an older n8n offers: none at all, or one that does not know
 * `returnFullResponse` / `ignoreHttpStatusErrors` (it answers with the body only and throws on an
 * HTTP error status).
 */
import type { IExecuteFunctions, IHttpRequestOptions, INodeType, INodeTypes } from 'n8n-workflow';

import {
	loadPackage,
	NODE_TYPE,
	patCredential,
	runNodeOf,
	useSandbox,
	type NodeSource,
} from '../harness/index.cjs';

type Helpers = IExecuteFunctions['helpers'];

/** The package's node types, with each execution's helpers changed by `change`. */
async function olderN8n(change: (helpers: Helpers) => Partial<Helpers>): Promise<NodeSource> {
	const pkg = await loadPackage();
	const wrap = (real: INodeType): INodeType => ({
		...real,
		description: real.description,
		async execute(this: IExecuteFunctions) {
			const helpers = { ...this.helpers, ...change(this.helpers) } as Helpers;
			const emulated = new Proxy(this, {
				get: (target, key) => {
					if (key === 'helpers') return helpers;
					const value = Reflect.get(target, key) as unknown;
					return typeof value === 'function'
						? (value as (...a: unknown[]) => unknown).bind(target)
						: value;
				},
			});
			return await real.execute!.call(emulated);
		},
	});
	const nodeTypes: INodeTypes = {
		getByName: (type) => wrap(pkg.nodeTypes.getByName(type) as INodeType),
		getByNameAndVersion: (type, version) => wrap(pkg.nodeTypes.getByNameAndVersion(type, version)),
		getKnownTypes: () => pkg.nodeTypes.getKnownTypes(),
	};
	return { loader: pkg.loader, nodeTypes };
}

/** A helper as n8n had it before full responses: the body only, and an exception on 4xx/5xx. */
function bodyOnly(helpers: Helpers): Partial<Helpers> {
	return {
		async httpRequestWithAuthentication(
			this: IExecuteFunctions,
			type: string,
			options: IHttpRequestOptions,
		) {
			const { returnFullResponse: _full, ignoreHttpStatusErrors: _ignore, ...older } = options;
			return await helpers.httpRequestWithAuthentication.call(this, type, older);
		},
	} as Partial<Helpers>;
}

const SUPPORTED = /n8n 1\.123.*n8n 2\.41/;

describe('an n8n outside the supported versions: a clear refusal, not a misreading', () => {
	const sandbox = useSandbox();

	it('refuses when the HTTP helper answers with the body only, naming the supported versions, and sends once', async () => {
		const { status, error } = await runNodeOf(await olderN8n(bodyOnly), NODE_TYPE, {
			parameters: { resource: 'user', operation: 'me' },
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/This n8n is not supported by the Harvest Users node/);
		expect(error?.message).toMatch(/returnFullResponse/);
		expect(error?.description).toMatch(SUPPORTED);
		expect(sandbox().log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/users/me']);
	});

	it('refuses a Create on such an n8n without sending it twice', async () => {
		const { status, error } = await runNodeOf(await olderN8n(bodyOnly), NODE_TYPE, {
			parameters: {
				resource: 'user',
				operation: 'create',
				firstName: 'Ada',
				lastName: 'Older',
				email: 'ada.older@example.com',
				additionalFields: {},
			},
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('error');
		expect(error?.description).toMatch(SUPPORTED);
		expect(sandbox().log.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(sandbox().store.users.findByEmail('ada.older@example.com')).toBeDefined();
	});

	it('refuses when n8n has no authenticated HTTP helper, before sending anything', async () => {
		const { status, error } = await runNodeOf(
			await olderN8n(
				() => ({ httpRequestWithAuthentication: undefined }) as unknown as Partial<Helpers>,
			),
			NODE_TYPE,
			{ parameters: { resource: 'user', operation: 'me' }, credentials: patCredential(sandbox()) },
		);
		expect(status).toBe('error');
		expect(error?.message).toMatch(/no authenticated HTTP helper/);
		expect(error?.description).toMatch(SUPPORTED);
		expect(sandbox().log).toEqual([]);
	});
});
