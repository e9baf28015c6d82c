import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { tx, type Db } from '../db';
import { communities } from '../db/schema';
import {
	isPricedKey,
	MAX_CALENDAR_DATES,
	parseSettings,
	PRICED_KEYS,
	settingsOn,
	settingsSchema,
	type CommunitySettings
} from '../../domain/settings';
import { isValidDate, todayIn } from '../../dates';
import { insertSettingChange, pricedHistory } from './priced';
import { clockNow } from '../clock';
import { fenToYuanString } from '../../money';
import { getCommunity } from '../community';
import { audit } from '../audit';
import { dateListField, multilineText, numberField, plainText, yuanField } from './fields';
import { checkbox } from '../forms';
import type { Actor } from './staff';

/** The canonical IANA name of a time zone (Intl accepts any case), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
	if (!name || name.length > 64) return null;
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

/** Every time zone the runtime knows, for the form's suggestion list. */
export function timeZoneNames(): string[] {
	return Intl.supportedValuesOf('timeZone');
}

type Section = keyof CommunitySettings;
type Json = Record<string, unknown>;

/**
 * Where each settings field of the form is stored: section and key in the settings JSON (money
 * fields marked 'yuan': the form shows yuan, the parsed value and the stored one are fen). Form
 * keys are the stored names, prefixed where two sections would clash.
 */
const STORED_AT = {
	dueDay: ['fees', 'dueDay'],
	lateFeeRatePerMille: ['fees', 'lateFeeRatePerMille'],
	lateFeeCapPercent: ['fees', 'lateFeeCapPercent'],
	vacancyPercent: ['fees', 'vacancyPercent'],
	moveInPrepayMonths: ['fees', 'moveInPrepayMonths'],
	depositFen: ['renovation', 'depositFen', 'yuan'],
	debrisRateFenPerM2: ['renovation', 'debrisRateFenPerM2', 'yuan'],
	wallDebrisRateFenPerM2: ['renovation', 'wallDebrisRateFenPerM2', 'yuan'],
	passDepositFen: ['renovation', 'passDepositFen', 'yuan'],
	passCardFeeFen: ['renovation', 'passCardFeeFen', 'yuan'],
	lostPassKeepsDeposit: ['renovation', 'lostPassKeepsDeposit'],
	permitWarnDays: ['renovation', 'permitWarnDays'],
	keyLoanHours: ['keys', 'loanHours'],
	parcelOverdueDays: ['parcels', 'overdueDays'],
	visitorOverstayHours: ['visitors', 'overstayHours'],
	itemKeepDays: ['items', 'keepDays'],
	recordWithinMinutes: ['tickets', 'recordWithinMinutes'],
	supervisorNotifyMinutes: ['tickets', 'supervisorNotifyMinutes'],
	developerTransferWorkingDays: ['tickets', 'developerTransferWorkingDays'],
	followUpDaysEngineering: ['tickets', 'followUpDaysEngineering'],
	followUpDaysProperty: ['tickets', 'followUpDaysProperty'],
	enquiryAnswerHours: ['tickets', 'enquiryAnswerHours'],
	resultDays: ['tickets', 'resultDays'],
	returnVisitWorkingDays: ['tickets', 'returnVisitWorkingDays'],
	checkWorkingDays: ['tickets', 'checkWorkingDays'],
	holidays: ['tickets', 'holidays'],
	extraWorkdays: ['tickets', 'extraWorkdays'],
	staffIdleMinutes: ['sessions', 'staffIdleMinutes'],
	staffAbsoluteHours: ['sessions', 'staffAbsoluteHours'],
	kioskPhone: ['kiosk', 'phone'],
	counterHours: ['kiosk', 'counterHours'],
	kioskIdleSeconds: ['kiosk', 'idleSeconds'],
	spokenCalls: ['kiosk', 'spokenCalls'],
	reportProcedure: ['kiosk', 'reportProcedure'],
	renovationProcedure: ['kiosk', 'renovationProcedure'],
	serviceCommitments: ['kiosk', 'serviceCommitments']
} as const satisfies Record<string, readonly [Section, string, 'yuan'?]>;
type StoredKey = keyof typeof STORED_AT;

