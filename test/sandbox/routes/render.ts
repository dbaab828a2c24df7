/** JSON shapes of records whose stored form differs from the API's (or that must not leak references). */
import type { Client, Project, Task, User } from '../model/records';
import type { Store } from '../store';

/** Stored users already have the API's shape, and replies are serialized at once: no copy needed. */
export function renderUser(u: User): object {
	return u;
}

export function renderTeammate(u: User): object {
	return { id: u.id, first_name: u.first_name, last_name: u.last_name, email: u.email };
}

export function renderProject(store: Store, p: Project): object {
	const { client_id, ...rest } = p;
	const client: Client | undefined = store.clients.get(client_id);
	return { ...rest, client: client ? { id: client.id, name: client.name, currency: client.currency } : null };
}

export function renderTask(t: Task): object {
	return { ...t };
}
