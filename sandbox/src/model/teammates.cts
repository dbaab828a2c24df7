/**
 * Teammates (reference §3): a manager's assigned people. The PATCH is a full replacement, only
 * managers may have teammates (422 otherwise), and having any grants `people_manager`.
 */
import { unprocessable } from '../errors.cjs';
import type { Store } from '../store.cjs';
import { Body, Input } from './input.cjs';
import type { User } from './records.cjs';

export class Teammates {
	private readonly byManager = new Map<number, number[]>();

	constructor(private readonly store: Store) {}

	ids(managerId: number): number[] {
		return this.byManager.get(managerId) ?? [];
	}

	/** Newest first, like the user list. */
	of(managerId: number): User[] {
		return this.ids(managerId)
			.map((id) => this.store.users.get(id))
			.filter((u): u is User => u !== undefined)
			.sort((a, b) => b.id - a.id);
	}

	/** 422 unless the user is a Manager: the docs say so for both GET and PATCH. */
	requireManager(manager: User): void {
		if (this.store.users.baseRole(manager) !== 'manager')
			throw unprocessable('The user must be a Manager to have assigned teammates');
	}

	set(managerId: number, body: Body): User[] {
		const manager = this.store.users.require(managerId);
		this.requireManager(manager);
		const input = new Input(body);
		if (!input.has('teammate_ids') || body.teammate_ids === null)
			input.problems.add("Teammate ids can't be blank");
		const ids = [...new Set(input.intArray('teammate_ids') ?? [])];
		const unknown = ids.filter((id) => !this.store.users.get(id));
		if (unknown.length > 0)
			input.problems.add(`Teammate ids contains unknown users: ${unknown.join(', ')}`);
		input.done();
		this.byManager.set(managerId, ids);
		if (ids.length === 0) this.byManager.delete(managerId);
		this.store.users.refreshPeopleManager(manager);
		return this.of(managerId);
	}

	clearManager(managerId: number): void {
		this.byManager.delete(managerId);
	}

	/** A deleted user leaves every team; a manager left with none loses people_manager. */
	removeUser(userId: number): void {
		this.byManager.delete(userId);
		for (const [managerId, ids] of this.byManager) {
			if (!ids.includes(userId)) continue;
			const rest = ids.filter((id) => id !== userId);
			if (rest.length > 0) this.byManager.set(managerId, rest);
			else this.byManager.delete(managerId);
			const manager = this.store.users.get(managerId);
			if (manager) this.store.users.refreshPeopleManager(manager);
		}
	}

	entries(): Record<string, number[]> {
		return Object.fromEntries([...this.byManager].map(([k, v]) => [String(k), [...v]]));
	}

	clear(): void {
		this.byManager.clear();
	}
}
