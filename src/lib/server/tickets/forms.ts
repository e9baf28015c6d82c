import { z } from 'zod';
import { isValidDate, localToEpochMs } from '../../dates';
import { parseForm, type Parsed } from '../forms';
import {
	CHECK_RESULTS,
	DEPARTMENTS,
	EDITABLE_FIELDS,
	RESIDENT_SOURCES,
	STAFF_SOURCES,
	TEXT_MAX,
	TICKET_KINDS,
	TICKET_URGENCIES,
	VISIT_METHODS,
	VISIT_RATINGS,
	type TicketAction
} from '../../domain/tickets';
import type { FieldError, FieldErrors } from './errors';

/*
 * The tickets area's form schemas: counter and kiosk intake, and every step on a ticket. They are
 * parsed with `parseForm` like every other area's, but give error codes (FieldError) rather than
 * text: the use cases also run without a request (the seed, the kiosk's own messages), and the
 * codes are translated at the edge (messages.ts). Values are trimmed; a missing field reads as ''.
 */

export const NAME_MAX = 50;
export const LOCATION_MAX = 100;
export const NOTE_MAX = 500;
export const UNIT_CODE_MAX = 20;
/** A paper record older than this is a typo (a wrong year, month), not a late entry. */
export const RECEIVED_MAX_AGE_DAYS = 30;
/** A choice longer than this is refused as too long before it is looked up. */
const CHOICE_MAX = 100;

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

/** Unit codes as typed: full-width and long dashes become '-', spaces go. */
export function normaliseUnitCode(s: string): string {
	return s.replace(/[－—–]/g, '-').replace(/\s+/g, '');
}

/** Parses with `parseForm`, getting the tickets error codes (put in each issue's params). */
export function parseTicketForm<S extends z.ZodType>(
	schema: S,
	input: Record<string, unknown>
): Parsed<z.infer<S>, FieldError> {
	return parseForm(schema, input, (issue): FieldError =>
		issue.code === 'custom' && issue.params?.ticket
			? (issue.params.ticket as FieldError)
			: { code: 'invalid' }
	);
}

/** The typed string values (numbers as text), to refill the form. */
export function stringValues(raw: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw))
		if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
	return out;
}

// ---- field checks: one value in, the value read and at most one error out ----

type Checked<T> = { value: T; error?: FieldError };

function raw(v: unknown): string {
	return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function checkText(v: unknown, max: number, required = false): Checked<string> {
	const s = raw(v);
	if (!s && required) return { value: s, error: { code: 'required' } };
	if (s.length > max) return { value: s, error: { code: 'too_long', max } };
	return { value: s };
}

function checkChoice<T extends string>(
	v: unknown,
	list: readonly T[],
	opts: { required?: boolean; fallback?: T; code?: FieldError } = {}
): Checked<T | null> {
	const s = raw(v);
	if (s.length > CHOICE_MAX) return { value: null, error: { code: 'too_long', max: CHOICE_MAX } };
	if (!s)
		return opts.fallback !== undefined
			? { value: opts.fallback }
			: { value: null, error: opts.required ? { code: 'required' } : undefined };
	if (!(list as readonly string[]).includes(s))
		return { value: null, error: opts.code ?? { code: 'invalid' } };
	return { value: s as T };
}

function checkPhone(v: unknown, required: boolean): Checked<string> {
	const r = checkText(v, 30, required);
	if (!r.error && r.value && !/^\+?[0-9][0-9 ()-]{2,28}$/.test(r.value))
		return { value: r.value, error: { code: 'phone' } };
	return r;
}

export interface TimeContext {
	timeZone: string;
	now: number;
	/** Not before this (the step it follows). */
	earliest?: number;
	/** Not more than this many days back (a mistyped year). */
	maxAgeDays?: number;
}

/**
 * When something happened: empty means now; otherwise a local date-time (or epoch ms) not in the
 * future, not before `earliest`, and not more than `maxAgeDays` back.
 */
function checkTime(v: unknown, c: TimeContext): Checked<number> {
	if (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))
		return { value: c.now };
	const at = typeof v === 'number' ? v : parseLocalDateTime(String(v), c.timeZone);
	if (at === null || !Number.isFinite(at)) return { value: c.now, error: { code: 'time_format' } };
	if (at > c.now) return { value: at, error: { code: 'time_future' } };
	if (c.maxAgeDays !== undefined && at < c.now - c.maxAgeDays * 86_400_000)
		return { value: at, error: { code: 'time_too_old', days: c.maxAgeDays } };
	if (c.earliest !== undefined && at < c.earliest)
		return { value: at, error: { code: 'time_before', at: c.earliest } };
	return { value: at };
}

