/**
 * Pure rules for billable and cost rates (reference §4, §5), checked before anything is sent.
 * Errors are plain `Error`s whose message says what to fix; callers attach the item.
 */
import { DateTime } from 'luxon';

/**
 * A start date as Harvest takes it (YYYY-MM-DD), from a date picker value, an ISO string, a JS Date
 * or a Luxon DateTime; undefined when empty. A string's own calendar date is kept as written, so
 * "2026-03-01T00:00:00+01:00" stays March 1st whatever the server's timezone; objects (which carry
 * an instant, not a date) are read in `zone`, the workflow's timezone.
 */
export function toHarvestDate(value: unknown, zone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: DateTime;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value).setZone(zone);
	else if (DateTime.isDateTime(value)) parsed = value.setZone(zone);
	else {
		const text = String(value).trim();
		parsed = /^\d{4}-\d{2}-\d{2}/.test(text)
			? DateTime.fromISO(text.slice(0, 10))
			: DateTime.invalid('not ISO');
	}
	if (!parsed.isValid) {
		throw new Error(
			`Start date is not a date: ${JSON.stringify(value)}. Use the date picker or a date such as 2026-01-31.`,
		);
	}
	return parsed.toISODate() as string;
}

/** Harvest refuses rates that start in the future; `today` is YYYY-MM-DD where the person is. */
export function requirePastOrToday(date: string | undefined, today: string): string | undefined {
	if (date !== undefined && date > today) {
		throw new Error(
			`Start date ${date} is in the future (today is ${today}). Harvest only accepts rates starting today or earlier: create the rate on or after ${date} instead.`,
		);
	}
	return date;
}

/** "150 from 2025-01-01", or "from the start" for a rate without a start date; "(current)" for the open one. */
export function rateLabel(rate: {
	amount?: unknown;
	start_date?: unknown;
	end_date?: unknown;
}): string {
	const from = rate.start_date ? `from ${String(rate.start_date)}` : 'from the start';
	const current = rate.end_date ? '' : ' (current)';
	return `${String(rate.amount)} ${from}${current}`;
}
