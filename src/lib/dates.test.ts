import { describe, it, expect } from 'vitest';
import {
	WORKDAY_START,
	addDays,
	addMonths,
	addWorkingDays,
	addWorkingTime,
	compareDates,
	dateFromDayNumber,
	dayNumber,
	daysBetween,
	daysInMonth,
	formatDateTimeLocal,
	formatDateZh,
	formatPeriodZh,
	isValidDate,
	isValidMonth,
	isWorkingDay,
	isoWeekday,
	lastDayOfMonth,
	localToEpochMs,
	monthDay,
	monthOf,
	nowPartsIn,
	todayIn
} from './dates';

const SH = 'Asia/Shanghai';
const utc = (iso: string) => Date.parse(iso);

describe('todayIn', () => {
	it('uses the zone, not the server clock: 17:00Z is already tomorrow in Shanghai', () => {
		expect(todayIn(SH, new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
		expect(todayIn('UTC', new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-23');
	});
	it('switches exactly at local midnight (UTC+8 → 16:00Z)', () => {
		expect(todayIn(SH, new Date('2026-03-19T15:59:59.999Z'))).toBe('2026-03-19');
		expect(todayIn(SH, new Date('2026-03-19T16:00:00.000Z'))).toBe('2026-03-20');
	});
	it('crosses year boundaries', () => {
		expect(todayIn(SH, utc('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
		expect(todayIn('America/Los_Angeles', utc('2026-01-01T07:59:00Z'))).toBe('2025-12-31');
	});
	it('accepts epoch ms and rejects unknown zones', () => {
		expect(todayIn(SH, utc('2024-02-28T16:30:00Z'))).toBe('2024-02-29');
		expect(() => todayIn('Mars/Olympus', new Date())).toThrow(RangeError);
	});
});

describe('nowPartsIn and formatDateTimeLocal', () => {
	it('gives the local date and HH:MM', () => {
		expect(nowPartsIn(SH, new Date('2026-03-20T06:05:59Z'))).toEqual({
			date: '2026-03-20',
			time: '14:05',
			hour: 14,
			minute: 5
		});
	});
	it('prints midnight as 00, not 24', () => {
		expect(nowPartsIn(SH, utc('2026-03-19T16:00:00Z'))).toEqual({
			date: '2026-03-20',
			time: '00:00',
			hour: 0,
			minute: 0
		});
	});
	it('formats an instant for a receipt', () => {
		expect(formatDateTimeLocal(utc('2026-03-20T06:05:00Z'), SH)).toBe('2026-03-20 14:05');
		expect(formatDateTimeLocal(new Date('2026-12-31T16:01:00Z'), SH)).toBe('2027-01-01 00:01');
		expect(formatDateTimeLocal(utc('2026-03-20T06:05:00Z'), 'UTC')).toBe('2026-03-20 06:05');
	});
	it('rejects an invalid instant', () => {
		expect(() => formatDateTimeLocal(Number.NaN, SH)).toThrow(RangeError);
	});
});

describe('isValidDate / isValidMonth', () => {
	it.each(['2026-03-20', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
		'%s is a date',
		(s) => expect(isValidDate(s)).toBe(true)
	);
	it.each([
		'2026-02-29',
		'2100-02-29',
		'1900-02-29',
		'2026-04-31',
		'2026-13-01',
		'2026-00-10',
		'2026-01-00',
		'0000-01-01',
		'2026-3-20',
		'26-03-20',
		'2026/03/20',
		'2026-03-20T00:00',
		' 2026-03-20',
		''
	])('%j is not a date', (s) => expect(isValidDate(s)).toBe(false));
	it('checks months', () => {
		expect(isValidMonth('2026-01')).toBe(true);
		expect(isValidMonth('2026-12')).toBe(true);
		expect(isValidMonth('2026-13')).toBe(false);
		expect(isValidMonth('2026-00')).toBe(false);
		expect(isValidMonth('2026-1')).toBe(false);
		expect(isValidMonth('2026-01-01')).toBe(false);
	});
});

describe('day numbers', () => {
	it('counts from 1970-01-01', () => {
		expect(dayNumber('1970-01-01')).toBe(0);
		expect(dayNumber('1970-01-02')).toBe(1);
		expect(dayNumber('1969-12-31')).toBe(-1);
		expect(dayNumber('2000-03-01')).toBe(11017);
	});
	it('agrees with Date.UTC over four centuries of sample days', () => {
		for (let z = -150_000; z <= 150_000; z += 997) {
			const iso = new Date(z * 86_400_000).toISOString().slice(0, 10);
			expect(dateFromDayNumber(z)).toBe(iso);
			expect(dayNumber(iso)).toBe(z);
		}
	});
	it('throws outside four-digit years', () => {
		expect(() => dateFromDayNumber(dayNumber('9999-12-31') + 1)).toThrow(RangeError);
		expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
	});
});

describe('daysBetween', () => {
	it.each([
		['2026-03-20', '2026-04-15', 26],
		['2026-01-20', '2026-01-30', 10],
		['2026-01-20', '2026-02-19', 30],
		['2026-03-20', '2026-03-20', 0],
		['2026-03-20', '2026-03-19', -1],
		['2024-02-20', '2024-03-01', 10],
		['2100-02-20', '2100-03-01', 9],
		['2000-02-20', '2000-03-01', 10],
		['2025-12-31', '2026-01-01', 1],
		['2024-01-01', '2025-01-01', 366],
		['2026-01-01', '2027-01-01', 365],
		['2026-01-31', '2026-02-28', 28]
	])('%s → %s = %d', (a, b, n) => {
		expect(daysBetween(a, b)).toBe(n);
	});
	it('is exact across the DST changes of other zones (no local Date maths)', () => {
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
	});
	it('throws on bad dates', () => {
		expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
		expect(() => daysBetween('2026-03-01', 'tomorrow')).toThrow(/YYYY-MM-DD/);
	});
});

describe('addDays', () => {
	it.each([
		['2026-03-20', 26, '2026-04-15'],
		['2024-02-28', 1, '2024-02-29'],
		['2024-02-29', 1, '2024-03-01'],
		['2026-02-28', 1, '2026-03-01'],
		['2100-02-28', 1, '2100-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2027-01-01', -1, '2026-12-31'],
		['2026-03-01', -1, '2026-02-28'],
		['2026-03-20', 0, '2026-03-20'],
		['2026-01-01', 365, '2027-01-01']
	])('%s + %d = %s', (d, n, out) => {
		expect(addDays(d, n)).toBe(out);
	});
	it('refuses fractional days', () => {
		expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
	});
});

describe('months', () => {
	it.each([
		['2026-01', 1, '2026-02'],
		['2026-12', 1, '2027-01'],
		['2026-01', -1, '2025-12'],
		['2026-03', 12, '2027-03'],
		['2026-03', -15, '2024-12'],
		['2026-03', 0, '2026-03']
	])('%s + %d months = %s', (m, n, out) => {
		expect(addMonths(m, n)).toBe(out);
	});
	it('monthOf takes the month of a date', () => {
		expect(monthOf('2026-03-20')).toBe('2026-03');
		expect(() => monthOf('2026-02-30')).toThrow(RangeError);
	});
	it.each([
		['2024-02', '2024-02-29', 29],
		['2026-02', '2026-02-28', 28],
		['2100-02', '2100-02-28', 28],
		['2000-02', '2000-02-29', 29],
		['2026-04', '2026-04-30', 30],
		['2026-12', '2026-12-31', 31]
	])('last day of %s is %s', (m, last, n) => {
		expect(lastDayOfMonth(m)).toBe(last);
		expect(daysInMonth(m)).toBe(n);
	});
	it('monthDay clamps to the end of the month', () => {
		expect(monthDay('2026-03', 20)).toBe('2026-03-20');
		expect(monthDay('2026-03', 1)).toBe('2026-03-01');
		expect(monthDay('2026-02', 30)).toBe('2026-02-28');
		expect(monthDay('2024-02', 30)).toBe('2024-02-29');
		expect(monthDay('2026-04', 31)).toBe('2026-04-30');
		expect(monthDay('2026-01', 31)).toBe('2026-01-31');
		expect(() => monthDay('2026-01', 0)).toThrow(RangeError);
		expect(() => monthDay('2026-13', 1)).toThrow(RangeError);
	});
});

describe('compareDates', () => {
	it('orders dates and months', () => {
		expect(compareDates('2026-03-20', '2026-04-01')).toBe(-1);
		expect(compareDates('2026-04-01', '2026-03-20')).toBe(1);
		expect(compareDates('2026-03-20', '2026-03-20')).toBe(0);
		expect(compareDates('2025-12-31', '2026-01-01')).toBe(-1);
		expect(compareDates('2026-10', '2026-09')).toBe(1);
		expect(['2026-10-01', '2026-01-15', '2025-12-31'].sort(compareDates)).toEqual([
			'2025-12-31',
			'2026-01-15',
			'2026-10-01'
		]);
	});
	it('refuses mixed or malformed arguments', () => {
		expect(() => compareDates('2026-03', '2026-03-01')).toThrow(RangeError);
		expect(() => compareDates('2026-3-1', '2026-03-01')).toThrow(RangeError);
	});
});

// 2026 national holidays and make-up days (国务院办公厅 notice for 2026, the parts used here).
const HOLIDAYS_2026 = [
	'2026-01-01',
	'2026-01-02',
	'2026-01-03',
	'2026-10-01',
	'2026-10-02',
	'2026-10-05',
	'2026-10-06',
	'2026-10-07'
];
const EXTRA_2026 = ['2026-01-04', '2026-09-20', '2026-10-10'];

describe('working days', () => {
	it('knows the weekday', () => {
		expect(isoWeekday('2026-03-20')).toBe(5); // Friday
		expect(isoWeekday('2026-03-22')).toBe(7); // Sunday
		expect(isoWeekday('2026-03-23')).toBe(1); // Monday
		expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
		expect(isoWeekday('1969-12-29')).toBe(1);
	});
	it('is Monday–Friday without holidays', () => {
		expect(isWorkingDay('2026-03-20', [])).toBe(true);
		expect(isWorkingDay('2026-03-21', [])).toBe(false);
		expect(isWorkingDay('2026-03-22', [])).toBe(false);
		expect(isWorkingDay('2026-03-23', [])).toBe(true);
	});
	it('removes holidays and adds make-up working days on weekends', () => {
		expect(isWorkingDay('2026-01-01', HOLIDAYS_2026, EXTRA_2026)).toBe(false); // Thursday, holiday
		expect(isWorkingDay('2026-01-04', HOLIDAYS_2026, EXTRA_2026)).toBe(true); // Sunday, make-up
		expect(isWorkingDay('2026-01-04', HOLIDAYS_2026)).toBe(false);
		expect(isWorkingDay('2026-10-10', HOLIDAYS_2026, new Set(EXTRA_2026))).toBe(true); // Saturday
		expect(isWorkingDay('2026-10-11', HOLIDAYS_2026, EXTRA_2026)).toBe(false);
	});
	it('lets a holiday win over a make-up day listed by mistake on the same date', () => {
		expect(isWorkingDay('2026-01-03', HOLIDAYS_2026, ['2026-01-03'])).toBe(false);
	});
	it('addWorkingDays skips weekends', () => {
		expect(addWorkingDays('2026-03-20', 1, [])).toBe('2026-03-23'); // Fri → Mon
		expect(addWorkingDays('2026-03-21', 1, [])).toBe('2026-03-23'); // Sat → Mon
		expect(addWorkingDays('2026-03-16', 4, [])).toBe('2026-03-20');
		expect(addWorkingDays('2026-03-16', 5, [])).toBe('2026-03-23');
		expect(addWorkingDays('2026-03-20', 0, [])).toBe('2026-03-20');
		expect(addWorkingDays('2026-03-21', 0, [])).toBe('2026-03-21');
	});
	it('addWorkingDays goes backwards for negative n', () => {
		expect(addWorkingDays('2026-03-23', -1, [])).toBe('2026-03-20');
		expect(addWorkingDays('2026-03-22', -1, [])).toBe('2026-03-20');
	});
	it('addWorkingDays crosses the National Day week and its make-up days', () => {
		// Wed 2026-09-30 + 1: Oct 1–7 off (Oct 3/4 weekend), Thu 8 is the next working day.
		expect(addWorkingDays('2026-09-30', 1, HOLIDAYS_2026, EXTRA_2026)).toBe('2026-10-08');
		// Fri 2026-10-09 + 1 → Saturday 10th is a make-up working day.
		expect(addWorkingDays('2026-10-09', 1, HOLIDAYS_2026, EXTRA_2026)).toBe('2026-10-10');
		// Wed 2025-12-31 + 1 → Jan 1–3 off, Sun Jan 4 is worked.
		expect(addWorkingDays('2025-12-31', 1, HOLIDAYS_2026, EXTRA_2026)).toBe('2026-01-04');
		expect(addWorkingDays('2025-12-31', 2, HOLIDAYS_2026, EXTRA_2026)).toBe('2026-01-05');
	});
	it('addWorkingDays stops on an impossible holiday list instead of looping', () => {
		const everyDay = Array.from({ length: 800 }, (_, i) => addDays('2026-01-01', i));
		expect(() => addWorkingDays('2026-01-01', 1, everyDay)).toThrow(/holiday/);
	});
});

describe('localToEpochMs', () => {
	it('converts a Shanghai wall time (UTC+8, no DST)', () => {
		expect(localToEpochMs('2026-03-20', '14:05', SH)).toBe(utc('2026-03-20T06:05:00Z'));
		expect(localToEpochMs('2026-01-01', '00:00', SH)).toBe(utc('2025-12-31T16:00:00Z'));
		expect(localToEpochMs('2026-07-01', '09:00:30', SH)).toBe(utc('2026-07-01T01:00:30Z'));
	});
	it('handles DST in zones that have it', () => {
		// Berlin: CET (+1) in winter, CEST (+2) in summer; 2026-03-29 02:00 → 03:00.
		expect(localToEpochMs('2026-01-15', '12:00', 'Europe/Berlin')).toBe(
			utc('2026-01-15T11:00:00Z')
		);
		expect(localToEpochMs('2026-07-15', '12:00', 'Europe/Berlin')).toBe(
			utc('2026-07-15T10:00:00Z')
		);
		// 02:30 does not exist on 2026-03-29: it moves forward by the hour skipped.
		expect(localToEpochMs('2026-03-29', '02:30', 'Europe/Berlin')).toBe(
			utc('2026-03-29T01:30:00Z')
		);
		// 02:30 happens twice on 2026-10-25: the earlier one.
		expect(localToEpochMs('2026-10-25', '02:30', 'Europe/Berlin')).toBe(
			utc('2026-10-25T00:30:00Z')
		);
	});
	it('rejects bad times', () => {
		expect(() => localToEpochMs('2026-03-20', '24:00', SH)).toThrow(RangeError);
		expect(() => localToEpochMs('2026-03-20', '9:00', SH)).toThrow(RangeError);
	});
});

describe('addWorkingTime', () => {
	it('keeps the local clock time on a working day', () => {
		// Wed 2026-03-18 10:15 Shanghai + 1 working day = Thu 10:15.
		const at = utc('2026-03-18T02:15:00Z');
		expect(addWorkingTime(at, 1, SH, [])).toBe(utc('2026-03-19T02:15:00Z'));
		expect(addWorkingTime(new Date(at), 0, SH, [])).toBe(at);
	});
	it('skips the weekend: Friday 16:40 + 1 → Monday 16:40', () => {
		expect(addWorkingTime(utc('2026-03-20T08:40:00Z'), 1, SH, [])).toBe(
			utc('2026-03-23T08:40:00Z')
		);
	});
	it('uses the local date, not the UTC one', () => {
		// Fri 23:30 local (15:30Z) is still Friday: + 1 → Mon 23:30 local.
		expect(addWorkingTime(utc('2026-03-20T15:30:00Z'), 1, SH, [])).toBe(
			utc('2026-03-23T15:30:00Z')
		);
		// Sat 00:30 local = Fri 16:30Z: UTC says Friday, but locally it is Saturday → next working day 09:00 + 1 = Tue 09:00.
		expect(addWorkingTime(utc('2026-03-20T16:30:00Z'), 1, SH, [])).toBe(
			utc('2026-03-24T01:00:00Z')
		);
	});
	it(`starts a non-working day's count at the next working day's ${WORKDAY_START}`, () => {
		// Sat 2026-03-21 15:00 local + 1 → Tue 2026-03-24 09:00 local.
		expect(addWorkingTime(utc('2026-03-21T07:00:00Z'), 1, SH, [])).toBe(
			utc('2026-03-24T01:00:00Z')
		);
		// + 0 → Monday 09:00: the start itself.
		expect(addWorkingTime(utc('2026-03-21T07:00:00Z'), 0, SH, [])).toBe(
			utc('2026-03-23T01:00:00Z')
		);
	});
	it('counts holidays and make-up days', () => {
		// Wed 2026-09-30 11:00 + 1 → Thu 2026-10-08 11:00.
		expect(addWorkingTime(utc('2026-09-30T03:00:00Z'), 1, SH, HOLIDAYS_2026, EXTRA_2026)).toBe(
			utc('2026-10-08T03:00:00Z')
		);
		// Thu 2026-10-01 (holiday) 10:00 + 1 → start Thu 10-08 09:00 → Fri 10-09 09:00.
		expect(addWorkingTime(utc('2026-10-01T02:00:00Z'), 1, SH, HOLIDAYS_2026, EXTRA_2026)).toBe(
			utc('2026-10-09T01:00:00Z')
		);
	});
	it('keeps seconds and milliseconds', () => {
		expect(addWorkingTime(utc('2026-03-18T02:15:07.250Z'), 2, SH, [])).toBe(
			utc('2026-03-20T02:15:07.250Z')
		);
	});
	it('refuses negative or fractional working days', () => {
		expect(() => addWorkingTime(0, -1, SH, [])).toThrow(RangeError);
		expect(() => addWorkingTime(0, 0.5, SH, [])).toThrow(RangeError);
	});
});

describe('Chinese formatting', () => {
	it('formats a period of months', () => {
		expect(formatPeriodZh('2026-01', '2026-03')).toBe('2026年01月至2026年03月');
		expect(formatPeriodZh('2026-03', '2026-03')).toBe('2026年03月至2026年03月');
		expect(formatPeriodZh('2025-11', '2026-02')).toBe('2025年11月至2026年02月');
	});
	it('refuses a reversed or malformed period', () => {
		expect(() => formatPeriodZh('2026-03', '2026-01')).toThrow(RangeError);
		expect(() => formatPeriodZh('2026-3', '2026-04')).toThrow(RangeError);
	});
	it('formats a date', () => {
		expect(formatDateZh('2026-03-05')).toBe('2026年03月05日');
		expect(() => formatDateZh('2026-02-29')).toThrow(RangeError);
	});
});
