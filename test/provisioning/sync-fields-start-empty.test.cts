/**
 * Issue 24, point 3: a field added under Fields to Sync (Reconcile) or Additional Fields (Create or
 * Update) starts empty, so forgetting to map it changes nobody; it never carries a fixed value
 * such as 35 hours. A value a saved workflow stored (35, a number) still applies.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { loadPackage, NODE_TYPE, patCredential, runNode, useSandbox } from '../harness/index.cjs';

const sandbox = useSandbox({ seed: 'demo' });

/** What the editor puts in the collection when the person adds the option: its default. */
async function addedDefault(operation: string, option: string): Promise<string | number> {
	const { nodeTypes } = await loadPackage();
	const props = nodeTypes.getByNameAndVersion(NODE_TYPE, 1.1).description.properties;
	const collection = props.find(
		(p) =>
			p.name === 'additionalFields' &&
			(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
	);
	const field = (collection?.options as INodeProperties[] | undefined)?.find(
		(o) => o.name === option,
	);
	if (!field) throw new Error(`${operation}: no ${option} option`);
	return field.default as string | number;
}

const KENJI = 'kenji.watanabe@example.com'; // 20 h a week in the demo data
const writes = () => sandbox().log.filter((r) => r.method !== 'GET');

describe('fields added and not mapped change nobody', () => {
	it.each(['weeklyCapacity', 'defaultHourlyRate', 'costRate'])(
		'%s starts empty on Reconcile and on Create or Update',
		async (option) => {
			expect(await addedDefault('reconcile', option)).toBe('');
			expect(await addedDefault('upsert', option)).toBe('');
		},
	);

	it('Reconcile: Weekly Capacity added as the editor adds it plans no capacity change', async () => {
		const weeklyCapacity = await addedDefault('reconcile', 'weeklyCapacity');
		const roster: IDataObject[] = [{ email: KENJI, first_name: 'Kenji', last_name: 'Watanabe' }];
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'reconcile',
				dryRun: true,
				additionalFields: { weeklyCapacity },
			},
			input: roster,
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('success');
		const summary = json[json.length - 1];
		expect(summary.action).toBe('summary');
		expect(summary.planned ?? summary.counts).toMatchObject({ update: 0 });
	});

	it('Create or Update: Weekly Capacity added as the editor adds it leaves the person as they are', async () => {
		const weeklyCapacity = await addedDefault('upsert', 'weeklyCapacity');
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'upsert',
				email: KENJI,
				firstName: 'Kenji',
				lastName: 'Watanabe',
				additionalFields: { weeklyCapacity },
			},
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('success');
		expect(json[0].action).toBe('unchanged');
		expect(writes()).toEqual([]);
		expect(sandbox().store.users.findByEmail(KENJI)!.weekly_capacity).toBe(20 * 3600);
	});

	it('Create: Weekly Capacity added but empty fails the item saying so, nothing sent', async () => {
		const { status, error } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'create',
				email: 'new.one@example.com',
				firstName: 'New',
				lastName: 'One',
				additionalFields: { weeklyCapacity: '' },
			},
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('error');
		expect(error?.message).toMatch(/Weekly Capacity \(Hours\) was added but is empty/);
		expect(writes()).toEqual([]);
	});

	it('a saved workflow’s stored 35 (a number) still applies', async () => {
		const { status, json } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'upsert',
				email: KENJI,
				firstName: 'Kenji',
				lastName: 'Watanabe',
				additionalFields: { weeklyCapacity: 35 },
			},
			credentials: patCredential(sandbox()),
		});
		expect(status).toBe('success');
		expect(json[0].action).toBe('updated');
		expect(sandbox().store.users.findByEmail(KENJI)!.weekly_capacity).toBe(35 * 3600);
	});
});
