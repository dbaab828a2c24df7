/**
 * The transport's limits and limiter registry as tests and the benchmark change them. The package
 * ships them as constants with no setters or reset functions (nothing test-only in dist/); before
 * the package is loaded, the built `transport/settings.js` is replaced by a mutable copy and
 * `limiterFor` of `transport/throttle.js` by one whose registry can be emptied. Under jest that is
 * `jest.doMock` (n8n's loader requires the package through jest's registry); in plain Node (the
 * benchmark) it is Node's require cache.
 */
import { join, resolve } from 'path';

type SettingsModule = typeof import('../../nodes/HarvestUsers/transport/settings');
type ThrottleModule = typeof import('../../nodes/HarvestUsers/transport/throttle');
type TransportSettings = SettingsModule['settings'];

const TRANSPORT = join(resolve(__dirname, '..', '..'), 'dist/nodes/HarvestUsers/transport');
const SETTINGS_JS = join(TRANSPORT, 'settings.js');
const THROTTLE_JS = join(TRANSPORT, 'throttle.js');

let shipped: Readonly<TransportSettings> | undefined;
const current = {} as { -readonly [K in keyof TransportSettings]: TransportSettings[K] };
const registry = new Map<string, InstanceType<ThrottleModule['SlidingWindowLimiter']>>();

function settingsModule(actual: SettingsModule): SettingsModule {
	shipped = actual.settings;
	// Overrides made before the package was loaded (a test's first lines) stay.
	Object.assign(current, { ...shipped, ...current });
	return { ...actual, settings: current };
}

function throttleModule(actual: ThrottleModule): ThrottleModule {
	return {
		...actual,
		limiterFor(key: string) {
			let limiter = registry.get(key);
			if (!limiter) registry.set(key, (limiter = new actual.SlidingWindowLimiter()));
			return limiter;
		},
	};
}

/** Replaces the two built modules; call before the package is loaded. */
export function installTransportHooks(): void {
	if (typeof jest !== 'undefined') {
		jest.doMock(SETTINGS_JS, () => settingsModule(jest.requireActual(SETTINGS_JS)));
		jest.doMock(THROTTLE_JS, () => throttleModule(jest.requireActual(THROTTLE_JS)));
		return;
	}
	const settings = settingsModule(require(SETTINGS_JS) as SettingsModule);
	require.cache[SETTINGS_JS]!.exports = settings;
	const throttle = throttleModule(require(THROTTLE_JS) as ThrottleModule);
	require.cache[THROTTLE_JS]!.exports = throttle;
}

/** The limits the loaded package works to, and how tests scale them. */
export const transportHooks = {
	get settings(): Readonly<TransportSettings> {
		return current;
	},
	configureTransport(overrides: Partial<TransportSettings>): void {
		Object.assign(current, overrides);
	},
	resetTransport(): void {
		if (shipped) Object.assign(current, shipped);
		else for (const key of Object.keys(current)) delete current[key as keyof TransportSettings];
	},
	/** Forgets every token's sliding window (and pause). */
	resetLimiters(): void {
		registry.clear();
	},
};
