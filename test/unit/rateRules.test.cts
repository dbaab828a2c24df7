import { DateTime } from 'luxon';

import {
	rateLabel,
	requirePastOrToday,
	toHarvestDate,
} from '../../nodes/HarvestUsers/rules/rateRules';

describe('rate rules', () => {
	it('turns picker values, ISO strings, Dates and DateTimes into YYYY-MM-DD', () => {
		expect(toHarvestDate('2026-03-01T00:00:00', 'UTC')).toBe('2026-03-01');
		expect(toHarvestDate('2026-03-01', 'UTC')).toBe('2026-03-01');
		// The calendar date as written, not shifted into another zone.
		expect(toHarvestDate('2026-03-01T23:30:00+09:00', 'America/New_York')).toBe('2026-03-01');
		expect(toHarvestDate(new Date('2026-03-01T03:00:00Z'), 'America/New_York')).toBe('2026-02-28');
		expect(toHarvestDate(DateTime.fromISO('2026-03-01T03:00:00Z'), 'Europe/Berlin')).toBe(
			'2026-03-01',
		);
	});

	it('treats empty as "no start date" and refuses what is not a date', () => {
		expect(toHarvestDate('', 'UTC')).toBeUndefined();
		expect(toHarvestDate(undefined, 'UTC')).toBeUndefined();
		expect(toHarvestDate(null, 'UTC')).toBeUndefined();
		expect(() => toHarvestDate('next tuesday', 'UTC')).toThrow(
			/Start date is not a date: "next tuesday"/,
		);
		expect(() => toHarvestDate('2026-02-30', 'UTC')).toThrow(/not a date/);
		expect(() => toHarvestDate(new Date('nope'), 'UTC')).toThrow(/not a date/);
	});

	it('accepts today and earlier, and refuses the future with a fix', () => {
		expect(requirePastOrToday(undefined, '2026-03-01')).toBeUndefined();
		expect(requirePastOrToday('2026-03-01', '2026-03-01')).toBe('2026-03-01');
		expect(requirePastOrToday('2025-12-31', '2026-03-01')).toBe('2025-12-31');
		expect(() => requirePastOrToday('2026-03-02', '2026-03-01')).toThrow(
			/Start date 2026-03-02 is in the future \(today is 2026-03-01\).*on or after 2026-03-02/,
		);
	});

	it('labels rates as "amount from start date"', () => {
		expect(rateLabel({ amount: 150, start_date: '2026-01-01', end_date: null })).toBe(
			'150 from 2026-01-01 (current)',
		);
		expect(rateLabel({ amount: 110.5, start_date: null, end_date: '2025-12-31' })).toBe(
			'110.5 from the start',
		);
	});
});
