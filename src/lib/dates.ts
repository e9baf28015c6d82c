/**
 * Calendar dates are strings `YYYY-MM-DD`, months `YYYY-MM`, always meant in the community's
 * time zone. Calendar arithmetic goes through integer day numbers (days since 1970-01-01,
 * proleptic Gregorian), never through local `Date` methods, so the server's own zone and DST
 * cannot shift a date. Instants (epoch ms) meet dates only through an explicit time zone.
 */

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The local clock time a working-time limit starts from when it begins on a non-working day. */
export const WORKDAY_START = '09:00';

export type DateList = readonly string[] | ReadonlySet<string>;

function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonthOf(y: number, m: number): number {
	if (m === 2) return isLeapYear(y) ? 29 : 28;
	return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

export function isValidDate(s: string): boolean {
	if (typeof s !== 'string') return false;
	const m = DATE_RE.exec(s);
	if (!m) return false;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonthOf(y, mo);
}

export function isValidMonth(s: string): boolean {
	if (typeof s !== 'string') return false;
	const m = MONTH_RE.exec(s);
	return !!m && Number(m[1]) >= 1 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function parseDate(s: string): { y: number; m: number; d: number } {
	if (!isValidDate(s)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(s)}`);
	const [y, m, d] = s.split('-').map(Number) as [number, number, number];
	return { y, m, d };
}

function parseMonth(s: string): { y: number; m: number } {
	if (!isValidMonth(s)) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(s)}`);
	const [y, m] = s.split('-').map(Number) as [number, number];
	return { y, m };
}

function assertInteger(n: number, what: string): void {
	if (!Number.isSafeInteger(n))
		throw new RangeError(`${what} must be an integer, got ${String(n)}`);
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer conversions.
function dayNumberOf(y: number, m: number, d: number): number {
	const yy = m <= 2 ? y - 1 : y;
	const era = Math.floor(yy / 400);
	const yoe = yy - era * 400;
	const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

function civilOf(z: number): { y: number; m: number; d: number } {
	const zz = z + 719468;
	const era = Math.floor(zz / 146097);
	const doe = zz - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(date: string): number {
	const { y, m, d } = parseDate(date);
	return dayNumberOf(y, m, d);
}

/** The date of a day number; throws outside years 0001–9999 (the string form has four digits). */
export function dateFromDayNumber(z: number): string {
	assertInteger(z, 'day number');
	const { y, m, d } = civilOf(z);
	if (y < 1 || y > 9999) throw new RangeError(`date out of range (year ${y})`);
	return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** b − a in whole calendar days (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
	return dayNumber(b) - dayNumber(a);
}

export function addDays(date: string, n: number): string {
	assertInteger(n, 'days');
	return dateFromDayNumber(dayNumber(date) + n);
}

export function addMonths(month: string, n: number): string {
	assertInteger(n, 'months');
	const { y, m } = parseMonth(month);
	const index = y * 12 + (m - 1) + n;
	const ny = Math.floor(index / 12);
	if (ny < 1 || ny > 9999) throw new RangeError(`month out of range (year ${ny})`);
	return `${pad4(ny)}-${pad2((index % 12) + 1)}`;
}

export function monthOf(date: string): string {
	parseDate(date);
	return date.slice(0, 7);
}

export function daysInMonth(month: string): number {
	const { y, m } = parseMonth(month);
	return daysInMonthOf(y, m);
}

/** The last calendar date of a month: "2024-02" → "2024-02-29". */
export function lastDayOfMonth(month: string): string {
	return `${month}-${pad2(daysInMonth(month))}`;
}

/**
 * Day `day` of `month`, clamped to the month's last day so a due day of 30 or 31 still lands in
 * February (2026-02 day 30 → 2026-02-28; 2024-02 → 2024-02-29).
 */
export function monthDay(month: string, day: number): string {
	assertInteger(day, 'day');
	if (day < 1) throw new RangeError(`day of month must be at least 1, got ${day}`);
	return `${month}-${pad2(Math.min(day, daysInMonth(month)))}`;
}

/** Orders two dates (or two months): −1, 0 or 1. Mixed or malformed arguments throw. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
	const bothDates = isValidDate(a) && isValidDate(b);
	const bothMonths = isValidMonth(a) && isValidMonth(b);
	if (!bothDates && !bothMonths) {
		throw new RangeError(`cannot compare ${JSON.stringify(a)} with ${JSON.stringify(b)}`);
	}
	// Fixed-width zero-padded strings sort like the dates they name.
	return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
	// 1970-01-01 was a Thursday (4).
	return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

function listHas(list: DateList, date: string): boolean {
	return list instanceof Set ? list.has(date) : (list as readonly string[]).includes(date);
}

/**
 * Monday–Friday, minus configured holidays, plus make-up working days (调休) that fall on a
 * weekend. A date listed as both a holiday and a make-up day is a holiday: not working is the
 * safer reading of a contradictory setting (it never shortens a time limit).
 */
export function isWorkingDay(
	date: string,
	holidays: DateList,
	extraWorkdays: DateList = []
): boolean {
	const wd = isoWeekday(date);
	if (listHas(holidays, date)) return false;
	return wd <= 5 || listHas(extraWorkdays, date);
}

/**
 * The date n working days away: for n > 0 the n-th working day strictly after `date`, for n < 0
 * the |n|-th strictly before; n = 0 returns `date` unchanged even when it is not a working day.
 * So Friday + 1 = Monday, and Saturday + 1 = Monday too.
 */
export function addWorkingDays(
	date: string,
	n: number,
	holidays: DateList,
	extraWorkdays: DateList = []
): string {
	assertInteger(n, 'working days');
	const h = holidays instanceof Set ? holidays : new Set(holidays);
	const x = extraWorkdays instanceof Set ? extraWorkdays : new Set(extraWorkdays);
	const step = n < 0 ? -1 : 1;
	let z = dayNumber(date);
	let left = Math.abs(n);
	// A holiday list can never cover a whole year of weekdays; the bound only stops a bad setting
	// from looping forever.
	let guard = 0;
	while (left > 0) {
		z += step;
		if (isWorkingDay(dateFromDayNumber(z), h, x)) {
			left--;
			guard = 0;
		} else if (++guard > 366) {
			throw new RangeError('no working day within a year: check the holiday settings');
		}
	}
	return dateFromDayNumber(z);
}

// ---------------------------------------------------------------------------------------------
// Instants in a time zone

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		// Throws RangeError for an unknown zone, which is what we want.
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

type LocalParts = {
	y: number;
	m: number;
	d: number;
	hour: number;
	minute: number;
	second: number;
	ms: number;
};

function toMs(at: number | Date): number {
	const ms = typeof at === 'number' ? at : at.getTime();
	if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(at)}`);
	return ms;
}

function localParts(timeZone: string, ms: number): LocalParts {
	const out: Record<string, number> = {};
	for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
		if (p.type !== 'literal') out[p.type] = Number(p.value);
	}
	return {
		y: out.year!,
		m: out.month!,
		d: out.day!,
		// Some engines print midnight as 24 even with h23; treat it as 0.
		hour: out.hour! % 24,
		minute: out.minute!,
		second: out.second!,
		ms: ((ms % 1000) + 1000) % 1000
	};
}

/** Local wall-clock time of `ms` in the zone, expressed as if it were UTC. */
function wallMs(timeZone: string, ms: number): number {
	const p = localParts(timeZone, ms);
	return (
		dayNumberOf(p.y, p.m, p.d) * MS_PER_DAY +
		((p.hour * 60 + p.minute) * 60 + p.second) * 1000 +
		p.ms
	);
}

/** Today's calendar date in the zone: 2026-11-23T17:00Z in Asia/Shanghai → "2026-11-24". */
export function todayIn(timeZone: string, now: Date | number = new Date()): string {
	const p = localParts(timeZone, toMs(now));
	return `${pad4(p.y)}-${pad2(p.m)}-${pad2(p.d)}`;
}

export function nowPartsIn(
	timeZone: string,
	now: Date | number = new Date()
): { date: string; time: string; hour: number; minute: number } {
	const p = localParts(timeZone, toMs(now));
	return {
		date: `${pad4(p.y)}-${pad2(p.m)}-${pad2(p.d)}`,
		time: `${pad2(p.hour)}:${pad2(p.minute)}`,
		hour: p.hour,
		minute: p.minute
	};
}

/**
 * The instant at which the zone's clocks show `date` `time` ("HH:MM" or "HH:MM:SS", plus extra
 * milliseconds). Around DST changes it follows Temporal's "compatible" choice: a time that occurs
 * twice means the earlier instant; a time skipped by a spring-forward gap moves forward by the gap.
 */
export function localToEpochMs(date: string, time: string, timeZone: string, extraMs = 0): number {
	const t = TIME_RE.exec(time);
	if (!t) throw new RangeError(`not a time HH:MM: ${JSON.stringify(time)}`);
	const [hh, mm, ss] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
	if (hh > 23 || mm > 59 || ss > 59)
		throw new RangeError(`not a time HH:MM: ${JSON.stringify(time)}`);
	const wall = dayNumber(date) * MS_PER_DAY + ((hh * 60 + mm) * 60 + ss) * 1000 + extraMs;
	// Offsets a day either side bracket any single transition (real zones never have two in 48 h).
	const before = wallMs(timeZone, wall - MS_PER_DAY) - (wall - MS_PER_DAY);
	const after = wallMs(timeZone, wall + MS_PER_DAY) - (wall + MS_PER_DAY);
	const candidates = [wall - before, wall - after].filter((c) => wallMs(timeZone, c) === wall);
	if (candidates.length > 0) return Math.min(...candidates);
	return wall - before; // in a gap
}

/** "2026-03-20 14:05" in the zone. */
export function formatDateTimeLocal(epochMs: number | Date, timeZone: string): string {
	const p = nowPartsIn(timeZone, toMs(epochMs));
	return `${p.date} ${p.time}`;
}

/**
 * `workingDays` working days after `at`, at the same local clock time (seconds kept).
 * If `at` falls on a non-working day the count starts from the next working day at
 * WORKDAY_START (09:00): a complaint taken on Saturday 15:00 with a 1-working-day limit is due
 * Tuesday 09:00 — one full working day after the office reopens, not Monday 15:00.
 * The clock time is not moved into office hours otherwise (Friday 22:00 + 1 → Monday 22:00).
 */
export function addWorkingTime(
	at: number | Date,
	workingDays: number,
	timeZone: string,
	holidays: DateList,
	extraWorkdays: DateList = []
): number {
	assertInteger(workingDays, 'working days');
	if (workingDays < 0)
		throw new RangeError(`working days must not be negative, got ${workingDays}`);
	const ms = toMs(at);
	const p = localParts(timeZone, ms);
	const date = `${pad4(p.y)}-${pad2(p.m)}-${pad2(p.d)}`;
	if (isWorkingDay(date, holidays, extraWorkdays)) {
		const time = `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
		return localToEpochMs(
			addWorkingDays(date, workingDays, holidays, extraWorkdays),
			time,
			timeZone,
			p.ms
		);
	}
	const start = addWorkingDays(date, 1, holidays, extraWorkdays);
	return localToEpochMs(
		addWorkingDays(start, workingDays, holidays, extraWorkdays),
		WORKDAY_START,
		timeZone
	);
}

// ---------------------------------------------------------------------------------------------
// Chinese formatting for receipts and forms

/** "2026年01月至2026年03月" (the receipt's period; a single month repeats itself). */
export function formatPeriodZh(fromMonth: string, toMonth: string): string {
	const a = parseMonth(fromMonth);
	const b = parseMonth(toMonth);
	if (fromMonth > toMonth)
		throw new RangeError(`period ends before it starts: ${fromMonth} – ${toMonth}`);
	return `${pad4(a.y)}年${pad2(a.m)}月至${pad4(b.y)}年${pad2(b.m)}月`;
}

/** "2026年03月20日". */
export function formatDateZh(date: string): string {
	const { y, m, d } = parseDate(date);
	return `${pad4(y)}年${pad2(m)}月${pad2(d)}日`;
}
