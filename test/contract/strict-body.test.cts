/**
 * `validateRequest(req, { strictBody: true })`: body fields Harvest does not document are
 * violations, at any depth. Harvest ignores them silently, which is exactly why a node must not
 * send them (the removed `is_admin` / `can_see_rates`, PATCH `default_hourly_rate`).
 */
import { validateRequest } from './openapi.cjs';

const strict = { strictBody: true };
const newUser = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' };

describe('strict request bodies', () => {
	it('leaves the default unchanged: extra fields pass unless strictBody is asked for', () => {
		const req = { method: 'POST', path: '/v2/users', body: { ...newUser, is_admin: true } };
		expect(validateRequest(req)).toEqual([]);
		expect(validateRequest(req, strict)).toEqual([
			'request body/is_admin is not declared for POST /users',
		]);
	});

	it('reports every removed pre-2022 permission flag, and the rates PATCH no longer documents', () => {
		const body = {
			can_see_rates: true,
			can_create_projects: false,
			default_hourly_rate: 120,
			cost_rate: 60,
			access_roles: ['manager'],
		};
		expect(validateRequest({ method: 'PATCH', path: '/v2/users/42', body }, strict)).toEqual([
			'request body/can_see_rates is not declared for PATCH /users/{userId}',
			'request body/can_create_projects is not declared for PATCH /users/{userId}',
			'request body/default_hourly_rate is not declared for PATCH /users/{userId}',
			'request body/cost_rate is not declared for PATCH /users/{userId}',
		]);
		// The same rates are documented on create.
		expect(
			validateRequest(
				{
					method: 'POST',
					path: '/v2/users',
					body: { ...newUser, default_hourly_rate: 120, cost_rate: 60 },
				},
				strict,
			),
		).toEqual([]);
	});

	it('looks inside nested objects and arrays of objects', () => {
		const entry = {
			project_id: 1,
			task_id: 2,
			spent_date: '2026-01-05',
			external_reference: { id: 'x', colour: 'red' },
		};
		expect(
			validateRequest({ method: 'POST', path: '/v2/time_entries', body: entry }, strict),
		).toEqual(['request body/external_reference/colour is not declared for POST /time_entries']);
		const invoice = {
			client_id: 1,
			line_items: [
				{ kind: 'Service', unit_price: 10 },
				{ kind: 'Service', unit_price: 5, discount: 1 },
			],
		};
		expect(
			validateRequest({ method: 'POST', path: '/v2/invoices', body: invoice }, strict),
		).toEqual(['request body/line_items/1/discount is not declared for POST /invoices']);
	});

	it('accepts every documented field of the bodies our nodes send', () => {
		const bodies: Array<[string, string, unknown]> = [
			[
				'POST',
				'/v2/users',
				{
					...newUser,
					timezone: 'London',
					has_access_to_all_future_projects: true,
					is_contractor: false,
					is_active: true,
					weekly_capacity: 126000,
					default_hourly_rate: 1,
					cost_rate: 1,
					roles: ['Dev'],
					access_roles: ['member'],
				},
			],
			[
				'PATCH',
				'/v2/users/7',
				{
					first_name: 'A',
					timezone: 'UTC',
					weekly_capacity: 3600,
					roles: [],
					access_roles: ['administrator'],
					is_active: false,
				},
			],
			['PATCH', '/v2/users/7/teammates', { teammate_ids: [1, 2] }],
			['POST', '/v2/users/7/billable_rates', { amount: 100, start_date: '2026-01-01' }],
			['POST', '/v2/users/7/cost_rates', { amount: 50 }],
			[
				'POST',
				'/v2/projects/3/user_assignments',
				{
					user_id: 7,
					is_active: true,
					is_project_manager: false,
					use_default_rates: false,
					hourly_rate: 90,
					budget: 10,
				},
			],
			[
				'PATCH',
				'/v2/projects/3/task_assignments/9',
				{ is_active: true, billable: true, hourly_rate: 80, budget: 5 },
			],
			['POST', '/v2/roles', { name: 'Dev', user_ids: [7] }],
		];
		for (const [method, path, body] of bodies)
			expect({ method, path, violations: validateRequest({ method, path, body }, strict) }).toEqual(
				{ method, path, violations: [] },
			);
	});

	it('keeps the other checks and skips what the spec does not cover', () => {
		expect(
			validateRequest(
				{ method: 'POST', path: '/v2/roles', body: { name: 7, colour: 'red' } },
				strict,
			),
		).toEqual([
			'request body/name must be string,null',
			'request body/colour is not declared for POST /roles',
		]);
		expect(
			validateRequest(
				{ method: 'POST', path: '/api/v2/oauth2/token', body: { grant_type: 'refresh_token' } },
				strict,
			),
		).toEqual([]);
		expect(
			validateRequest({ method: 'DELETE', path: '/v2/roles/1', body: { force: true } }, strict),
		).toEqual(['DELETE /roles/{roleId} takes no request body']);
	});
});
