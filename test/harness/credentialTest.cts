/**
 * "Test connection" as n8n 2.41.1's CredentialsTester runs it (packages/cli
 * services/credentials-tester.service.js, getCredentialTestFunction + testCredentials):
 *   1. a credential type with a declarative `test` is tested by that request, whatever the nodes say;
 *   2. otherwise the first node listing the credential with `testedBy` supplies
 *      `methods.credentialTest[testedBy]`, called with n8n-core's CredentialTestContext.
 * The declarative branch is reproduced only as far as our old credential used it (GET with the
 * credential's headers; `responseCode` rules; n8n's "Connection successful!" on 2xx), so a test
 * written against the new behaviour fails, as it should, on a package that still declares `test`.
 */
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	INodeCredentialTestResult,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { loadPackage } from './n8n.cjs';

function additionalData(): IWorkflowExecuteAdditionalData {
	return { variables: {} } as unknown as IWorkflowExecuteAdditionalData;
}

export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const { loader } = await loadPackage();
	const credential = loader.credentialTypes[type]?.type;
	if (!credential) throw new Error(`No credential type ${type}`);
	const context = new CredentialTestContext(additionalData());
	if (credential.test) return await declarativeTest(context, credential.test, data);
	for (const entry of Object.values(loader.nodeTypes)) {
		const node = entry.type as {
			description: { credentials?: Array<{ name: string; testedBy?: unknown }> };
			methods?: { credentialTest?: Record<string, ICredentialTestFunction> };
		};
		for (const { name, testedBy } of node.description.credentials ?? []) {
			if (name !== type || typeof testedBy !== 'string') continue;
			const fn = node.methods?.credentialTest?.[testedBy];
			if (!fn)
				throw new Error(
					`testedBy "${testedBy}" names no methods.credentialTest function (n8n would crash)`,
				);
			return await fn.call(context, { id: 'c1', name: 'test', type, data });
		}
	}
	return { status: 'Error', message: 'No testing function found for this credential.' };
}

async function declarativeTest(
	context: CredentialTestContext,
	test: ICredentialTestRequest,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const baseUrl = String(data.baseUrl || 'https://api.harvestapp.com').replace(/\/+$/, '');
	try {
		const response = (await context.helpers.request({
			uri: `${baseUrl}${test.request.url ?? ''}`,
			method: 'GET',
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			headers: {
				Authorization: `Bearer ${String(data.accessToken)}`,
				'Harvest-Account-Id': String(data.accountId),
				'User-Agent': 'tests',
			},
		})) as { statusCode: number; statusMessage?: string };
		if (response.statusCode < 300) return { status: 'OK', message: 'Connection successful!' };
		const rule = (test.rules ?? []).find(
			(r) => r.type === 'responseCode' && r.properties.value === response.statusCode,
		);
		return {
			status: 'Error',
			message: rule
				? String((rule.properties as { message: string }).message)
				: String(response.statusMessage),
		};
	} catch (error) {
		return {
			status: 'Error',
			message: String((error as { code?: string }).code ?? (error as Error).message),
		};
	}
}