function issue(ctx: z.RefinementCtx, e: FieldError, path?: string) {
	ctx.addIssue({
		code: 'custom',
		message: e.code,
		params: { ticket: e },
		...(path ? { path: [path] } : {})
	});
}

/** A zod field from a check: the value read, its error as an issue. A missing field is checked as ''. */
const field = <T>(check: (v: unknown) => Checked<T>) =>
	z
		.unknown()
		.optional()
		.transform((v, ctx) => {
			const r = check(v);
			if (r.error) issue(ctx, r.error);
			return r.value;
		});

const text = (max: number, required = false) => field((v) => checkText(v, max, required));
const choice = <T extends string>(
	list: readonly T[],
	opts: { required?: boolean; fallback?: T; code?: FieldError } = {}
) => field((v) => checkChoice(v, list, opts));
const phone = (required: boolean) => field((v) => checkPhone(v, required));
const time = (c: TimeContext) => field((v) => checkTime(v, c));
const fixed = <T>(value: T) =>
	z
		.unknown()
		.optional()
		.transform(() => value);
/** An optional note: '' reads as none. */
const note = () => text(NOTE_MAX).transform((s) => s || undefined);
const name = () => text(NAME_MAX, true);

// ---- intake ----

export interface IntakeContext extends TimeContext {
	/** The resident's own unit code (kiosk, phone), or null for staff. */
	residentUnitCode: string | null;
	findUnit: (code: string) => { id: number; code: string } | null;
}

/**
 * A report or complaint as recorded at the counter, by phone or from the kiosk. Residents report
 * for their own unit only, are received when they send, and cannot dispatch or answer.
 */
export function intakeSchema(c: IntakeContext) {
	const staff = c.residentUnitCode === null;
	return z
		.object({
			kind: choice(TICKET_KINDS, { required: true }),
			source: choice(staff ? STAFF_SOURCES : RESIDENT_SOURCES, { required: true }),
			reporterName: name(),
			reporterPhone: phone(true),
			location: text(LOCATION_MAX),
			text: text(TEXT_MAX, true),
			urgency: choice(TICKET_URGENCIES, { fallback: 'normal' }),
			unitCode: text(UNIT_CODE_MAX).transform(normaliseUnitCode),
			// Typed for calls taken on paper; residents' reports are received when sent.
			receivedAt: staff
				? time({ timeZone: c.timeZone, now: c.now, maxAgeDays: RECEIVED_MAX_AGE_DAYS })
				: fixed(c.now),
			department: staff
				? choice(DEPARTMENTS, { code: { code: 'unknown_department' } })
				: fixed(null),
			assignee: staff ? text(NAME_MAX) : fixed(''),
			answer: staff ? text(TEXT_MAX) : fixed('')
		})
		.superRefine(
			// Rules across fields; a field that failed its own check is absent here.
			(o, ctx) => {
				if (o.unitCode !== undefined) {
					if (!staff && o.unitCode && o.unitCode !== c.residentUnitCode)
						issue(ctx, { code: 'resident_unit' }, 'unitCode');
					else if (staff && o.unitCode && !c.findUnit(o.unitCode))
						issue(ctx, { code: 'unknown_unit', unit: o.unitCode }, 'unitCode');
					else if (staff && !o.unitCode && !o.location && o.location !== undefined)
						issue(ctx, { code: 'location_required' }, 'location');
				}
				if (o.department && o.kind === 'developer_complaint')
					issue(ctx, { code: 'developer_no_dispatch' }, 'department');
				else if (o.department && !o.assignee && o.assignee !== undefined)
					issue(ctx, { code: 'required' }, 'assignee');
			},
			{ when: () => true }
		)
		.transform((o) => ({
			...o,
			kind: o.kind!,
			source: o.source!,
			urgency: o.urgency ?? 'normal',
			// The unit: a resident's own; staff's as typed (none for a common area).
			unit: staff ? c.findUnit(o.unitCode) : null,
			dispatch: o.department ? { department: o.department, assignee: o.assignee } : null,
			// The answer box belongs to enquiries only.
			answer: o.kind === 'enquiry' ? o.answer : ''
		}));
}

// ---- steps on a ticket ----

export interface ActionContext extends TimeContext {
	resident: boolean;
	/** The resident's channel, recorded as a rating's method. */
	residentSource?: 'kiosk' | 'mobile';
}

