import { baseRoleOf } from '../../nodes/HarvestUsers/transport/access';
import { accountsUrl, unknownAccountText } from '../../nodes/HarvestUsers/transport/accounts';

describe('where the token is asked for its accounts', () => {
	it("is Harvest ID for Harvest's own API, and never a host the credential does not name", () => {
		expect(accountsUrl('https://api.harvestapp.com')).toBe(
			'https://id.getharvest.com/api/v2/accounts',
		);
		expect(accountsUrl('https://api.harvestapp.com/')).toBe(
			'https://id.getharvest.com/api/v2/accounts',
		);
		// A proxy, a look-alike host or plain HTTP keep the token on the credential's own host.
		expect(accountsUrl('https://harvest-proxy.example.com/harvest')).toBe(
			'https://harvest-proxy.example.com/harvest/api/v2/accounts',
		);
		expect(accountsUrl('https://api.harvestapp.com.evil.example')).toBe(
			'https://api.harvestapp.com.evil.example/api/v2/accounts',
		);
		expect(accountsUrl('http://api.harvestapp.com')).toBe(
			'http://api.harvestapp.com/api/v2/accounts',
		);
		expect(accountsUrl('https://api.harvestapp.com:8443')).toBe(
			'https://api.harvestapp.com:8443/api/v2/accounts',
		);
		expect(accountsUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/api/v2/accounts');
	});
});

describe('the wrong-account message', () => {
	const accounts = [
		{ id: 1046325, name: 'Sandbox Co', product: 'harvest' },
		{ id: 2046330, name: 'Sandbox Co', product: 'forecast' },
		{ id: 77, name: 'Side Project', product: 'harvest' },
	];

	it('lists the Harvest accounts, and names a Forecast ID as such', () => {
		expect(unknownAccountText('999', accounts)).toEqual({
			message: 'Account ID 999 is not a Harvest account this token can reach',
			description:
				"This token reaches: Sandbox Co (Account ID 1046325), Side Project (Account ID 77). Put one of these IDs in the credential's Account ID field.",
		});
		expect(unknownAccountText('2046330', accounts)?.message).toBe(
			"Account ID 2046330 is a Forecast account; the Harvest API needs a Harvest account's ID",
		);
		expect(unknownAccountText('999', [accounts[1]])?.description).toMatch(
			/reaches no Harvest account/,
		);
	});

	it('says nothing when the ID is one of them (the 401 had another cause)', () => {
		expect(unknownAccountText('77', accounts)).toBeUndefined();
	});
});

describe("the token's base role", () => {
	it('reads access_roles, and the legacy is_admin / is_project_manager', () => {
		expect(baseRoleOf({ access_roles: ['manager', 'people_manager'] })).toBe('manager');
		expect(baseRoleOf({ access_roles: ['administrator'] })).toBe('administrator');
		expect(baseRoleOf({ access_roles: ['member'] })).toBe('member');
		expect(baseRoleOf({ is_admin: true })).toBe('administrator');
		expect(baseRoleOf({ is_admin: false, is_project_manager: true })).toBe('manager');
		expect(baseRoleOf({ is_admin: false })).toBe('member');
		expect(baseRoleOf({})).toBeUndefined();
	});
});
