/**
 * Items in flight: runs tasks `0..count-1` a few at a time, so that a Harvest far away costs one
 * round trip per batch of requests instead of one per item. The transport's limiter still decides
 * how fast requests actually go; this only keeps enough of them waiting for it.
 *
 * - Tasks start in index order, at most `concurrency` at once.
 * - Tasks with the same `key` run one after another, in index order (two writes to one record
 *   never overlap, and a read-modify-write of one record never interleaves with another).
 * - With `stopOnFailure`, a failure stops tasks from starting (those running finish); the caller
 *   then reports the failure with the lowest index, as a loop over the items would have.
 */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface PoolOptions {
	concurrency: number;
	stopOnFailure: boolean;
	/** Tasks with the same key never overlap; undefined = independent of every other task. */
	keyOf?: (index: number) => string | undefined;
}

/** Outcomes by index; `undefined` for a task that never started. */
export async function runInOrder<R>(
	count: number,
	task: (index: number) => Promise<R>,
	options: PoolOptions,
): Promise<Array<Outcome<R> | undefined>> {
	const outcomes = new Array<Outcome<R> | undefined>(count);
	const tails = new Map<string, Promise<void>>();
	let next = 0;
	let stopped = false;

	const run = async (index: number, after: Promise<void> | undefined): Promise<void> => {
		if (after) await after;
		if (stopped) return;
		try {
			outcomes[index] = { ok: true, value: await task(index) };
		} catch (error) {
			outcomes[index] = { ok: false, error };
			if (options.stopOnFailure) stopped = true;
		}
	};

	const worker = async (): Promise<void> => {
		while (!stopped && next < count) {
			const index = next++;
			const key = safeKey(options.keyOf, index);
			const running = run(index, key === undefined ? undefined : tails.get(key));
			if (key !== undefined) tails.set(key, running);
			await running;
			if (key !== undefined && tails.get(key) === running) tails.delete(key);
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return outcomes;
}

/** A key that cannot be worked out (a broken expression) leaves the task to fail on its own. */
function safeKey(keyOf: PoolOptions['keyOf'], index: number): string | undefined {
	try {
		return keyOf?.(index);
	} catch {
		return undefined;
	}
}

/** The failure with the lowest index, if any. */
export function firstFailure<R>(
	outcomes: Array<Outcome<R> | undefined>,
): { index: number; error: unknown } | undefined {
	for (let index = 0; index < outcomes.length; index++) {
		const outcome = outcomes[index];
		if (outcome && !outcome.ok) return { index, error: outcome.error };
	}
	return undefined;
}
