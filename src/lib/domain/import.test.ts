import { describe, expect, it } from 'vitest';
import {
	TEMPLATES,
	isValidIdCard,
	matchHeaders,
	parseAmountCell,
	parseAreaCell,
	parseDateCell,
	parseIdNumber,
	parseMonthCell,
	parsePeriodCell,
	parsePhoneCell,
	parsePlateCell,
	parseRow
} from './import';

describe('cell parsers', () => {
	it('dates as Excel and people write them', () => {
		expect(parseDateCell('2026-03-05')).toEqual({ ok: true, value: '2026-03-05' });
		expect(parseDateCell('2026/3/5')).toEqual({ ok: true, value: '2026-03-05' });
		expect(parseDateCell('2026年3月5日')).toEqual({ ok: true, value: '2026-03-05' });
		expect(parseDateCell('2026-02-30')).toEqual({ ok: false, error: 'bad_date' });
		expect(parseDateCell('05/03/2026')).toEqual({ ok: false, error: 'bad_date' });
	});
	it('months, also as a date in the month', () => {
		expect(parseMonthCell('2026-3')).toEqual({ ok: true, value: '2026-03' });
		expect(parseMonthCell('2026年03月')).toEqual({ ok: true, value: '2026-03' });
		expect(parseMonthCell('2026-03-01')).toEqual({ ok: true, value: '2026-03' });
		expect(parseMonthCell('2026-13')).toEqual({ ok: false, error: 'bad_month' });
	});
	it('amounts: two decimals at most, above zero, exact fen', () => {
		expect(parseAmountCell('256.80')).toEqual({ ok: true, value: 25680 });
		expect(parseAmountCell('1,200')).toEqual({ ok: true, value: 120000 });
		expect(parseAmountCell('0.1')).toEqual({ ok: true, value: 10 });
		expect(parseAmountCell('12.345')).toEqual({ ok: false, error: 'too_many_decimals' });
		expect(parseAmountCell('0')).toEqual({ ok: false, error: 'not_positive' });
		expect(parseAmountCell('-5')).toEqual({ ok: false, error: 'not_positive' });
		expect(parseAmountCell('abc')).toEqual({ ok: false, error: 'bad_amount' });
	});
	it('area ≤ 0 is refused', () => {
		expect(parseAreaCell('89.50')).toEqual({ ok: true, value: 8950 });
		expect(parseAreaCell('0')).toEqual({ ok: false, error: 'not_positive' });
		expect(parseAreaCell('0.00')).toEqual({ ok: false, error: 'not_positive' });
	});
	it('mobile numbers', () => {
		expect(parsePhoneCell('138 0000 0001')).toEqual({ ok: true, value: '13800000001' });
		expect(parsePhoneCell('+8613800000001')).toEqual({ ok: true, value: '13800000001' });
		expect(parsePhoneCell('1380000000')).toEqual({ ok: false, error: 'bad_phone' });
		expect(parsePhoneCell('12800000001')).toEqual({ ok: false, error: 'bad_phone' });
	});
	it('identity card: birth date and check digit (GB 11643)', () => {
		expect(isValidIdCard('11010519491231002X')).toBe(true);
		expect(isValidIdCard('110105194912310021')).toBe(false);
		expect(isValidIdCard('110105194913310028')).toBe(false);
		expect(parseIdNumber('id_card', '11010519491231002x')).toEqual({
			ok: true,
			value: '11010519491231002X'
		});
		expect(parseIdNumber('passport', 'E12345678')).toEqual({ ok: true, value: 'E12345678' });
		expect(parseIdNumber('business_licence', '91330100MA2OOOOO0I')).toEqual({
			ok: false,
			error: 'bad_id'
		});
	});
	it('plates and periods', () => {
		expect(parsePlateCell('浙A·12345')).toEqual({ ok: true, value: '浙A12345' });
		expect(parsePlateCell('浙AD12345')).toEqual({ ok: true, value: '浙AD12345' });
		expect(parsePlateCell('A12345')).toEqual({ ok: false, error: 'bad_plate' });
		expect(parsePeriodCell('2024-01-01至2025-12-31')).toEqual({
			ok: true,
			value: { start: '2024-01-01', end: '2025-12-31' }
		});
		expect(parsePeriodCell('2024-01-01')).toEqual({
			ok: true,
			value: { start: '2024-01-01', end: null }
		});
		expect(parsePeriodCell('2025-01-01~2024-01-01')).toEqual({ ok: false, error: 'bad_period' });
	});
});

