import { projectIdFromUrl, projectResult } from '../../nodes/HarvestUsers/display/labels';
import { SIMPLE_USER_FIELDS, simplifyUser } from '../../nodes/HarvestUsers/display/simplifyUser';

describe('project web URLs', () => {
	it('reads the project ID from the address of a project page, and nothing else', () => {
		expect(projectIdFromUrl('https://acme.harvestapp.com/projects/14308069')).toBe(14308069);
		expect(projectIdFromUrl(' https://acme.harvestapp.com/projects/14308069/edit ')).toBe(14308069);
		expect(projectIdFromUrl('https://acme.harvestapp.com/projects/14308069?tab=team')).toBe(
			14308069,
		);
		expect(projectIdFromUrl('https://acme.harvestapp.com/projects/1430x')).toBeUndefined();
		expect(projectIdFromUrl('https://acme.harvestapp.com/people/14308069')).toBeUndefined();
		expect(projectIdFromUrl('https://evil.example.com/projects/14308069')).toBeUndefined();
		expect(projectIdFromUrl('14308069')).toBeUndefined();
	});

	it('links a listed project to its page when the account address is known', () => {
		const project = { id: 7, name: 'Website', code: 'WEB', client: { name: 'Acme' } };
		expect(projectResult(project, 'https://acme.harvestapp.com/')).toEqual({
			name: 'Acme – Website [WEB]',
			value: 7,
			url: 'https://acme.harvestapp.com/projects/7',
		});
		expect(projectResult(project)).toEqual({ name: 'Acme – Website [WEB]', value: 7 });
	});
});

describe('simplifyUser', () => {
	it('keeps at most ten fields, and the extra keys asked for', () => {
		expect(SIMPLE_USER_FIELDS.length).toBeLessThanOrEqual(10);
		const user = {
			id: 1,
			first_name: 'Nathan',
			email: 'nathan@example.com',
			telephone: '+1',
			cost_rate: 50,
			event: 'updated',
			changes: {},
		};
		expect(simplifyUser(user)).toEqual({
			id: 1,
			first_name: 'Nathan',
			email: 'nathan@example.com',
		});
		expect(simplifyUser(user, ['event', 'changes'])).toEqual({
			id: 1,
			first_name: 'Nathan',
			email: 'nathan@example.com',
			event: 'updated',
			changes: {},
		});
	});
});
