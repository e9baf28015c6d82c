import { z } from 'zod';
import { MAX_FEN } from '../money';

/** Most dates a holiday or extra-workday list may hold (about ten years of public holidays). */
export const MAX_CALENDAR_DATES = 500;

/** Money: whole fen, at most what any single input may carry. */
const fen = () => z.number().int().min(0).max(MAX_FEN);
const dateList = () =>
	z
		.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
		.max(MAX_CALENDAR_DATES)
		.default([]);

/**
 * Per-community settings (stored as JSON on the community row). Every number DOMAIN.md marks
 * *configurable* lives here with the standard's default, so a missing key always has a value.
 * Every number has an upper limit too: the admin form reads its ranges from here, and an absurd
 * value (a billion working days, a kiosk that never resets) would hang or defeat the rule using it.
 */
export const settingsSchema = z.object({
	fees: z
		.object({
			dueDay: z.number().int().min(1).max(28).default(20),
			lateFeeRatePerMille: z.number().int().min(0).max(100).default(3),
			/** null = no cap. */
			lateFeeCapPercent: z.number().int().min(0).max(1000).nullable().default(100),
			vacancyPercent: z.number().int().min(0).max(100).default(90),
			moveInPrepayMonths: z.number().int().min(0).max(36).default(6)
		})
		.prefault({}),
	renovation: z
		.object({
			depositFen: fen().default(200000),
			debrisRateFenPerM2: fen().default(300),
			wallDebrisRateFenPerM2: fen().default(1500),
			passDepositFen: fen().default(5000),
			passCardFeeFen: fen().default(1000),
			lostPassKeepsDeposit: z.boolean().default(true),
			/** The renovation board flags permits ending within this many days. */
			permitWarnDays: z.number().int().min(0).max(60).default(7)
		})
		.prefault({}),
	keys: z.object({ loanHours: z.number().min(0.25).max(72).default(2) }).prefault({}),
	/** 快递代收: a parcel waiting more than this many days is overdue (counter home, handover). */
	parcels: z.object({ overdueDays: z.number().int().min(1).max(90).default(7) }).prefault({}),
	/** 访客登记: a visitor still inside this many hours after coming in (or past that day) is overdue. */
	visitors: z.object({ overstayHours: z.number().int().min(1).max(24).default(12) }).prefault({}),
	/** 物品寄存: the longest a deposit may be kept (its claim date is at most this many days ahead). */
	items: z.object({ keepDays: z.number().int().min(1).max(365).default(30) }).prefault({}),
	tickets: z
		.object({
			recordWithinMinutes: z.number().int().min(1).max(1440).default(10),
			supervisorNotifyMinutes: z.number().int().min(1).max(1440).default(30),
			developerTransferWorkingDays: z.number().int().min(1).max(30).default(1),
			followUpDaysEngineering: z.number().int().min(1).max(90).default(7),
			followUpDaysProperty: z.number().int().min(1).max(90).default(3),
			enquiryAnswerHours: z.number().int().min(1).max(720).default(24),
			resultDays: z.number().int().min(1).max(90).default(7),
			returnVisitWorkingDays: z.number().int().min(1).max(30).default(1),
			/** 工程部查验: engineering work is checked within this many working days of completion. */
			checkWorkingDays: z.number().int().min(1).max(30).default(1),
			holidays: dateList(),
			extraWorkdays: dateList()
		})
		.prefault({}),
	sessions: z
		.object({
			staffIdleMinutes: z.number().int().min(1).max(1440).default(30),
			staffAbsoluteHours: z.number().int().min(1).max(72).default(12)
		})
		.prefault({}),
	kiosk: z
		.object({
			idleSeconds: z.number().int().min(10).max(600).default(60),
			phone: z.string().max(40).default(''),
			/** 服务时间 of the counter, printed on reminder notices (催缴通知单); '' = not printed. */
			counterHours: z.string().max(60).default(''),
			/** Wall texts shown on the kiosk (报事处理流程, 装修手续办理流程, 服务承诺); '' = the standard's text, translated. */
			reportProcedure: z.string().max(4000).default(''),
			renovationProcedure: z.string().max(4000).default(''),
			serviceCommitments: z.string().max(4000).default(''),
			/** 语音叫号: the hall display says each call aloud (with a chime). */
			spokenCalls: z.boolean().default(true)
		})
		.prefault({})
});

export type CommunitySettings = z.infer<typeof settingsSchema>;

export function parseSettings(json: string | null | undefined): CommunitySettings {
	let raw: Record<string, unknown> = {};
	try {
		const v = json ? JSON.parse(json) : {};
		if (v && typeof v === 'object' && !Array.isArray(v)) raw = v;
	} catch {
		raw = {};
	}
	const parsed = settingsSchema.safeParse(raw);
	if (parsed.success) return parsed.data;
	// One bad section must not reset the others: fall back to defaults section by section.
	const out: Record<string, unknown> = {};
	for (const [key, section] of Object.entries(settingsSchema.shape)) {
		const r = (section as z.ZodType).safeParse(raw[key]);
		out[key] = r.success ? r.data : (section as z.ZodType).parse(undefined);
	}
	return out as CommunitySettings;
}

