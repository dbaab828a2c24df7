import {
	givenUpdateFields,
	planUpdate,
} from '../../nodes/HarvestUsers/actions/user/provisioning/updatePlan';
import { toUserBody } from '../../nodes/HarvestUsers/actions/user/fields/userBody';
import {
	selectedUserFields,
	simplifiedUser,
	TOOL_USER_FIELDS,
} from '../../nodes/HarvestUsers/display/userOutput';
import { isBlank, withoutBlanks } from '../../nodes/HarvestUsers/rules/toolUse';

const maya = {
	id: 7,
	first_name: 'Maya',
	last_name: 'Patel',
	email: 'maya@example.com',
	telephone: '',
	timezone: 'Berlin',
	weekly_capacity: 135000,
	has_access_to_all_future_projects: true,
	is_contractor: false,
	is_active: true,
	roles: ['Lead'],
	access_roles: ['manager', 'project_creator', 'people_manager'],
	created_at: '2020-01-01T00:00:00Z',
};

describe('AI-tool helpers (issue 20)', () => {
	it('blank is "", null, undefined or spaces; false and 0 are values', () => {
		expect([undefined, null, '', '  '].map(isBlank)).toEqual([true, true, true, true]);
		expect([false, 0, 'x', []].map(isBlank)).toEqual([false, false, false, false]);
		expect(withoutBlanks({ a: '', b: null, c: false, d: 0, e: 'x' })).toEqual({
			c: false,
			d: 0,
			e: 'x',
		});
	});

	it('the simplified user has every field Update sets, capacity in hours, and nothing else', () => {
		expect(simplifiedUser(maya)).toEqual({
			id: 7,
			first_name: 'Maya',
			last_name: 'Patel',
			email: 'maya@example.com',
			is_active: true,
			is_contractor: false,
			has_access_to_all_future_projects: true,
			timezone: 'Berlin',
			access_roles: ['manager', 'project_creator', 'people_manager'],
			roles: ['Lead'],
			telephone: '',
			weekly_capacity_hours: 37.5,
		});
		expect(TOOL_USER_FIELDS).toHaveLength(12);
		expect(selectedUserFields(maya, 'email, nope, weekly_capacity')).toEqual({
			id: 7,
			email: 'maya@example.com',
			weekly_capacity: 135000,
		});
	});

	it('Get’s simplified values given back to Update change nothing; one changed value is the whole PATCH', () => {
		const shown = simplifiedUser(maya);
		const fields = {
			firstName: shown.first_name,
			lastName: shown.last_name,
			email: shown.email,
			timezone: shown.timezone,
			accessRole: shown.access_roles,
			roles: shown.roles,
			weeklyCapacity: shown.weekly_capacity_hours,
			isContractor: shown.is_contractor,
			hasAccessToAllFutureProjects: shown.has_access_to_all_future_projects,
		};
		const plan = (changes: object) => {
			const given = givenUpdateFields({ ...fields, ...changes }, true);
			return planUpdate(toUserBody(given, 'update'), maya, given).body;
		};
		expect(plan({})).toEqual({});
		expect(plan({ lastName: 'Ng' })).toEqual({ last_name: 'Ng' });
		expect(plan({ accessRole: 'manager' })).toEqual({});
		expect(plan({ accessRole: 'member' })).toEqual({ access_roles: ['member'] });
		expect(plan({ roles: '', firstName: '', weeklyCapacity: null })).toEqual({});
	});
});
