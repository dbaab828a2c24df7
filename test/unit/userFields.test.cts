import {
	buildAccessRoles,
	capacityHoursToSeconds,
	isEmail,
	parseAccessRoles,
	parseRoles,
} from '../../nodes/HarvestUsers/actions/user/fields/userValues';
import { requireAmount } from '../../nodes/HarvestUsers/rules/values';

describe('user fields', () => {
	it('converts weekly capacity hours to seconds in half-hour steps', () => {
		expect(capacityHoursToSeconds(35)).toBe(126000);
		expect(capacityHoursToSeconds(37.5)).toBe(135000);
		expect(capacityHoursToSeconds('40')).toBe(144000);
		expect(capacityHoursToSeconds(0)).toBe(0);
		expect(() => capacityHoursToSeconds(37.3)).toThrow(/half-hour steps/);
		expect(() => capacityHoursToSeconds(-1)).toThrow(
			'Weekly Capacity (Hours) must be a number from 0 to 168, got -1',
		);
		expect(() => capacityHoursToSeconds('lots')).toThrow(/from 0 to 168/);
	});

	it('builds access roles: one base role, extra permissions only for managers', () => {
		expect(buildAccessRoles('member')).toEqual(['member']);
		expect(buildAccessRoles('manager', ['project_creator', 'project_creator'])).toEqual([
			'manager',
			'project_creator',
		]);
		expect(() => buildAccessRoles('member', ['project_creator'])).toThrow(
			'Manager Permissions (Create Projects) apply only to the Manager access role; set Access Role to Manager or remove them',
		);
		expect(() => buildAccessRoles('owner')).toThrow(
			'Access Role must be Administrator, Manager or Member, got "owner"',
		);
		expect(() => buildAccessRoles('manager', ['root'])).toThrow(
			'Unknown manager permission "root". Use the names shown in Manager Permissions, or in an expression their values: Create Projects = project_creator, ',
		);
	});

	it('parses access roles from an HR export, ignoring the derived people_manager', () => {
		expect(parseAccessRoles('manager, project_creator')).toEqual(['manager', 'project_creator']);
		expect(parseAccessRoles(['Manager', 'people_manager'])).toEqual(['manager']);
		expect(() => parseAccessRoles(['member', 'manager'])).toThrow(/exactly one/);
		expect(() => parseAccessRoles([])).toThrow(/exactly one/);
	});

	it('parses business roles and checks emails and amounts', () => {
		expect(parseRoles(' Designer, Developer ,Designer')).toEqual(['Designer', 'Developer']);
		expect(parseRoles(undefined)).toEqual([]);
		expect(isEmail(' jane@example.com ')).toBe(true);
		expect(isEmail('jane@')).toBe(false);
		expect(requireAmount('12.5', 'Amount')).toBe(12.5);
		expect(() => requireAmount(-1, 'Amount')).toThrow(/0 or more/);
	});
});
