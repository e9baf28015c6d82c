import { describe, it, expect } from 'vitest';
import {
	MAX_FEN,
	fenToYuanString,
	formatYuan,
	isFen,
	parseFenPositive,
	parseYuan,
	parseYuanPositive,
	toChineseUppercase
} from './money';

describe('parseYuan: accepted forms', () => {
	it.each([
		['12', 1200],
		['12.3', 1230],
		['12.30', 1230],
		['12.05', 1205],
		['0.01', 1],
		['0', 0],
		['0.00', 0],
		['007', 700],
		['.5', 50],
		['5.', 500],
		[' 1,234.50 ', 123450],
		['1,234,567.89', 123456789],
		['¥12.30', 1230],
		['¥ 12.30', 1230],
		['￥12.30', 1230],
		['１２．３０', 1230],
		['１，２３４', 123400],
		['\u3000８\u3000', 800],
		['256.80', 25680],
		['100000000', MAX_FEN],
		['100,000,000.00', MAX_FEN],
		['99999999.99', MAX_FEN - 1]
	])('%j → %d fen', (input, fen) => {
		expect(parseYuan(input)).toEqual({ ok: true, fen });
	});

	it('is exact where floating point is not (0.29 × 100 = 28.999… in floats)', () => {
		expect(parseYuan('0.29')).toEqual({ ok: true, fen: 29 });
		expect(parseYuan('1.15')).toEqual({ ok: true, fen: 115 });
		expect(parseYuan('4.35')).toEqual({ ok: true, fen: 435 });
		expect(parseYuan('19.99')).toEqual({ ok: true, fen: 1999 });
	});
});

describe('parseYuan: refused forms', () => {
	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['¥', 'empty'],
		['\u3000', 'empty'],
		['-1', 'negative'],
		['-0.01', 'negative'],
		['-¥12', 'negative'],
		['¥-12', 'negative'],
		['－５', 'negative'],
		['-1.234', 'negative'],
		['-', 'not_a_number'],
		['-abc', 'not_a_number'],
		['1.234', 'too_many_decimals'],
		['0.001', 'too_many_decimals'],
		['12.300', 'too_many_decimals'],
		['abc', 'not_a_number'],
		['1e5', 'not_a_number'],
		['1E5', 'not_a_number'],
		['0x10', 'not_a_number'],
		['+5', 'not_a_number'],
		['.', 'not_a_number'],
		['1.2.3', 'not_a_number'],
		['12,34', 'not_a_number'],
		['1,2345', 'not_a_number'],
		[',123', 'not_a_number'],
		['1 234', 'not_a_number'],
		['12元', 'not_a_number'],
		['Infinity', 'not_a_number'],
		['NaN', 'not_a_number'],
		['١٢', 'not_a_number'],
		['1.-5', 'not_a_number'],
		['100000000.01', 'too_large'],
		['100,000,001', 'too_large'],
		['99999999999999999999999', 'too_large']
	])('%j → %s', (input, error) => {
		expect(parseYuan(input)).toEqual({ ok: false, error });
	});
});

describe('parseYuanPositive', () => {
	it('refuses zero in any spelling', () => {
		expect(parseYuanPositive('0')).toEqual({ ok: false, error: 'zero' });
		expect(parseYuanPositive('0.00')).toEqual({ ok: false, error: 'zero' });
		expect(parseYuanPositive('¥0')).toEqual({ ok: false, error: 'zero' });
	});
	it('passes positive amounts and other errors through', () => {
		expect(parseYuanPositive('0.01')).toEqual({ ok: true, fen: 1 });
		expect(parseYuanPositive('¥1,000')).toEqual({ ok: true, fen: 100000 });
		expect(parseYuanPositive('')).toEqual({ ok: false, error: 'empty' });
		expect(parseYuanPositive('-3')).toEqual({ ok: false, error: 'negative' });
		expect(parseYuanPositive('1.001')).toEqual({ ok: false, error: 'too_many_decimals' });
	});
});

describe('parseFenPositive', () => {
	it('reads integer fen from strings and numbers', () => {
		expect(parseFenPositive('1230')).toEqual({ ok: true, fen: 1230 });
		expect(parseFenPositive(' 1 ')).toEqual({ ok: true, fen: 1 });
		expect(parseFenPositive(25680)).toEqual({ ok: true, fen: 25680 });
		expect(parseFenPositive(String(MAX_FEN))).toEqual({ ok: true, fen: MAX_FEN });
	});
	it('refuses everything else', () => {
		expect(parseFenPositive('')).toEqual({ ok: false, error: 'empty' });
		expect(parseFenPositive('0')).toEqual({ ok: false, error: 'zero' });
		expect(parseFenPositive(0)).toEqual({ ok: false, error: 'zero' });
		expect(parseFenPositive('-5')).toEqual({ ok: false, error: 'negative' });
		expect(parseFenPositive(-5)).toEqual({ ok: false, error: 'negative' });
		expect(parseFenPositive('12.30')).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseFenPositive(12.5)).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseFenPositive(Number.NaN)).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseFenPositive('1,000')).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseFenPositive('-x')).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseFenPositive(String(MAX_FEN + 1))).toEqual({ ok: false, error: 'too_large' });
	});
});

describe('isFen', () => {
	it('accepts safe integers only', () => {
		expect(isFen(0)).toBe(true);
		expect(isFen(-100)).toBe(true);
		expect(isFen(1.5)).toBe(false);
		expect(isFen(Number.NaN)).toBe(false);
		expect(isFen(2 ** 53)).toBe(false);
		expect(isFen('100')).toBe(false);
	});
});

