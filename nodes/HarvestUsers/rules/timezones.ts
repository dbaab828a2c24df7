/**
 * Harvest's timezone names (reference §10) with their IANA equivalents. Harvest takes its own
 * names ("Berlin"), not IANA ones ("Europe/Berlin"); the public list may be partial, so the
 * Timezone field also accepts any other name through an expression.
 */
export const HARVEST_TIMEZONES: ReadonlyArray<[harvest: string, iana: string]> = [
	['American Samoa', 'Pacific/Pago_Pago'],
	['International Date Line West', 'Pacific/Midway'],
	['Midway Island', 'Pacific/Midway'],
	['Hawaii', 'Pacific/Honolulu'],
	['Alaska', 'America/Juneau'],
	['Pacific Time (US & Canada)', 'America/Los_Angeles'],
	['Tijuana', 'America/Tijuana'],
	['Arizona', 'America/Phoenix'],
	['Mountain Time (US & Canada)', 'America/Denver'],
	['Central America', 'America/Guatemala'],
	['Central Time (US & Canada)', 'America/Chicago'],
	['Mexico City', 'America/Mexico_City'],
	['Saskatchewan', 'America/Regina'],
	['Bogota', 'America/Bogota'],
	['Eastern Time (US & Canada)', 'America/New_York'],
	['Indiana (East)', 'America/Indiana/Indianapolis'],
	['Lima', 'America/Lima'],
	['Atlantic Time (Canada)', 'America/Halifax'],
	['Caracas', 'America/Caracas'],
	['La Paz', 'America/La_Paz'],
	['Santiago', 'America/Santiago'],
	['Newfoundland', 'America/St_Johns'],
	['Brasilia', 'America/Sao_Paulo'],
	['Buenos Aires', 'America/Argentina/Buenos_Aires'],
	['Mid-Atlantic', 'Atlantic/South_Georgia'],
	['Azores', 'Atlantic/Azores'],
	['Dublin', 'Europe/Dublin'],
	['London', 'Europe/London'],
	['UTC', 'Etc/UTC'],
	['Amsterdam', 'Europe/Amsterdam'],
	['Berlin', 'Europe/Berlin'],
	['Paris', 'Europe/Paris'],
	['Prague', 'Europe/Prague'],
	['Rome', 'Europe/Rome'],
	['Stockholm', 'Europe/Stockholm'],
	['Vienna', 'Europe/Vienna'],
	['Athens', 'Europe/Athens'],
	['Helsinki', 'Europe/Helsinki'],
	['Kiev', 'Europe/Kiev'],
	['Minsk', 'Europe/Minsk'],
	['Moscow', 'Europe/Moscow'],
	['Istanbul', 'Europe/Istanbul'],
	['Dubai', 'Asia/Dubai'],
	['Tehran', 'Asia/Tehran'],
	['Kabul', 'Asia/Kabul'],
	['Karachi', 'Asia/Karachi'],
	['Mumbai', 'Asia/Kolkata'],
	['Kathmandu', 'Asia/Kathmandu'],
	['Dhaka', 'Asia/Dhaka'],
	['Bangkok', 'Asia/Bangkok'],
	['Jakarta', 'Asia/Jakarta'],
	['Singapore', 'Asia/Singapore'],
	['Hong Kong', 'Asia/Hong_Kong'],
	['Beijing', 'Asia/Shanghai'],
	['Tokyo', 'Asia/Tokyo'],
	['Seoul', 'Asia/Seoul'],
	['Adelaide', 'Australia/Adelaide'],
	['Darwin', 'Australia/Darwin'],
	['Brisbane', 'Australia/Brisbane'],
	['Sydney', 'Australia/Sydney'],
	['Vladivostok', 'Asia/Vladivostok'],
	['Solomon Is.', 'Pacific/Guadalcanal'],
	['Auckland', 'Pacific/Auckland'],
	['Fiji', 'Pacific/Fiji'],
	['Samoa', 'Pacific/Apia'],
];

/**
 * In alphabetical order, as n8n's scanner requires of static options (Harvest's own picker goes
 * west to east); the IANA name helps people find theirs.
 */
export function timezoneOptions(): Array<{ name: string; value: string; description: string }> {
	return HARVEST_TIMEZONES.map(([harvest, iana]) => ({
		name: harvest,
		value: harvest,
		description: iana,
	})).sort((a, b) => a.name.localeCompare(b.name));
}
