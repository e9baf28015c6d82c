import { isValidDate, localToEpochMs } from '../../dates';
import type { FieldError, FieldErrors } from './errors';

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/;

/** "2026-11-23T09:05" (a datetime-local input) in the community's zone → epoch ms, or null. */
export function parseLocalDateTime(s: string, timeZone: string): number | null {
	const m = LOCAL_DATETIME.exec(s.trim());
	if (!m || !isValidDate(m[1])) return null;
	try {
		return localToEpochMs(m[1], m[2], timeZone);
	} catch {
		return null;
	}
}

/**
 * Reads and checks the string fields of one form, collecting one error per field. Values are
 * trimmed; a missing field reads as ''.
 */
export class FieldReader {
	readonly errors: FieldErrors = {};
	constructor(readonly raw: Record<string, unknown>) {}

	private fail(name: string, e: FieldError) {
		this.errors[name] ??= e;
	}

	has(name: string): boolean {
		return this.raw[name] !== undefined && this.raw[name] !== null && String(this.raw[name]).trim() !== '';
	}

	str(name: string, opts: { required?: boolean; max: number }): string {
		const v = this.raw[name];
		const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
		if (!s && opts.required) this.fail(name, { code: 'required' });
		else if (s.length > opts.max) this.fail(name, { code: 'too_long', max: opts.max });
		return s;
	}

	/** One of a list; `code` is the error for a value outside it (e.g. an unknown department). */
	oneOf<T extends string>(name: string, list: readonly T[], opts: { required?: boolean; fallback?: T; code?: FieldError } = {}): T | null {
		const s = this.str(name, { max: 100 });
		if (!s) {
			if (opts.fallback !== undefined) return opts.fallback;
			if (opts.required) this.fail(name, { code: 'required' });
			return null;
		}
		if (!(list as readonly string[]).includes(s)) {
			this.fail(name, opts.code ?? { code: 'invalid' });
			return null;
		}
		return s as T;
	}

	phone(name: string, opts: { required?: boolean }): string {
		const s = this.str(name, { required: opts.required, max: 30 });
		if (s && !/^\+?[0-9][0-9 ()-]{2,28}$/.test(s)) this.fail(name, { code: 'phone' });
		return s;
	}

	/**
	 * When something happened: empty means now; otherwise a local date-time (or epoch ms) not in
	 * the future, not before `earliest`, and not more than `maxAgeDays` back (a mistyped year).
	 */
	time(name: string, ctx: { timeZone: string; now: number; earliest?: number; maxAgeDays?: number }): number {
		const v = this.raw[name];
		if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return ctx.now;
		const at = typeof v === 'number' ? v : parseLocalDateTime(String(v), ctx.timeZone);
		if (at === null || !Number.isFinite(at)) {
			this.fail(name, { code: 'time_format' });
			return ctx.now;
		}
		if (at > ctx.now) this.fail(name, { code: 'time_future' });
		else if (ctx.maxAgeDays !== undefined && at < ctx.now - ctx.maxAgeDays * 86_400_000) this.fail(name, { code: 'time_too_old', days: ctx.maxAgeDays });
		else if (ctx.earliest !== undefined && at < ctx.earliest) this.fail(name, { code: 'time_before', at: ctx.earliest });
		return at;
	}

	get ok(): boolean {
		return Object.keys(this.errors).length === 0;
	}

	/** The string values, to refill the form. */
	values(): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [k, v] of Object.entries(this.raw)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
		return out;
	}
}

/** Unit codes as typed: full-width and long dashes become '-', spaces go. */
export function normaliseUnitCode(s: string): string {
	return s.replace(/[－—–]/g, '-').replace(/\s+/g, '');
}
