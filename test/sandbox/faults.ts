/** Queued faults: each matches some requests and answers the next `count` of them. */
import type { Fault } from './types';

interface Queued {
	fault: Fault;
	remaining: number;
}

export class FaultQueue {
	private queue: Queued[] = [];

	add(fault: Fault): void {
		this.queue.push({ fault, remaining: fault.count ?? 1 });
	}

	clear(): void {
		this.queue = [];
	}

	get pending(): Fault[] {
		return this.queue.map((q) => ({ ...q.fault, count: q.remaining }));
	}

	/**
	 * The first queued fault that matches, used up by one. `explicitOnly`: only faults whose
	 * match.path names this path (the OAuth endpoints live on another host in reality).
	 */
	take(method: string, path: string, { explicitOnly = false } = {}): Fault | undefined {
		const hit = this.queue.find((q) => (!explicitOnly || q.fault.match?.path !== undefined) && matches(q.fault, method, path));
		if (!hit) return undefined;
		hit.remaining -= 1;
		if (hit.remaining <= 0) this.queue = this.queue.filter((q) => q !== hit);
		return hit.fault;
	}
}

function matches(fault: Fault, method: string, path: string): boolean {
	const m = fault.match;
	if (!m) return true;
	if (m.method && m.method.toUpperCase() !== method) return false;
	if (m.path === undefined) return true;
	if (typeof m.path === 'string') return m.path === path;
	m.path.lastIndex = 0; // a /g RegExp keeps state between test() calls
	return m.path.test(path);
}
