/**
 * Reads request-body fields the way Rails does: a JSON body brings typed values, a form body
 * brings strings ("true", "126000", `roles[]=…`), and both must end up the same. Problems go
 * into one list so that a 422 names every bad field at once ("First name can't be blank, Email
 * has already been taken").
 */
import { Problems } from '../errors.cjs';

export type Body = Record<string, unknown>;

/** 'first_name' -> 'First name' (Rails' humanized attribute name). */
export function humanize(key: string): string {
	const words = key.replace(/_ids$/, ' ids').replace(/_id$/, '').replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class Input {
	readonly problems = new Problems();

	constructor(private readonly body: Body) {}

	has(key: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.body, key) && this.body[key] !== undefined;
	}

	/** Present and not null/blank. */
	present(key: string): boolean {
		const v = this.body[key];
		return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
	}

	requireString(key: string): string | undefined {
		if (!this.present(key)) {
			this.problems.add(`${humanize(key)} can't be blank`);
			return undefined;
		}
		return this.string(key);
	}

	string(key: string): string | undefined {
		const v = this.body[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v === 'string') return v.trim();
		if (typeof v === 'number' || typeof v === 'boolean') return String(v);
		this.problems.add(`${humanize(key)} is invalid`);
		return undefined;
	}

	email(key: string, required: boolean): string | undefined {
		const value = required ? this.requireString(key) : this.string(key);
		if (value === undefined) return undefined;
		if (!required && value === '') {
			this.problems.add(`${humanize(key)} can't be blank`);
			return undefined;
		}
		if (!EMAIL.test(value)) {
			this.problems.add(`${humanize(key)} is invalid`);
			return undefined;
		}
		return value;
	}

	bool(key: string): boolean | undefined {
		const v = this.body[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v === 'boolean') return v;
		if (v === 'true' || v === '1' || v === 1) return true;
		if (v === 'false' || v === '0' || v === 0) return false;
		this.problems.add(`${humanize(key)} is invalid`);
		return undefined;
	}

	/** undefined = absent; null only when `nullable` and the body says null. */
	number(
		key: string,
		opts: { integer?: boolean; min?: number; nullable?: boolean } = {},
	): number | null | undefined {
		const v = this.body[key];
		if (v === undefined) return undefined;
		if (v === null || v === '') {
			if (opts.nullable) return null;
			this.problems.add(`${humanize(key)} is not a number`);
			return undefined;
		}
		const n =
			typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
		if (!Number.isFinite(n)) {
			this.problems.add(`${humanize(key)} is not a number`);
			return undefined;
		}
		if (opts.integer && !Number.isInteger(n)) {
			this.problems.add(`${humanize(key)} must be an integer`);
			return undefined;
		}
		if (opts.min !== undefined && n < opts.min) {
			this.problems.add(`${humanize(key)} must be greater than or equal to ${opts.min}`);
			return undefined;
		}
		return n;
	}

	requireNumber(key: string, opts: { integer?: boolean; min?: number } = {}): number | undefined {
		if (!this.present(key)) {
			this.problems.add(`${humanize(key)} can't be blank`);
			return undefined;
		}
		const n = this.number(key, opts);
		return n === null ? undefined : n;
	}

	/** A form body may send one value where JSON sends an array; both are accepted. */
	stringArray(key: string): string[] | undefined {
		const v = this.body[key];
		if (v === undefined) return undefined;
		if (v === null || v === '') return [];
		const list = Array.isArray(v) ? v : [v];
		if (!list.every((x) => typeof x === 'string' || typeof x === 'number')) {
			this.problems.add(`${humanize(key)} is invalid`);
			return undefined;
		}
		return list.map((x) => String(x).trim()).filter((x) => x !== '');
	}

	intArray(key: string): number[] | undefined {
		const strings = this.stringArray(key);
		if (strings === undefined) return undefined;
		const ids = strings.map(Number);
		if (!ids.every((n) => Number.isInteger(n))) {
			this.problems.add(`${humanize(key)} is invalid`);
			return undefined;
		}
		return ids;
	}

	/** YYYY-MM-DD that is a real calendar date. */
	date(key: string): string | undefined {
		const v = this.string(key);
		if (v === undefined || v === '') return undefined;
		const d = new Date(`${v}T00:00:00Z`);
		if (!DATE.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
			this.problems.add(`${humanize(key)} is invalid`);
			return undefined;
		}
		return v;
	}

	done(): void {
		this.problems.throwIfAny();
	}
}

/** Parse `updated_since` etc.; returns null for garbage so the caller can answer 422. */
export function parseDateTime(value: string): number | null {
	if (
		!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(
			value.trim(),
		)
	)
		return null;
	let text = value.trim().replace(' ', 'T');
	// A time without a zone is read as UTC (Harvest's clock), not as the host's local time.
	if (text.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? null : ms;
}
