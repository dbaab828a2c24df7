import { sleep } from 'n8n-workflow';

import { settings } from './settings';

/**
 * One sliding-window limiter per token, shared by every item, page and poll in this process.
 *
 * A slot is held from the moment a request is sent until `windowMs` after its answer arrived:
 * the answer proves Harvest counted the request by then, so N slots can never put N+1 requests
 * inside one of Harvest's windows, whatever the latency. After a 429 the whole queue pauses
 * (octokit's lesson: pausing only the request that got the 429 lets the others keep tripping it).
 *
 * This is an optimisation, not the guarantee: n8n workers in queue mode share tokens without
 * sharing this memory, so the 429 handling in request.ts stays the safety net.
 */
export class SlidingWindowLimiter {
	/** One entry per request still counted: its answer time, or undefined while in flight. */
	private readonly slots: Array<{ answeredAt?: number }> = [];

	private pausedUntil = 0;

	private turn: Promise<void> = Promise.resolve();

	constructor(private readonly now: () => number = Date.now) {}

	/** Waits for a free slot; call the returned function when the answer (or failure) arrives. */
	async acquire(): Promise<() => void> {
		const previous = this.turn;
		let done!: () => void;
		this.turn = new Promise<void>((resolve) => (done = resolve));
		await previous;
		try {
			const slot = await this.waitForSlot();
			return () => {
				slot.answeredAt = this.now();
			};
		} finally {
			done();
		}
	}

	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
	}

	private async waitForSlot(): Promise<{ answeredAt?: number }> {
		for (;;) {
			const now = this.now();
			if (now < this.pausedUntil) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			this.prune(now);
			if (this.slots.length < settings.requestsPerWindow) {
				const slot = {};
				this.slots.push(slot);
				return slot;
			}
			const answered = this.slots
				.map((s) => s.answeredAt)
				.filter((t): t is number => t !== undefined);
			// All slots in flight: poll briefly until one answers.
			const wait = answered.length ? Math.min(...answered) + settings.windowMs - now : 10;
			await sleep(Math.max(1, wait));
		}
	}

	private prune(now: number): void {
		for (let i = this.slots.length - 1; i >= 0; i--) {
			const { answeredAt } = this.slots[i];
			if (answeredAt !== undefined && answeredAt + settings.windowMs <= now)
				this.slots.splice(i, 1);
		}
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

export function limiterFor(key: string): SlidingWindowLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter();
		limiters.set(key, limiter);
	}
	return limiter;
}
