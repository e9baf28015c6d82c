import { describe, expect, it } from 'vitest';
import {
	dayEndMs,
	idNumberProblem,
	isOverstaying,
	maskVisitorId,
	overstayFromMs,
	slipNo,
	visitorState
} from './visitors';

const H = 3_600_000;
const TZ = 'Asia/Shanghai';
// 2026-11-23 09:00 in Shanghai.
const T = Date.parse('2026-11-23T01:00:00Z');

describe('maskVisitorId', () => {
	it('keeps the first and last four of an 18-digit ID around a fixed run of stars', () => {
		expect(maskVisitorId('11010519491231002x')).toBe('1101****002X');
		expect(maskVisitorId('1101 0519 4912 3100 2X')).toBe('1101****002X');
	});
	it('masks a passport the same way, and short numbers almost or entirely', () => {
		expect(maskVisitorId('E12345678')).toBe('****78');
		expect(maskVisitorId('AB1234')).toBe('****34');
		expect(maskVisitorId('1234')).toBe('****');
		expect(maskVisitorId('12')).toBe('****');
	});
	it('never shows the middle of a long number', () => {
		const masked = maskVisitorId('110105194912310021');
		expect(masked).not.toContain('19491231');
	});
});

describe('idNumberProblem', () => {
	it('wants a valid mainland ID card for 身份证 (check character and birth date)', () => {
		expect(idNumberProblem('id_card', '11010519491231002X')).toBeNull();
		expect(idNumberProblem('id_card', '110105194912310021')).toBe('id_invalid');
		expect(idNumberProblem('id_card', '12345')).toBe('id_invalid');
	});
	it('wants 3–30 letters, digits or dashes for other documents', () => {
		expect(idNumberProblem('passport', 'E12345678')).toBeNull();
		expect(idNumberProblem('other', 'ab')).toBe('id_invalid');
		expect(idNumberProblem('passport', 'E1234 5678')).toBeNull();
		expect(idNumberProblem('passport', 'E123/4567')).toBe('id_invalid');
	});
});

describe('overstay', () => {
	const end = dayEndMs(T, TZ);
	it('the slip is valid until the end of the community’s day', () => {
		expect(end).toBe(Date.parse('2026-11-23T16:00:00Z'));
		// 23:30 in Shanghai is still the same day.
		expect(dayEndMs(Date.parse('2026-11-23T15:30:00Z'), TZ)).toBe(end);
	});
	it('is overdue after the day ends or after the hours allowed, whichever is first', () => {
		expect(overstayFromMs(T, end, 12)).toBe(T + 12 * H);
		expect(overstayFromMs(T, end, 4)).toBe(T + 4 * H);
		const late = Date.parse('2026-11-23T14:00:00Z'); // 22:00
		expect(overstayFromMs(late, dayEndMs(late, TZ), 12)).toBe(end);
		const v = { inMs: T, validUntilMs: end, leftMs: null };
		expect(isOverstaying(v, 12, T + 12 * H - 1)).toBe(false);
		expect(isOverstaying(v, 12, T + 12 * H)).toBe(true);
		expect(isOverstaying(v, 2, T + 3 * H)).toBe(true);
	});
	it('one who left is never overdue', () => {
		expect(isOverstaying({ inMs: T, validUntilMs: end, leftMs: T + H }, 1, T + 30 * H)).toBe(false);
		expect(visitorState(T + H)).toBe('left');
		expect(visitorState(null)).toBe('inside');
	});
});

describe('slipNo', () => {
	it('is the day and a running number', () => {
		expect(slipNo('2026-11-23', 3)).toBe('V261123-003');
		expect(slipNo('2026-11-23', 1234)).toBe('V261123-1234');
	});
});