describe('headers', () => {
	it('recognises a template by its headers, in any order', () => {
		const h = ['房号', '类型', '姓名', '手机', '证件类型', '证件号', '起止日期'];
		const r = matchHeaders(h);
		expect(r.ok && r.kind).toBe('people');
		expect(r.ok && r.index).toEqual([0, 2, 1, 3, 4, 5, 6]);
	});
	it('a BOM, full-width spaces and a required mark do not matter', () => {
		const r = matchHeaders([
			'\uFEFF楼栋*',
			'单元',
			'房号',
			'建筑面积',
			'用途',
			'状态',
			'交房通知日期',
			' 接房日期 '
		]);
		expect(r.ok && r.kind).toBe('units');
	});
	it('wrong headers say what is missing and what is unknown', () => {
		expect(matchHeaders(['房号', '姓名'], 'people')).toEqual({
			ok: false,
			kind: 'people',
			missing: ['类型', '手机', '证件类型', '证件号', '起止日期'],
			unknown: []
		});
		expect(matchHeaders(['a', 'b'])).toEqual({ ok: false, kind: null, missing: [], unknown: [] });
	});
	it('every template has one example row that parses', () => {
		for (const t of Object.values(TEMPLATES)) {
			const r = parseRow(
				t,
				t.columns.map((_, i) => i),
				t.columns.map((c) => c.example),
				2
			);
			expect(r.ok, t.kind).toBe(true);
		}
	});
});

describe('rows', () => {
	const people = TEMPLATES.people;
	const idx = people.columns.map((_, i) => i);
	const row = (cells: string[]) => parseRow(people, idx, cells, 7);
	it('parses a row to values', () => {
		const r = row(['3-2-1502', '张伟', '业主', '13800000001', '身份证', '11010519491231002X', '']);
		expect(r).toMatchObject({
			ok: true,
			parsed: {
				row: 7,
				values: {
					unit: '3-2-1502',
					role: 'owner',
					phone: '13800000001',
					idType: 'id_card',
					period: null
				}
			}
		});
	});
	it('each refusal names the row, the column and the reason', () => {
		expect(row(['3-2-1502', '', '业主', '13800000001', '', '', ''])).toEqual({
			ok: false,
			refusal: { row: 7, error: 'required', column: '姓名' }
		});
		expect(row(['3-2-1502', '张伟', '业主', '1380000', '', '', ''])).toMatchObject({
			ok: false,
			refusal: { error: 'bad_phone', column: '手机' }
		});
		expect(
			row(['3-2-1502', '张伟', '业主', '13800000001', '身份证', '110105194912310021', ''])
		).toMatchObject({ ok: true, parsed: { values: { idNumberInvalid: true } } });
		expect(row(['3-2-1502', '张伟', '房东', '13800000001', '', '', ''])).toMatchObject({
			ok: false,
			refusal: { error: 'bad_choice', column: '类型' }
		});
		expect(row(['3-2-1502', '张伟', '租户', '13800000001', '', '', '2024-13-01'])).toMatchObject({
			ok: false,
			refusal: { error: 'bad_date', column: '起止日期' }
		});
		// An owner needs a phone: it is the kiosk sign-in.
		expect(row(['3-2-1502', '张伟', '业主', '', '', '', ''])).toMatchObject({
			ok: false,
			refusal: { error: 'required', column: '手机' }
		});
		const units = TEMPLATES.units;
		expect(
			parseRow(
				units,
				units.columns.map((_, i) => i),
				['1', '1', '101', '0', '', '', '', ''],
				3
			)
		).toMatchObject({ ok: false, refusal: { error: 'not_positive', column: '建筑面积' } });
		expect(
			parseRow(
				units,
				units.columns.map((_, i) => i),
				['3', '2', '3-2-1502', '89', '', '', '', ''],
				4
			)
		).toMatchObject({ ok: false, refusal: { error: 'bad_unit_part', column: '房号' } });
		const bills = TEMPLATES.opening_bills;
		expect(
			parseRow(
				bills,
				bills.columns.map((_, i) => i),
				['1-1-101', '物业服务费', '2026-03', '10.005', ''],
				3
			)
		).toMatchObject({ ok: false, refusal: { error: 'too_many_decimals', column: '金额' } });
	});
});
