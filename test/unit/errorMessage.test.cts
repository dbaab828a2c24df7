import {
	harvestMessage,
	isHtml,
	notFoundMessage,
	statusHint,
} from '../../nodes/HarvestUsers/transport/errorMessage';

describe("Harvest's error message", () => {
	it('prefers message, then error_description, then error, then Hint, then the status text', () => {
		expect(
			harvestMessage({ message: 'Email has already been taken' }, 'x', 422, 'Unprocessable'),
		).toBe('Email has already been taken');
		expect(
			harvestMessage(
				{ error: 'invalid_token', error_description: 'The access token provided is expired' },
				undefined,
				401,
				'Unauthorized',
			),
		).toBe('The access token provided is expired');
		expect(harvestMessage({ status: 404, error: 'Not Found' }, undefined, 404, 'Not Found')).toBe(
			'Not Found',
		);
		expect(harvestMessage('', 'Not authorized!', 403, 'Forbidden')).toBe('Not authorized!');
		expect(
			harvestMessage('<html><body>Page not found</body></html>', undefined, 404, 'Not Found'),
		).toBe('Not Found');
		expect(harvestMessage(undefined, undefined, 429, undefined)).toBe('HTTP 429');
		expect(harvestMessage(undefined, undefined, undefined, undefined)).toBe(
			'No answer from Harvest',
		);
	});

	it('reads JSON that arrived as text or bytes', () => {
		expect(harvestMessage('{"message":"Not authorized!"}', undefined, 403, '')).toBe(
			'Not authorized!',
		);
		expect(harvestMessage(Buffer.from('{"message":"Nope"}'), undefined, 422, '')).toBe('Nope');
		expect(harvestMessage('{broken', 'From hint', 422, '')).toBe('From hint');
	});

	it('recognises HTML bodies and gives a hint per status', () => {
		expect(isHtml('<!DOCTYPE html><html></html>')).toBe(true);
		expect(isHtml('{"a":1}')).toBe(false);
		expect(statusHint(401)).toMatch(/Account ID/);
		expect(statusHint(403)).toMatch(/Administrator/);
		expect(statusHint(418)).toBeUndefined();
	});
});

describe('notFoundMessage', () => {
	it('names the missing record, and its parent, from the path', () => {
		expect(notFoundMessage('GET /v2/users/999')).toBe('No Harvest user with ID 999');
		expect(notFoundMessage('GET /v2/users/5/billable_rates/9?x=1')).toBe(
			'No Harvest billable rate with ID 9 of user 5',
		);
		expect(notFoundMessage('PATCH /v2/projects/3/task_assignments/7')).toBe(
			'No Harvest task assignment with ID 7 of project 3',
		);
		expect(notFoundMessage('GET /v2/users/5/teammates')).toBe('No Harvest user with ID 5');
		expect(notFoundMessage('GET /v2/users/me')).toBeUndefined();
	});
});