describe('formatYuan', () => {
	it.each([
		[0, '¥0.00'],
		[1, '¥0.01'],
		[10, '¥0.10'],
		[100, '¥1.00'],
		[2003, '¥20.03'],
		[25680, '¥256.80'],
		[99999, '¥999.99'],
		[100000, '¥1,000.00'],
		[123456, '¥1,234.56'],
		[123456789, '¥1,234,567.89'],
		[MAX_FEN, '¥100,000,000.00'],
		[-1000, '-¥10.00'],
		[-1, '-¥0.01'],
		[-123456, '-¥1,234.56']
	])('%d → %s', (fen, text) => {
		expect(formatYuan(fen)).toBe(text);
	});
	it('can leave out the symbol', () => {
		expect(formatYuan(123456, { symbol: false })).toBe('1,234.56');
		expect(formatYuan(-1000, { symbol: false })).toBe('-10.00');
		expect(formatYuan(123456, { symbol: true })).toBe('¥1,234.56');
	});
	it('prints -0 as zero', () => {
		expect(formatYuan(-0)).toBe('¥0.00');
	});
	it('handles the largest safe integer without rounding', () => {
		expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
	});
	it('throws on non-integer fen', () => {
		expect(() => formatYuan(1.5)).toThrow(RangeError);
		expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
		expect(() => formatYuan(Number.POSITIVE_INFINITY)).toThrow(RangeError);
	});
});

describe('fenToYuanString', () => {
	it.each([
		[0, '0.00'],
		[5, '0.05'],
		[1230, '12.30'],
		[123456, '1234.56'],
		[-1230, '-12.30']
	])('%d → %s', (fen, text) => {
		expect(fenToYuanString(fen)).toBe(text);
	});
	it('round-trips through parseYuan', () => {
		for (const fen of [0, 1, 9, 10, 99, 100, 101, 25680, 200304, 123456789, MAX_FEN]) {
			expect(parseYuan(fenToYuanString(fen))).toEqual({ ok: true, fen });
			expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, fen });
		}
	});
	it('throws on non-integer fen', () => {
		expect(() => fenToYuanString(0.1)).toThrow(RangeError);
	});
});

describe('toChineseUppercase', () => {
	// Examples from the PBOC rules themselves, DOMAIN.md, and the brief's choices.
	it.each([
		// zero and amounts below one yuan
		[0, '人民币零元整'],
		[1, '人民币壹分'],
		[5, '人民币伍分'],
		[50, '人民币伍角'],
		[53, '人民币伍角叁分'],
		[99, '人民币玖角玖分'],
		// whole yuan → 整
		[100, '人民币壹元整'],
		[1000, '人民币壹拾元整'],
		[1100, '人民币壹拾壹元整'],
		[10000, '人民币壹佰元整'],
		[10100, '人民币壹佰零壹元整'],
		[11000, '人民币壹佰壹拾元整'],
		[100000, '人民币壹仟元整'],
		[101000, '人民币壹仟零壹拾元整'],
		[100100, '人民币壹仟零壹元整'],
		[1000000, '人民币壹万元整'],
		[1050000, '人民币壹万零伍佰元整'],
		[1500000, '人民币壹万伍仟元整'],
		[10000000, '人民币壹拾万元整'],
		[10010000, '人民币壹拾万零壹佰元整'],
		[101000000, '人民币壹佰零壹万元整'],
		[10000000000, '人民币壹亿元整'],
		[10001000000, '人民币壹亿零壹万元整'],
		[11000000000, '人民币壹亿壹仟万元整'],
		[100000000000000, '人民币壹万亿元整'],
		[100000001000000, '人民币壹万亿零壹万元整'],
		// 角 without 分: no 整 (chosen)
		[140950, '人民币壹仟肆佰零玖元伍角'],
		[150, '人民币壹元伍角'],
		// 元 digit 0, 角 not 0 → 零 after 元 (chosen)
		[168032, '人民币壹仟陆佰捌拾元零叁角贰分'],
		[10700053, '人民币壹拾万柒仟元零伍角叁分'],
		[1050, '人民币壹拾元零伍角'],
		// 角 0, 分 not 0 → 零 after 元 (mandatory)
		[200304, '人民币贰仟零叁元零肆分'],
		[1640902, '人民币壹万陆仟肆佰零玖元零贰分'],
		[32504, '人民币叁佰贰拾伍元零肆分'],
		[101, '人民币壹元零壹分'],
		// several zeros in a row → one 零
		[600714, '人民币陆仟零柒元壹角肆分'],
		[1000005, '人民币壹万元零伍分'],
		[100000100, '人民币壹佰万零壹元整'],
		// everything at once
		[2003, '人民币贰拾元零叁分'],
		[25680, '人民币贰佰伍拾陆元捌角'],
		[123456789, '人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
		[9999999999, '人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
		[Number.MAX_SAFE_INTEGER, '人民币玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分']
	])('%d fen → %s', (fen, text) => {
		expect(toChineseUppercase(fen)).toBe(text);
	});

	it('throws on negative or non-integer amounts', () => {
		expect(() => toChineseUppercase(-1)).toThrow(RangeError);
		expect(() => toChineseUppercase(1.5)).toThrow(RangeError);
		expect(() => toChineseUppercase(Number.NaN)).toThrow(RangeError);
	});

	it('uses only the anti-forgery capitals, never 一二三 or 十百千', () => {
		for (const fen of [123456789, 1010101010, 9080706050]) {
			expect(toChineseUppercase(fen)).not.toMatch(/[一二三四五六七八九十百千]/);
		}
	});
});
