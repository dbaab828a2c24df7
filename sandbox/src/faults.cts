/** Queued faults: each matches some requests and answers the next `count` of them. */
import { JSON_TYPE, jsonReply, type Reply } from './http.cjs';
import type { CutKind, Fault } from './types.cjs';

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
		const hit = this.queue.find(
			(q) => (!explicitOnly || q.fault.match?.path !== undefined) && matches(q.fault, method, path),
		);
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

/** What the hostile faults need to know about the request they answer. */
export interface FaultRequest {
	/** The absolute URL requested, query included. */
	url: string;
	/** The Authorization header as received (echo faults send it back). */
	authorization?: string;
}

/** Faults that alter the normal answer rather than replace it. */
export function altersAnswer(fault: Fault): boolean {
	return (
		fault.kind === 'rewrite' ||
		(fault.kind === 'echo' && (fault.status ?? 200) < 400) ||
		isCut(fault)
	);
}

const CUT_KINDS: readonly string[] = [
	'short-body',
	'fake-gzip',
	'die-after-status',
] satisfies CutKind[];

function isCut(fault: Fault): fault is Fault & { kind: CutKind } {
	return CUT_KINDS.includes(fault.kind);
}

/** The answer of a replacing hostile fault (redirect, body, echo as an error); undefined for others. */
export function hostileReply(fault: Fault, request: FaultRequest): Reply | undefined {
	switch (fault.kind) {
		case 'redirect':
			return {
				status: fault.status ?? 302,
				headers: { Location: fault.location ?? '/', 'Content-Type': 'text/html', ...fault.headers },
				body: '<html><body>You are being redirected.</body></html>',
			};
		case 'body':
			return {
				status: fault.status ?? 200,
				headers: { 'Content-Type': fault.contentType ?? JSON_TYPE, ...fault.headers },
				body: fault.body ?? '',
			};
		case 'echo': {
			const echoed = `Authorization: ${request.authorization ?? ''}`;
			return jsonReply(
				fault.status ?? 400,
				{ message: `Rejected header ${echoed}`, error_description: echoed },
				{ Hint: echoed },
			);
		}
		default:
			return undefined;
	}
}

/** The normal answer, altered by a `rewrite` or a 2xx `echo` fault, or sent broken (a cut fault). */
export function alterReply(fault: Fault, reply: Reply, request: FaultRequest): Reply {
	if (isCut(fault)) return { ...reply, cut: fault.kind };
	let json: unknown;
	try {
		json = reply.body ? JSON.parse(reply.body) : undefined;
	} catch {
		json = undefined;
	}
	const headers = { ...reply.headers, ...(fault.headers ?? {}) };
	if (!json || typeof json !== 'object' || Array.isArray(json)) return { ...reply, headers };
	const body = { ...(json as Record<string, unknown>) };
	if (fault.kind === 'echo') {
		body.echo = { authorization: request.authorization ?? null };
		headers.Hint = `Authorization: ${request.authorization ?? ''}`;
	}
	for (const key of fault.drop ?? []) delete body[key];
	Object.assign(body, fault.set ?? {});
	if (fault.nextToSelf)
		body.links = { ...((body.links as object | undefined) ?? {}), next: request.url };
	return { ...reply, headers, body: JSON.stringify(body) };
}