/** The fields of each step (edits: `editSchema`). `at` is when it happened; residents' steps happen now. */
export function actionSchemas(c: ActionContext) {
	const at = c.resident ? fixed(c.now) : time(c);
	return {
		dispatch: z.object({
			department: choice(DEPARTMENTS, { required: true, code: { code: 'unknown_department' } }),
			assignee: name(),
			note: note(),
			at
		}),
		approve: z.object({ note: note(), at }),
		transfer: z.object({ assignee: name(), note: note(), at }),
		notify_supervisor: z.object({ supervisor: name(), note: note(), at }),
		follow_up: z.object({ text: text(TEXT_MAX, true), at }),
		complete: z.object({ text: text(TEXT_MAX).transform((s) => s || undefined), at }),
		answer: z.object({ text: text(TEXT_MAX, true), at }),
		result_told: z.object({ text: text(TEXT_MAX, true), at }),
		check: z.object({
			result: choice(CHECK_RESULTS, { required: true }),
			checker: name(),
			note: note(),
			at
		}),
		// From the kiosk the resident rates their own visit; the method and visitor are fixed.
		return_visit: z.object({
			rating: choice(VISIT_RATINGS, { required: true }),
			method: c.resident
				? fixed(c.residentSource ?? ('kiosk' as const))
				: choice(VISIT_METHODS, { required: true }),
			visitor: c.resident ? fixed('') : name(),
			note: note(),
			at
		}),
		// Closing is recorded when it is done, never backdated.
		close: z.object({ note: note() }),
		reopen: z.object({ reason: text(NOTE_MAX, true), at })
	} satisfies Record<Exclude<TicketAction, 'edit'>, z.ZodType>;
}

export interface EditContext {
	/** The ticket as it stands. */
	unitId: number | null;
	location: string;
	findUnit: (code: string) => { id: number; code: string } | null;
}

/** An edit of one field (recorded when done); the value is checked as that field is at intake. */
export function editSchema(c: EditContext) {
	return z
		.object({ field: choice(EDITABLE_FIELDS, { required: true }), value: z.unknown().optional() })
		.transform((o, ctx) => {
			const field = o.field!;
			const bad = (e: FieldError | undefined) => e && issue(ctx, e, 'value');
			switch (field) {
				case 'reporterName':
				case 'location': {
					const r = checkText(
						o.value,
						field === 'location' ? LOCATION_MAX : NAME_MAX,
						field === 'reporterName'
					);
					bad(
						r.error ??
							(field === 'location' && !r.value && c.unitId === null
								? { code: 'location_required' }
								: undefined)
					);
					return { field, value: r.value };
				}
				case 'reporterPhone': {
					const r = checkPhone(o.value, true);
					bad(r.error);
					return { field, value: r.value };
				}
				case 'urgency':
				case 'kind': {
					const r = checkChoice<string>(
						o.value,
						field === 'urgency' ? TICKET_URGENCIES : TICKET_KINDS,
						{ required: true }
					);
					bad(r.error);
					return { field, value: r.value ?? '' };
				}
				case 'unit': {
					const r = checkText(o.value, UNIT_CODE_MAX);
					const code = normaliseUnitCode(r.value);
					const unit = c.findUnit(code);
					bad(
						r.error ??
							(code && !unit
								? { code: 'unknown_unit', unit: code }
								: !code && !c.location
									? { code: 'location_required' }
									: undefined)
					);
					return { field, value: code, unitId: unit?.id ?? null };
				}
			}
		});
}

export type { FieldErrors };

/** A form field as typed: '' when missing, trimmed, cut one past `max` (so "too long" is still seen). */
const typed = (max: number) =>
	z.preprocess(
		(v) =>
			String(v ?? '')
				.trim()
				.slice(0, max + 1),
		z.string()
	);

/**
 * A resident's report at the kiosk or on the phone: only the resident's own fields (name and phone
 * come from the file, the unit from the session). Lengths are checked by `createTicket` like the
 * counter's; this refuses what the resident must fix first: the kind, the place, the text.
 */
export const residentReportFields = z.object({
	kind: typed(CHOICE_MAX),
	where: typed(CHOICE_MAX).transform((w): 'home' | 'common' =>
		w === 'common' ? 'common' : 'home'
	),
	location: typed(LOCATION_MAX),
	text: typed(TEXT_MAX),
	urgent: typed(CHOICE_MAX).transform((u) => (u === '1' ? '1' : ''))
});
export const residentReportSchema = residentReportFields.superRefine((v, ctx) => {
	if (!(TICKET_KINDS as readonly string[]).includes(v.kind))
		ctx.addIssue({ code: 'custom', path: ['kind'], message: 'kind' });
	if (v.where === 'common' && !v.location)
		ctx.addIssue({ code: 'custom', path: ['location'], message: 'location' });
	if (!v.text) ctx.addIssue({ code: 'custom', path: ['text'], message: 'text' });
});
