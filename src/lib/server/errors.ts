/*
 * Failing, one way. A refused write throws an `AppError` of its area inside its transaction (so
 * nothing is written): `code` says why (scripts and tests compare it), `detail` fills in the
 * message, `status` is the HTTP answer. Translation happens at the edge: each area has one
 * `ErrorMessages` map (its `messages.ts`, Paraglide) and routes answer with `refusal()`
 * (`server/refusal.ts`). This module stays free of `$lib` and Paraglide so scripts can use it.
 */

/** The areas that refuse writes with a code (one message map each, except backup: a CLI). */
export type ErrorArea =
	| 'renovation'
	| 'movein'
	| 'waivers'
	| 'queue'
	| 'shifts'
	| 'ledger'
	| 'charges'
	| 'records'
	| 'arrears'
	| 'journal'
	| 'import'
	| 'directory'
	| 'errands'
	| 'parcels'
	| 'visitors'
	| 'items'
	| 'appointments'
	| 'voucher'
	| 'notices'
	| 'kiosk_devices'
	| 'company'
	| 'backup';

export type ErrorDetail = Record<string, unknown>;

export class AppError<C extends string = string, D extends object = ErrorDetail> extends Error {
	constructor(
		readonly area: ErrorArea,
		readonly code: C,
		public detail: D = {} as D,
		/** 400 bad input, 403 role, 404 not found, 409 state or conflict, 429 a limit. */
		readonly status = 400,
		message: string = code
	) {
		super(message);
		this.name = 'AppError';
	}
}

/** An area's status table: the codes that are not plain bad input (400, or `fallback`). */
export function statusOf<C extends string>(
	table: Partial<Record<C, number>>,
	fallback = 400
): (code: C) => number {
	return (code) => table[code] ?? fallback;
}

/**
 * An area's error class, for the areas whose refusal is just a code, a detail and the status its
 * table gives the code: `new ParcelError('not_found')` is a 404 `AppError` of area 'parcels'.
 * Use it as `export const XError = areaError<XCode>(…)` plus
 * `export type XError = InstanceType<typeof XError>` (so the name is a type too).
 */
export function areaError<C extends string>(
	area: ErrorArea,
	name: string,
	table: Partial<Record<C, number>>,
	fallback = 400
) {
	const status = statusOf<C>(table, fallback);
	return class extends AppError<C> {
		constructor(code: C, detail: ErrorDetail = {}) {
			super(area, code, detail, status(code));
			this.name = name;
		}
	};
}

/** What a message may depend on besides the error: the step that refused, the community's zone. */
export interface RefusalContext {
	/** The form or step, when the same code reads differently (e.g. 'approve', 'payment'). */
	step?: string;
	/** The community's time zone, for times in the message. */
	timeZone?: string;
}

type Detail = Record<string, unknown>;

/**
 * An area's translations, in one shape: code → message, code → the form field it belongs to
 * (so the page marks it), and the message for codes without their own.
 */
export interface ErrorMessages<C extends string = string> {
	messages: { [K in C]?: (detail: Detail, ctx: RefusalContext) => string };
	fields?: { [K in C]?: string | ((detail: Detail, ctx: RefusalContext) => string | null) };
	fallback: (detail: Detail, ctx: RefusalContext) => string;
}
