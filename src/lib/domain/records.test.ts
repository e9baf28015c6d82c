import { describe, expect, it } from 'vitest';
import {
	checkTieDates,
	checkTransfer,
	currentFirst,
	idCardCheckChar,
	isValidCodePart,
	isValidIdCard,
	maskIdNumber,
	maskName,
	normalisePhone,
	ownerDateOfMonth,
	tieInForce,
	tiesInForce
} from './records';

describe('maskIdNumber', () => {
	it('keeps the first and last four of an ID card', () => {
		expect(maskIdNumber('11010519491231002X')).toBe('1101****002X');
		expect(maskIdNumber('110105 19491231 002x')).toBe('1101****002X');
	});
	it('shows only the last two of a short document number', () => {
		expect(maskIdNumber('E12345678')).toBe('****78');
	});
	it('leaves nothing to mask alone', () => {
		expect(maskIdNumber('')).toBe('');
		expect(maskIdNumber('1234')).toBe('1234');
	});
});

describe('isValidIdCard (GB 11643 check character)', () => {
	it('accepts the standard worked examples', () => {
		// 1×7+1×9+0×10+1×5+0×8+5×4+1×2+9×1+4×6+9×3+1×7+2×9+3×10+1×5+0×8+0×4+2×2 = 167; 167 mod 11 = 2 → X
		expect(idCardCheckChar('11010519491231002')).toBe('X');
		expect(isValidIdCard('11010519491231002X')).toBe(true);
		expect(isValidIdCard('11010519491231002x')).toBe(true);
		expect(isValidIdCard('440524188001010014')).toBe(true);
		expect(isValidIdCard('110101199003078515')).toBe(true);
	});
	it('refuses a wrong check character, a bad birth date or a wrong length', () => {
		expect(isValidIdCard('110105194912310021')).toBe(false);
		expect(isValidIdCard('110101199002308515')).toBe(false); // 30 February
		expect(isValidIdCard('11010519491231002')).toBe(false);
		expect(isValidIdCard('1101051949123100XX')).toBe(false);
		expect(isValidIdCard('')).toBe(false);
	});
	it('accepts an old 15-digit card by its birth date', () => {
		expect(isValidIdCard('110105491231002')).toBe(true);
		expect(isValidIdCard('110105491331002')).toBe(false);
	});
});

describe('normalisePhone', () => {
	it('takes an 11-digit mainland mobile, with spaces or +86', () => {
		expect(normalisePhone('13800000001')).toBe('13800000001');
		expect(normalisePhone('138 0000 0001')).toBe('13800000001');
		expect(normalisePhone('+86 138-0000-0001')).toBe('13800000001');
		expect(normalisePhone('+8613800000001')).toBe('13800000001');
		expect(normalisePhone('１３８００００００01')).toBe('13800000001');
	});
	it('takes a landline with area code, with or without dash and extension', () => {
		expect(normalisePhone('010-65123456')).toBe('010-65123456');
		expect(normalisePhone('0571-8888 8888')).toBe('0571-88888888');
		expect(normalisePhone('02512345678')).toBe('02512345678');
		expect(normalisePhone('0755-1234567-808')).toBe('0755-1234567-808');
		expect(normalisePhone('88888888')).toBe('88888888');
	});
	it('refuses anything else', () => {
		expect(normalisePhone('1380000000')).toBe(null); // 10 digits
		expect(normalisePhone('12800000001')).toBe(null); // 12x is no mobile prefix
		expect(normalisePhone('138000000011')).toBe(null);
		expect(normalisePhone('abc')).toBe(null);
		expect(normalisePhone('')).toBe(null);
	});
});

describe('ties as of a date', () => {
	it('current first by the as-of rule, not by a missing end date', () => {
		const ended = { n: 'ended', startDate: null, endDate: '2026-03-01' };
		const future = { n: 'future', startDate: '2027-01-01', endDate: null };
		const lease = { n: 'lease', startDate: '2026-01-01', endDate: '2027-01-01' };
		expect(currentFirst([ended, future, lease], '2026-11-23').map((t) => [t.n, t.current])).toEqual(
			[
				['lease', true],
				['ended', false],
				['future', false]
			]
		);
	});
	it('masks a name for a slip or a screen', () => {
		expect(maskName('张伟')).toBe('张*');
		expect(maskName('欧阳明明')).toBe('欧**明');
	});
	const old = { startDate: '2020-05-01', endDate: '2026-03-01' };
	const next = { startDate: '2026-03-01', endDate: null };
	it('a transfer on the 1st: that day and month belong to the new owner', () => {
		expect(tiesInForce([old, next], '2026-02-28')).toEqual([old]);
		expect(tiesInForce([old, next], '2026-03-01')).toEqual([next]);
		expect(tiesInForce([old, next], ownerDateOfMonth('2026-02'))).toEqual([old]);
		expect(tiesInForce([old, next], ownerDateOfMonth('2026-03'))).toEqual([next]);
	});
	it('a transfer mid-month leaves that month with the old owner', () => {
		const a = { startDate: null, endDate: '2026-03-15' };
		const b = { startDate: '2026-03-15', endDate: null };
		expect(tiesInForce([a, b], ownerDateOfMonth('2026-03'))).toEqual([a]);
		expect(tiesInForce([a, b], '2026-03-15')).toEqual([b]);
	});
	it('a tie ended on the day it started was never in force', () => {
		const t = { startDate: '2026-04-10', endDate: '2026-04-10' };
		expect(tieInForce(t, '2026-04-09')).toBe(false);
		expect(tieInForce(t, '2026-04-10')).toBe(false);
		expect(tieInForce(t, '2026-04-11')).toBe(false);
		expect(checkTieDates('2026-04-10', '2026-04-10')).toBe(true);
		expect(checkTieDates('2026-04-10', '2026-04-09')).toBe(false);
	});
	it('a tie without a start date holds since before the records began; one not started yet does not', () => {
		expect(tieInForce({ startDate: null, endDate: null }, '1990-01-01')).toBe(true);
		expect(tieInForce({ startDate: '2027-01-01', endDate: null }, '2026-12-31')).toBe(false);
	});
});

describe('checkTransfer', () => {
	const open = [{ ownerId: 1, startDate: '2024-01-01', endDate: null }];
	it('allows a transfer on or after the start of the current ownership, up to today', () => {
		expect(checkTransfer(open, 2, '2026-11-01', '2026-11-23')).toEqual([]);
		expect(checkTransfer(open, 2, '2024-01-01', '2026-11-23')).toEqual([]);
	});
	it('refuses what would rewrite the past, the future, or change nothing', () => {
		expect(checkTransfer(open, 2, '2023-12-31', '2026-11-23')).toEqual(['date_before_tie']);
		expect(checkTransfer(open, 2, '2026-11-24', '2026-11-23')).toEqual(['date_future']);
		expect(checkTransfer(open, 1, '2026-11-01', '2026-11-23')).toEqual(['same_owner']);
		expect(checkTransfer([], 2, '2026-11-01', '2026-11-23')).toEqual(['no_current_owner']);
		expect(checkTransfer(open, 2, '2026-02-30', '2026-11-23')).toEqual(['date_invalid']);
	});
});

describe('isValidCodePart', () => {
	it('takes letters and digits only', () => {
		expect(isValidCodePart('12')).toBe(true);
		expect(isValidCodePart('A')).toBe(true);
		expect(isValidCodePart('1502')).toBe(true);
		expect(isValidCodePart('1-2')).toBe(false);
		expect(isValidCodePart('')).toBe(false);
	});
});