/** The stored schema of a form field, without its default and null wrappers: the form's limits come from it. */
function storedSchema(k: StoredKey): z.ZodType {
	const [section, key] = STORED_AT[k];
	let s = (settingsSchema.shape[section].unwrap() as z.ZodObject).shape[key] as z.ZodType;
	while (s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
	return s;
}

/** The range a number setting allows; a setting without an upper limit is a mistake in settingsSchema. */
function rangeOf(k: StoredKey): { min: number; max: number } {
	const s = storedSchema(k);
	if (
		!(s instanceof z.ZodNumber) ||
		s.minValue === null ||
		s.maxValue === null ||
		s.maxValue >= Number.MAX_SAFE_INTEGER
	)
		throw new Error(`settings field ${k}: not a number with both limits`);
	return { min: s.minValue, max: s.maxValue };
}

/** The longest text a string setting allows. */
function maxLengthOf(k: StoredKey): number {
	const s = storedSchema(k);
	if (!(s instanceof z.ZodString) || s.maxLength === null)
		throw new Error(`settings field ${k}: not a string with a maximum length`);
	return s.maxLength;
}

const whole = (k: StoredKey) => numberField(rangeOf(k).min, rangeOf(k).max);
const yuan = (k: StoredKey) => yuanField(rangeOf(k).max);
const wallText = (k: StoredKey) => multilineText(maxLengthOf(k));

/** The settings form: the community's names and the numbers, lists and texts other capabilities read. */
export const settingsFormSchema = z
	.object({
		name: plainText(60),
		centreName: plainText(60),
		timeZone: z
			.string()
			.trim()
			.min(1)
			.max(64)
			.transform((s, ctx) => {
				const tz = canonicalTimeZone(s);
				if (!tz) {
					ctx.addIssue({ code: 'custom', message: m.validation_timezone() });
					return z.NEVER;
				}
				return tz;
			}),
		dueDay: whole('dueDay'),
		lateFeeRatePerMille: whole('lateFeeRatePerMille'),
		lateFeeCapPercent: numberField(
			rangeOf('lateFeeCapPercent').min,
			rangeOf('lateFeeCapPercent').max,
			{ optional: true }
		),
		vacancyPercent: whole('vacancyPercent'),
		moveInPrepayMonths: whole('moveInPrepayMonths'),
		depositFen: yuan('depositFen'),
		debrisRateFenPerM2: yuan('debrisRateFenPerM2'),
		wallDebrisRateFenPerM2: yuan('wallDebrisRateFenPerM2'),
		passDepositFen: yuan('passDepositFen'),
		passCardFeeFen: yuan('passCardFeeFen'),
		lostPassKeepsDeposit: checkbox,
		permitWarnDays: whole('permitWarnDays'),
		keyLoanHours: numberField(rangeOf('keyLoanHours').min, rangeOf('keyLoanHours').max, {
			decimals: 2
		}),
		parcelOverdueDays: whole('parcelOverdueDays'),
		visitorOverstayHours: whole('visitorOverstayHours'),
		itemKeepDays: whole('itemKeepDays'),
		recordWithinMinutes: whole('recordWithinMinutes'),
		supervisorNotifyMinutes: whole('supervisorNotifyMinutes'),
		developerTransferWorkingDays: whole('developerTransferWorkingDays'),
		followUpDaysEngineering: whole('followUpDaysEngineering'),
		followUpDaysProperty: whole('followUpDaysProperty'),
		enquiryAnswerHours: whole('enquiryAnswerHours'),
		resultDays: whole('resultDays'),
		returnVisitWorkingDays: whole('returnVisitWorkingDays'),
		checkWorkingDays: whole('checkWorkingDays'),
		holidays: dateListField(MAX_CALENDAR_DATES),
		extraWorkdays: dateListField(MAX_CALENDAR_DATES),
		staffIdleMinutes: whole('staffIdleMinutes'),
		staffAbsoluteHours: whole('staffAbsoluteHours'),
		kioskPhone: z
			.string()
			.trim()
			.max(maxLengthOf('kioskPhone'))
			.regex(/^[0-9+\-() ]*$/, { error: () => m.validation_phone_format() }),
		// 服务时间 printed on reminder notices (arrears); may be empty.
		counterHours: z
			.string()
			.trim()
			.max(maxLengthOf('counterHours'))
			.refine((s) => !/[<>\p{Cc}]/u.test(s), { error: () => m.validation_no_markup() }),
		kioskIdleSeconds: whole('kioskIdleSeconds'),
		spokenCalls: checkbox,
		reportProcedure: wallText('reportProcedure'),
		renovationProcedure: wallText('renovationProcedure'),
		serviceCommitments: wallText('serviceCommitments'),
		/** From when the changed settings that price money apply (today or later; checked on save). */
		effectiveFrom: z
			.string()
			.trim()
			.refine((s) => isValidDate(s), { error: () => m.admin_settings_effective_from_invalid() })
	})
	.superRefine((f, ctx) => {
		// A holiday wins over an extra working day (isWorkingDay): a date in both lists is a slip.
		if (!Array.isArray(f.holidays) || !Array.isArray(f.extraWorkdays)) return;
		const both = f.extraWorkdays.find((d) => f.holidays.includes(d));
		if (both)
			ctx.addIssue({
				code: 'custom',
				path: ['extraWorkdays'],
				message: m.admin_settings_date_in_both({ date: both })
			});
	});
export type SettingsForm = z.infer<typeof settingsFormSchema>;

/** Lengths the page shows or puts in maxlength, from the same limits. */
export const settingsFormLimits = {
	phone: maxLengthOf('kioskPhone'),
	counterHours: maxLengthOf('counterHours'),
	wallText: maxLengthOf('reportProcedure')
};
export type SettingsFormValues = Record<keyof SettingsForm, string>;

/** The form's current values, as the text boxes show them: priced settings as in force today. */
export function settingsFormValues(
	db: Db,
	communityId: number,
	now: Date = clockNow()
): SettingsFormValues {
	const c = getCommunity(db, communityId);
	return { ...formValuesOf(c), effectiveFrom: todayIn(c.timeZone, now) };
}

/** The standard's values of the settings fields, as the form shows them (for the hints). */
export function settingsDefaults(): Record<StoredKey, string> {
	return storedValuesOf(settingsSchema.parse({}));
}

/** A stored value as its box shows it: fen as yuan, a list one date a line, a ticked box 'on'. */
function asText(k: StoredKey, v: unknown): string {
	if (v === null || v === false) return '';
	if (v === true) return 'on';
	if (Array.isArray(v)) return v.join('\n');
	if (typeof v === 'number' && STORED_AT[k][2] === 'yuan') return fenToYuanString(v);
	return String(v);
}

function storedValuesOf(s: CommunitySettings): Record<StoredKey, string> {
	const out = {} as Record<StoredKey, string>;
	for (const k of Object.keys(STORED_AT) as StoredKey[]) {
		const [section, key] = STORED_AT[k];
		out[k] = asText(k, (s[section] as Json)[key]);
	}
	return out;
}

function formValuesOf(c: {
	name: string;
	centreName: string;
	timeZone: string;
	settings: CommunitySettings;
}): Omit<SettingsFormValues, 'effectiveFrom'> {
	return {
		name: c.name,
		centreName: c.centreName,
		timeZone: c.timeZone,
		...storedValuesOf(c.settings)
	};
}

const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function parseRaw(json: string): Json {
	try {
		const v: unknown = JSON.parse(json);
		return isObject(v) ? v : {};
	} catch {
		return {};
	}
}

/**
 * Puts the form's values into the stored settings JSON. Only the keys this form owns are
 * written: every other key (other capabilities' settings, future ones) is kept as it was.
 */
export function mergeSettings(raw: Json, f: SettingsForm): Json {
	const out: Json = { ...raw };
	for (const k of Object.keys(STORED_AT) as StoredKey[]) {
		const [section, key] = STORED_AT[k];
		const current = out[section];
		out[section] = { ...(isObject(current) ? current : {}), [key]: f[k] };
	}
	return out;
}

export type SaveSettingsResult =
	| { ok: true; changed: string[] }
	| { ok: false; error: 'not_found' | 'invalid_stored' | 'backdated' };

/**
 * Saves the form for the actor's community in one transaction and audits what changed (the
 * settings version the write bumps makes every app instance read the new settings).
 * Settings that price money are never overwritten: a changed one is recorded as a change in force
 * from `f.effectiveFrom` (today or later: a past day must not change), and the stored JSON keeps
 * its opening value. The others are saved in place.
 */
export function saveSettings(
	db: Db,
	actor: Actor,
	f: SettingsForm,
	now: number
): SaveSettingsResult {
	const result = tx(db, (): SaveSettingsResult => {
		const row = db.select().from(communities).where(eq(communities.id, actor.communityId)).get();
		if (!row) return { ok: false, error: 'not_found' };
		const today = todayIn(row.timeZone, now);
		const { changes } = getCommunity(db, row.id);
		const opening = parseSettings(row.settings);
		const inForce = (date: string) => settingsOn(opening, changes, date);
		const before = formValuesOf({ ...row, settings: inForce(today) });
		// Priced keys keep their opening value in the JSON; their new values become dated changes.
		const openingValues = Object.fromEntries(
			PRICED_KEYS.map((k) => [k, (opening[STORED_AT[k][0]] as Json)[STORED_AT[k][1]]])
		);
		const merged = mergeSettings(parseRaw(row.settings), {
			...f,
			...openingValues
		} as SettingsForm);
		// Another capability's stored key being broken would make every setting fall back to its
		// default when read: refuse rather than save something that does not take effect.
		const checked = settingsSchema.safeParse(merged);
		if (!checked.success) return { ok: false, error: 'invalid_stored' };
		const submitted = { ...checked.data };
		for (const k of PRICED_KEYS) {
			const [section, key] = STORED_AT[k];
			submitted[section] = { ...submitted[section], [key]: f[k] } as never;
		}
		// Compared (and audited) as the form shows them: yuan, dates one a line, 'on' for a ticked box.
		const after = formValuesOf({
			name: f.name,
			centreName: f.centreName,
			timeZone: f.timeZone,
			settings: submitted
		});
		const onFrom = formValuesOf({ ...row, settings: inForce(f.effectiveFrom) });
		const scheduledThatDay = new Set(
			changes.filter((c) => c.from === f.effectiveFrom).map((c) => c.key)
		);
		const changesOut: Record<string, [string, string]> = {};
		const priced = PRICED_KEYS.filter(
			// Changed from what the form showed (today's value), or overriding a change already
			// scheduled for that very day (saving today's value on its date cancels it).
			(k) => before[k] !== after[k] || (scheduledThatDay.has(k) && onFrom[k] !== after[k])
		);
		// Only a change of a priced setting needs the date: a past day must not change.
		if (priced.length > 0 && f.effectiveFrom < today) return { ok: false, error: 'backdated' };
		for (const k of priced) {
			insertSettingChange(db, row.id, k, f[k], f.effectiveFrom, actor.id, now);
			changesOut[k] = [before[k], after[k]];
		}
		for (const k of Object.keys(before) as (keyof typeof before)[])
			if (!isPricedKey(k) && before[k] !== after[k]) changesOut[k] = [before[k], after[k]];
		if (Object.keys(changesOut).length === 0) return { ok: true, changed: [] };
		db.update(communities)
			.set({
				name: f.name,
				centreName: f.centreName,
				timeZone: f.timeZone,
				settings: JSON.stringify(merged)
			})
			.where(eq(communities.id, row.id))
			.run();
		const detail =
			priced.length > 0 ? { ...changesOut, effectiveFrom: f.effectiveFrom } : changesOut;
		audit(
			db,
			{
				communityId: row.id,
				actorId: actor.id,
				action: 'community.settings',
				targetType: 'community',
				targetId: row.id,
				detail
			},
			now
		);
		return { ok: true, changed: Object.keys(changesOut) };
	});
	return result;
}

export interface PricedHistoryView {
	key: string;
	opening: string;
	/** Newest first: value as the form shows it, from, who set it. */
	changes: { value: string; from: string; by: string }[];
	next: { value: string; from: string } | null;
}

/** The history of each priced setting as the settings page shows it (values as in the boxes). */
export function pricedHistoryView(
	db: Db,
	communityId: number,
	today: string
): Record<string, PricedHistoryView> {
	const out: Record<string, PricedHistoryView> = {};
	for (const h of pricedHistory(db, communityId, today)) {
		const text = (v: unknown) => asText(h.key, v);
		out[h.key] = {
			key: h.key,
			opening: text(h.opening),
			changes: h.changes.map((c) => ({ value: text(c.value), from: c.from, by: c.byName ?? '' })),
			next: h.next ? { value: text(h.next.value), from: h.next.from } : null
		};
	}
	return out;
}
