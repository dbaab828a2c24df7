/**
 * Small helpers for the user, teammate and role tests: the seed's people by email, resource
 * locator values, and the sandbox's request log reduced to what a test asserts on.
 */
import type { INodeParameterResourceLocator } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/src/index.cjs';

export const byId = (id: number | string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'id',
	value: String(id),
});
export const byEmail = (email: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'email',
	value: email,
});

/** The seed user's ID (the demo seed: Sam admin, Maya manager of Leo/Ana/Kenji, Leo member, ...). */
export function idOf(sandbox: Sandbox, firstName: string): number {
	const user = sandbox.store.users.list().find((u) => u.first_name === firstName);
	if (!user) throw new Error(`no seed user ${firstName}`);
	return user.id;
}

export function roleIdOf(sandbox: Sandbox, name: string): number {
	const role = sandbox.store.roles.findByName(name);
	if (!role) throw new Error(`no seed role ${name}`);
	return role.id;
}

/** `METHOD /path` of every request, in order. */
export function calls(sandbox: Sandbox): string[] {
	return sandbox.log.map((r) => `${r.method} ${r.path}`);
}

/** The writes (non-GET) with their bodies, in order. */
export function writes(
	sandbox: Sandbox,
): Array<{ method: string; path: string; body: unknown; query: Record<string, string> }> {
	return sandbox.log
		.filter((r) => r.method !== 'GET')
		.map(({ method, path, body, query }) => ({ method, path, body, query }));
}

/**
 * A second user with the same email, written straight into the store: Harvest's API refuses
 * duplicates, but accounts merged or imported in the past can have them.
 */
export function duplicateEmailOf(sandbox: Sandbox, firstName: string): number {
	const original = sandbox.store.users.get(idOf(sandbox, firstName))!;
	const id = sandbox.store.users.table.nextId();
	sandbox.store.users.table.insert({
		...original,
		id,
		first_name: `${original.first_name} (old)`,
		roles: [],
		access_roles: ['member'],
	});
	return id;
}
