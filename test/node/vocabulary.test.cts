/**
 * Issue 24, point 5: messages name operations as the editor shows them, and Create or Update's
 * description says how it matches (by email).
 */
import { loadPackage, NODE_TYPE, patCredential, runNode, useSandbox } from '../harness/index.cjs';

const sandbox = useSandbox({ seed: 'demo' });

async function operationOptions(): Promise<
	Array<{ name: string; value: string; description?: string }>
> {
	const { nodeTypes } = await loadPackage();
	const props = nodeTypes.getByNameAndVersion(NODE_TYPE, 1.1).description.properties;
	const op = props.find(
		(p) =>
			p.name === 'operation' &&
			(p.displayOptions?.show?.resource as string[] | undefined)?.includes('user'),
	);
	return op?.options as Array<{ name: string; value: string; description?: string }>;
}

describe('one vocabulary', () => {
	it('a user not found by email points to the operation by its editor name, Create or Update', async () => {
		const { status, error } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'email', value: 'nobody.here@example.com' },
			},
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('error');
		// The message says what to send instead (issue 20), naming operations as the editor does.
		expect(error?.message).toBe(
			'No Harvest user has the email nobody.here@example.com: send the email of an existing user (User → Get Many lists them)',
		);
		expect(error?.description).toMatch(/use Create or Update to create the user/);
		expect(error?.description).not.toMatch(/Upsert/);
		const editorNames = (await operationOptions()).map((o) => o.name);
		expect(editorNames).toContain('Create or Update');
	});

	it('Create or Update says it matches by email', async () => {
		const upsert = (await operationOptions()).find((o) => o.value === 'upsert');
		expect(upsert?.name).toBe('Create or Update');
		expect(upsert?.description).toMatch(/by email/i);
	});
});
