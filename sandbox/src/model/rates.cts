/**
 * Billable and cost rate histories (reference §4, §5). One class serves both: the rules are the
 * same, only the user field they feed differs. Each user's list is kept sorted by start_date
 * (null = "since the beginning" first), which is also the API's order.
 */
import { notFound } from '../errors.cjs';
import type { Store } from '../store.cjs';
import { Body, Input } from './input.cjs';
import type { Rate } from './records.cjs';

export type RateField = 'default_hourly_rate' | 'cost_rate';

export class Rates {
	private readonly byId = new Map<number, Rate>();
	private readonly byUser = new Map<number, Rate[]>();
	private nextId: number;

	constructor(
		private readonly store: Store,
		/** The user field that mirrors the current rate. */
		readonly field: RateField,
		private readonly firstId: number,
	) {
		this.nextId = firstId;
	}

	list(userId: number): Rate[] {
		return this.byUser.get(userId) ?? [];
	}

	require(userId: number, id: number): Rate {
		const rate = this.byId.get(id);
		if (!rate || rate.user_id !== userId) throw notFound();
		return rate;
	}

	/** The opening entry of a new user's history (no start_date). */
	seed(userId: number, amount: number, now: string): Rate {
		const rate: Rate = {
			id: this.nextId++,
			user_id: userId,
			amount,
			start_date: null,
			end_date: null,
			created_at: now,
			updated_at: now,
		};
		this.byUser.set(userId, [rate]);
		this.byId.set(rate.id, rate);
		return rate;
	}

	/**
	 * No start_date: the new rate replaces the whole history. A start_date on or before existing
	 * rates' start dates replaces those. Whatever rate is left last gets end_date = the day before.
	 */
	create(userId: number, body: Body): Rate {
		const user = this.store.users.require(userId);
		const input = new Input(body);
		const amount = input.requireNumber('amount', { min: 0 });
		const start = input.date('start_date');
		if (start !== undefined && start > this.store.clock.today())
			input.problems.add("Start date can't be in the future");
		input.done();

		const now = this.store.now();
		let history = this.list(userId);
		const replaced =
			start === undefined
				? history
				: history.filter((r) => r.start_date !== null && r.start_date >= start);
		for (const r of replaced) this.byId.delete(r.id);
		history = history.filter((r) => !replaced.includes(r));
		const previous = history[history.length - 1];
		if (previous && start !== undefined) {
			previous.end_date = dayBefore(start);
			previous.updated_at = now;
		}
		const rate: Rate = {
			id: this.nextId++,
			user_id: userId,
			amount: amount as number,
			start_date: start ?? null,
			end_date: null,
			created_at: now,
			updated_at: now,
		};
		history.push(rate);
		this.byUser.set(userId, history);
		this.byId.set(rate.id, rate);
		if (user[this.field] !== rate.amount) {
			user[this.field] = rate.amount;
			this.store.users.touch(user, now);
		}
		return rate;
	}

	removeUser(userId: number): void {
		for (const r of this.list(userId)) this.byId.delete(r.id);
		this.byUser.delete(userId);
	}

	all(): Rate[] {
		return [...this.byId.values()];
	}

	clear(): void {
		this.byId.clear();
		this.byUser.clear();
		this.nextId = this.firstId;
	}
}

export function renderRate(rate: Rate): object {
	const { id, amount, start_date, end_date, created_at, updated_at } = rate;
	return { id, amount, start_date, end_date, created_at, updated_at };
}

function dayBefore(date: string): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