// ---------------------------------------------------------------- effective-dated (priced) settings

/**
 * Settings that price money. A past day must never change, so these are not overwritten: each
 * change is a row (value, effective from a date, who set it) and every computation reads the value
 * in force on the day it concerns. The value stored in the settings JSON is the opening value, in
 * force before the first recorded change.
 */
export const PRICED_SETTINGS = {
	dueDay: ['fees', 'dueDay'],
	lateFeeRatePerMille: ['fees', 'lateFeeRatePerMille'],
	lateFeeCapPercent: ['fees', 'lateFeeCapPercent'],
	vacancyPercent: ['fees', 'vacancyPercent'],
	depositFen: ['renovation', 'depositFen'],
	debrisRateFenPerM2: ['renovation', 'debrisRateFenPerM2'],
	wallDebrisRateFenPerM2: ['renovation', 'wallDebrisRateFenPerM2'],
	passDepositFen: ['renovation', 'passDepositFen'],
	passCardFeeFen: ['renovation', 'passCardFeeFen']
} as const satisfies Record<string, readonly ['fees' | 'renovation', string]>;
export type PricedKey = keyof typeof PRICED_SETTINGS;
export const PRICED_KEYS = Object.keys(PRICED_SETTINGS) as PricedKey[];
export function isPricedKey(k: string): k is PricedKey {
	return Object.hasOwn(PRICED_SETTINGS, k);
}

/** One recorded change: `value` is in force from `from` (YYYY-MM-DD) on. `id` orders changes of one day. */
export interface SettingChange<V = unknown> {
	id: number;
	key: string;
	value: V;
	from: string;
}

/** Changes of one key, in the order they take effect (same day: later id last). */
function ordered<V>(changes: readonly SettingChange<V>[], key: string): SettingChange<V>[] {
	return changes
		.filter((c) => c.key === key)
		.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id - b.id));
}

/**
 * The value of `key` in force on `date`: the latest change with from ≤ date (the later id wins a
 * day with two), or `base` before the first change.
 */
export function valueInForce<V>(
	base: V,
	changes: readonly SettingChange<V>[],
	key: string,
	date: string
): V {
	let value = base;
	for (const c of ordered(changes, key)) {
		if (c.from > date) break;
		value = c.value;
	}
	return value;
}

/**
 * The next scheduled change of `key` after `today`: the first later day on which the value in force
 * differs from the day before (a change that only restores the value, e.g. a cancelled one, is none).
 */
export function nextChange<V>(
	changes: readonly SettingChange<V>[],
	key: string,
	today: string,
	base?: V
): SettingChange<V> | null {
	const days = [
		...new Set(
			ordered(changes, key)
				.filter((c) => c.from > today)
				.map((c) => c.from)
		)
	];
	const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
	let before: unknown = valueInForce<V | undefined>(base, changes, key, today);
	for (const day of days) {
		const on = valueInForce<V | undefined>(base, changes, key, day);
		if (!same(on, before))
			return ordered(changes, key)
				.filter((c) => c.from === day)
				.at(-1)!;
		before = on;
	}
	return null;
}

/** The settings with every priced value as in force on `date`. */
export function settingsOn(
	settings: CommunitySettings,
	changes: readonly SettingChange[],
	date: string
): CommunitySettings {
	const fees = { ...settings.fees } as Record<string, unknown>;
	const renovation = { ...settings.renovation } as Record<string, unknown>;
	for (const k of PRICED_KEYS) {
		const [section, key] = PRICED_SETTINGS[k];
		const target = section === 'fees' ? fees : renovation;
		target[key] = valueInForce(target[key], changes, k, date);
	}
	return {
		...settings,
		fees: fees as CommunitySettings['fees'],
		renovation: renovation as CommunitySettings['renovation']
	};
}

/** Late-fee rate and cap from a day on; the first period starts before any date. */
export interface LateFeePeriod {
	from: string;
	ratePerMille: number;
	capPercent: number | null;
}

/** The late-fee rate and cap as periods, oldest first: one period per day on which either changes. */
export function lateFeeSchedule(
	settings: CommunitySettings,
	changes: readonly SettingChange[]
): LateFeePeriod[] {
	const at = (date: string): LateFeePeriod => {
		const s = settingsOn(settings, changes, date);
		return {
			from: date,
			ratePerMille: s.fees.lateFeeRatePerMille,
			capPercent: s.fees.lateFeeCapPercent
		};
	};
	const days = [
		...new Set(
			changes
				.filter((c) => c.key === 'lateFeeRatePerMille' || c.key === 'lateFeeCapPercent')
				.map((c) => c.from)
		)
	].sort();
	return [{ ...at('0000-01-01'), from: '0000-01-01' }, ...days.map(at)];
}
