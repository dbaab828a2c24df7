/**
 * Roles (reference §9): business labels, not permissions. The same strings appear in
 * `user.roles`, so every membership change is mirrored there (and bumps the user's
 * updated_at, since the user's JSON changed).
 */
import { notFound } from '../errors.cjs';
import type { Store } from '../store.cjs';
import { Body, Input } from './input.cjs';
import type { Role, User } from './records.cjs';
import { Table } from './table.cjs';

export class Roles {
	readonly table = new Table<Role>(618_001);

	constructor(private readonly store: Store) {}

	require(id: number): Role {
		const role = this.table.get(id);
		if (!role) throw notFound();
		return role;
	}

	list(): readonly Role[] {
		return this.table.newest();
	}

	findByName(name: string): Role | undefined {
		const wanted = name.trim().toLowerCase();
		return this.table.values().find((r) => r.name.toLowerCase() === wanted);
	}

	create(body: Body, createdAt?: string): Role {
		const input = new Input(body);
		const name = input.requireString('name');
		if (name !== undefined && this.findByName(name))
			input.problems.add('Name has already been taken');
		const userIds = input.intArray('user_ids');
		input.done();
		const now = createdAt ?? this.store.now();
		const role = this.table.insert({
			id: this.table.nextId(),
			name: name as string,
			user_ids: [],
			created_at: now,
			updated_at: now,
		});
		if (userIds) this.setMembers(role, userIds, now);
		return role;
	}

	/** `user_ids` replaces the membership (the docs call it "the IDs of the users assigned"). */
	update(role: Role, body: Body): Role {
		const input = new Input(body);
		const name = input.has('name') ? input.requireString('name') : undefined;
		const other = name === undefined ? undefined : this.findByName(name);
		if (other && other.id !== role.id) input.problems.add('Name has already been taken');
		const userIds = input.intArray('user_ids');
		input.done();
		const now = this.store.now();
		if (name !== undefined && name !== role.name) {
			for (const user of this.members(role)) {
				user.roles = user.roles.map((r) => (r === role.name ? name : r));
				this.store.users.touch(user, now);
			}
			role.name = name;
			role.updated_at = now;
		}
		if (userIds) this.setMembers(role, userIds, now);
		return role;
	}

	delete(role: Role): void {
		this.setMembers(role, [], this.store.now());
		this.table.delete(role.id);
	}

	/**
	 * Unknown user ids are dropped silently: the docs' own PATCH example sends three ids and
	 * gets back one.
	 */
	private setMembers(role: Role, ids: number[], now: string): void {
		const wanted = [...new Set(ids)].filter((id) => this.store.users.get(id));
		const removed = role.user_ids.filter((id) => !wanted.includes(id));
		const added = wanted.filter((id) => !role.user_ids.includes(id));
		if (removed.length === 0 && added.length === 0) return;
		for (const id of removed) {
			const user = this.store.users.get(id);
			if (!user) continue;
			user.roles = user.roles.filter((r) => r !== role.name);
			this.store.users.touch(user, now);
		}
		for (const id of added) {
			const user = this.store.users.get(id) as User;
			user.roles = [...user.roles, role.name];
			this.store.users.touch(user, now);
		}
		role.user_ids = wanted;
		role.updated_at = now;
	}

	/** Called when a user's `roles` strings are set directly: unknown names become new roles. */
	syncUser(user: User, names: string[], now: string): void {
		const roles = [...new Set(names)].map(
			(n) => this.findByName(n) ?? this.create({ name: n }, now),
		);
		for (const role of this.table.values()) {
			const member = role.user_ids.includes(user.id);
			const wanted = roles.includes(role);
			if (member === wanted) continue;
			role.user_ids = wanted
				? [...role.user_ids, user.id]
				: role.user_ids.filter((id) => id !== user.id);
			role.updated_at = now;
		}
		const next = roles.map((r) => r.name);
		if (JSON.stringify(next) !== JSON.stringify(user.roles)) {
			user.roles = next;
			user.updated_at = now;
		}
	}

	removeUser(userId: number): void {
		const now = this.store.now();
		for (const role of this.table.values()) {
			if (!role.user_ids.includes(userId)) continue;
			role.user_ids = role.user_ids.filter((id) => id !== userId);
			role.updated_at = now;
		}
	}

	private members(role: Role): User[] {
		return role.user_ids
			.map((id) => this.store.users.get(id))
			.filter((u): u is User => u !== undefined);
	}

	render(role: Role): object {
		// Key order as recorded (harvest-observed.md §5, AB 2022).
		return {
			id: role.id,
			name: role.name,
			created_at: role.created_at,
			updated_at: role.updated_at,
			user_ids: [...role.user_ids],
		};
	}

	clear(): void {
		this.table.clear();
	}
}
