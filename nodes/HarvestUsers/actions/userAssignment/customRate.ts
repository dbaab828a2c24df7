import type { IDataObject } from 'n8n-workflow';

/**
 * An assignment's Hourly Rate counts only with Use Default Rates off: with default rates on,
 * Harvest bills (and answers with) the user's default rate, so a rate sent alone on a create
 * would be dropped without a word (harvest-observed-2.md §3.3, §3.5). A new assignment starts
 * with default rates on, so a create needs Use Default Rates off next to the rate; an update
 * only refuses the contradiction, since the assignment may already use custom rates.
 */
export function requireCustomRateUsable(body: IDataObject, creating: boolean): void {
	if (body.hourly_rate === undefined) return;
	const useDefault = body.use_default_rates;
	if (useDefault === true || (creating && useDefault === undefined)) {
		throw new Error(
			`Hourly Rate applies only with Use Default Rates off: Harvest would bill the user's default rate and ignore ${String(body.hourly_rate)}. Add Use Default Rates and turn it off, or remove Hourly Rate`,
		);
	}
}
