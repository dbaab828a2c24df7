import type { INode } from 'n8n-workflow';

import { requireId } from '../../nodes/HarvestUsers/transport/ids';
import { harvestPath, idLabel } from '../../nodes/HarvestUsers/transport/path';

const node = { name: 'Harvest Users' } as INode;

describe('path IDs', () => {
	it('puts validated IDs into the template', () => {
		expect(
			harvestPath(node, '/v2/projects/{projectId}/user_assignments/{userAssignmentId}', {
				projectId: '12',
				userAssignmentId: 7,
			}),
		).toBe('/v2/projects/12/user_assignments/7');
	});

	it('refuses anything but a positive whole number, naming the field', () => {
		for (const bad of ['1/../../roles', '0', '-3', '1.5', 'abc', '', undefined, '12?x=1', ' 1 2']) {
			expect(() => harvestPath(node, '/v2/users/{userId}', { userId: bad })).toThrow(
				/User ID must be a positive whole number/,
			);
		}
		expect(requireId(node, ' 42 ', 'User ID')).toBe(42);
		expect(idLabel('userAssignmentId')).toBe('User Assignment ID');
	});
});
