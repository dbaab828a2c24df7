/**
 * A Base URL that is not an http(s) address makes every request fail with a raw ERR_INVALID_URL
 * (n8n's "Test connection" shows just that). Said in words instead, with the fix.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL | undefined;
	try {
		url = new URL(baseUrl);
	} catch {
		url = undefined;
	}
	if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname)
		return undefined;
	return `The Base URL "${baseUrl}" is not a web address: it must start with https:// (or http:// for a local test server). For Harvest itself use https://api.harvestapp.com.`;
}
