/**
 * Money is an integer number of fen (分) everywhere: in the DB, in arithmetic, in forms.
 * This module is the one place where text becomes fen and fen becomes text.
 * Parsing never goes through floating point: the digits are checked and converted with BigInt.
 */

/** Largest amount any single input may carry: ¥100,000,000.00. */
export const MAX_FEN = 10_000_000_000;

export type ParseYuanError =
	'empty' | 'not_a_number' | 'too_many_decimals' | 'negative' | 'too_large';
export type ParseYuanResult = { ok: true; fen: number } | { ok: false; error: ParseYuanError };
export type ParseYuanPositiveResult =
	{ ok: true; fen: number } | { ok: false; error: ParseYuanError | 'zero' };

const FULLWIDTH_DIGIT_0 = 0xff10;

/**
 * Full-width input (common with Chinese IMEs) is folded to ASCII so "１２．３０" parses like "12.30".
 * Only digits, the decimal point, the comma, the minus sign and the yuan sign are folded.
 */
function foldFullWidth(s: string): string {
	let out = '';
	for (const ch of s) {
		const code = ch.codePointAt(0)!;
		if (code >= FULLWIDTH_DIGIT_0 && code <= FULLWIDTH_DIGIT_0 + 9) {
			out += String.fromCharCode(48 + code - FULLWIDTH_DIGIT_0);
		} else if (ch === '．') out += '.';
		else if (ch === '，') out += ',';
		else if (ch === '－' || ch === '−') out += '-';
		else if (ch === '￥') out += '¥';
		else if (ch === '\u3000')
			out += ' '; // ideographic space
		else out += ch;
	}
	return out;
}

// Integer part: plain digits, or digits grouped by threes with commas ("1,234,567").
// "12,34" is refused rather than guessed: in some locales the comma is the decimal mark,
// and reading it as a thousands separator would multiply the amount by 100.
const INTEGER_PART = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;
const DIGITS = /^\d+$/;

type Unsigned =
	{ ok: true; fen: bigint } | { ok: false; error: 'not_a_number' | 'too_many_decimals' };

/** Parses an unsigned amount in yuan ("1,234.5") to fen as a BigInt, so huge inputs cannot overflow. */
function parseUnsigned(s: string): Unsigned {
	const dot = s.indexOf('.');
	const intPart = dot === -1 ? s : s.slice(0, dot);
	const fracPart = dot === -1 ? '' : s.slice(dot + 1);
	if (fracPart.includes('.')) return { ok: false, error: 'not_a_number' };
	// ".5" and "5." are accepted (people type them); "." alone is not a number.
	if (intPart === '' && fracPart === '') return { ok: false, error: 'not_a_number' };
	if (intPart !== '' && !INTEGER_PART.test(intPart)) return { ok: false, error: 'not_a_number' };
	if (fracPart !== '' && !DIGITS.test(fracPart)) return { ok: false, error: 'not_a_number' };
	if (fracPart.length > 2) return { ok: false, error: 'too_many_decimals' };
	const yuan = intPart === '' ? 0n : BigInt(intPart.replaceAll(',', ''));
	const fen = fracPart === '' ? 0n : BigInt(fracPart.padEnd(2, '0'));
	return { ok: true, fen: yuan * 100n + fen };
}

/**
 * Parses what a person typed as an amount in yuan: "12", "12.3", "12.30", " 1,234.50 ", "¥12.30",
 * full-width digits. Refuses signs, exponents, hex, more than two decimals and amounts above MAX_FEN.
 * A lone "¥" counts as empty (nothing was typed after the symbol).
 */
export function parseYuan(input: string): ParseYuanResult {
	let s = foldFullWidth(String(input ?? '')).trim();
	if (s === '') return { ok: false, error: 'empty' };
	let negative = false;
	// The sign may come before or after the yuan sign: "-¥12" and "¥-12" are both negative.
	if (s.startsWith('-')) {
		negative = true;
		s = s.slice(1).trimStart();
	}
	if (s.startsWith('¥')) s = s.slice(1).trimStart();
	if (!negative && s.startsWith('-')) {
		negative = true;
		s = s.slice(1).trimStart();
	}
	if (s === '') return { ok: false, error: negative ? 'not_a_number' : 'empty' };
	const parsed = parseUnsigned(s);
	// A well-formed number with a minus sign gets the more helpful 'negative' message.
	if (negative)
		return {
			ok: false,
			error: parsed.ok || parsed.error === 'too_many_decimals' ? 'negative' : 'not_a_number'
		};
	if (!parsed.ok) return parsed;
	if (parsed.fen > BigInt(MAX_FEN)) return { ok: false, error: 'too_large' };
	return { ok: true, fen: Number(parsed.fen) };
}

/** Like parseYuan, for amounts that must be above zero (a payment, a tendered sum). */
export function parseYuanPositive(input: string): ParseYuanPositiveResult {
	const r = parseYuan(input);
	if (r.ok && r.fen === 0) return { ok: false, error: 'zero' };
	return r;
}

/**
 * Parses an amount already in fen (a hidden form field, a query string): a plain decimal integer
 * string or a number, above zero and at most MAX_FEN. No decimals, no separators: a fen field that
 * holds "12.30" is a programming error, reported as 'not_a_number'.
 */
export function parseFenPositive(input: string | number): ParseYuanPositiveResult {
	let s: string;
	if (typeof input === 'number') {
		if (!Number.isSafeInteger(input)) return { ok: false, error: 'not_a_number' };
		s = String(input);
	} else {
		s = String(input ?? '').trim();
	}
	if (s === '') return { ok: false, error: 'empty' };
	if (s.startsWith('-'))
		return { ok: false, error: DIGITS.test(s.slice(1)) ? 'negative' : 'not_a_number' };
	if (!DIGITS.test(s)) return { ok: false, error: 'not_a_number' };
	const fen = BigInt(s);
	if (fen === 0n) return { ok: false, error: 'zero' };
	if (fen > BigInt(MAX_FEN)) return { ok: false, error: 'too_large' };
	return { ok: true, fen: Number(fen) };
}

/** True for a value usable as an amount of fen: a safe integer (any sign). */
export function isFen(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

function assertFen(fen: number, what = 'fen'): void {
	if (!isFen(fen))
		throw new RangeError(`${what} must be a safe integer number of fen, got ${String(fen)}`);
}

function splitFen(fen: number): { sign: string; yuan: string; cents: string } {
	assertFen(fen);
	const abs = BigInt(Math.abs(fen));
	return {
		// -0 and 0 both print without a sign.
		sign: fen < 0 ? '-' : '',
		yuan: (abs / 100n).toString(),
		cents: (abs % 100n).toString().padStart(2, '0')
	};
}

/** "¥1,234.56"; negative "-¥10.00"; `{ symbol: false }` → "1,234.56". */
export function formatYuan(fen: number, opts: { symbol?: boolean } = {}): string {
	const { sign, yuan, cents } = splitFen(fen);
	const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}${opts.symbol === false ? '' : '¥'}${grouped}.${cents}`;
}

/** "1234.56": the value an <input> shows, which parseYuan reads back to the same fen. */
export function fenToYuanString(fen: number): string {
	const { sign, yuan, cents } = splitFen(fen);
	return `${sign}${yuan}.${cents}`;
}

// Strings indexed with charAt: always a string, so no undefined to guard against.
const CN_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const CN_SECTION_UNITS = ' 拾佰仟';

/** 1..9999 → capitals, with one 零 for each run of inner zeros and none for trailing zeros. */
function sectionToChinese(n: number): string {
	let out = '';
	let pendingZero = false;
	let started = false;
	for (let pos = 3; pos >= 0; pos--) {
		const d = Math.floor(n / 10 ** pos) % 10;
		if (d === 0) {
			if (started) pendingZero = true;
			continue;
		}
		if (pendingZero) out += '零';
		pendingZero = false;
		started = true;
		// 拾 always carries its digit: 壹拾, never a bare 拾 (the PBOC rule guards against additions).
		out += CN_DIGITS.charAt(d) + (pos > 0 ? CN_SECTION_UNITS.charAt(pos) : '');
	}
	return out;
}

/**
 * Whole yuan (> 0) → capitals with 万 and 亿 groups. A lower group that does not fill its top
 * digit gets a 零 (壹万零伍, 壹亿零壹万); one that does gets none (壹拾万柒仟).
 */
function yuanToChinese(n: bigint): string {
	if (n < 10_000n) return sectionToChinese(Number(n));
	const [unitValue, unitName] = n < 100_000_000n ? [10_000n, '万'] : [100_000_000n, '亿'];
	const high = n / unitValue;
	const low = n % unitValue;
	let out = yuanToChinese(high) + unitName;
	if (low > 0n) out += (low < unitValue / 10n ? '零' : '') + yuanToChinese(low);
	return out;
}

/**
 * Amount in Chinese capitals (大写) as the PBOC rules for filling in bills require
 * (《支付结算办法》附件一 正确填写票据和结算凭证的基本规定). Choices where the rules allow two forms:
 * - ends at 元 → "…元整"; ends at 角 → "…角" without 整 (the rules allow either); ends at 分 → no 整.
 * - 元 digit is 0 but 角 is not → write 零 after 元 (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分).
 * - 角 is 0 but 分 is not → 零 after 元 is mandatory (¥2,003.04 → 贰仟零叁元零肆分).
 * - 万 digit 0 but 千 digit not → no 零 (¥107,000.53 → 壹拾万柒仟元零伍角叁分).
 * - below one yuan → no 元 at all (¥0.05 → 人民币伍分); zero → 人民币零元整.
 * Negative amounts throw: a receipt total is never negative.
 */
export function toChineseUppercase(fen: number): string {
	assertFen(fen);
	if (fen < 0) throw new RangeError(`cannot write a negative amount in capitals: ${fen}`);
	const total = BigInt(fen);
	const yuan = total / 100n;
	const jiao = Number((total / 10n) % 10n);
	const fenDigit = Number(total % 10n);
	if (total === 0n) return '人民币零元整';
	let out = '人民币';
	if (yuan > 0n) {
		out += yuanToChinese(yuan) + '元';
		if (jiao === 0 && fenDigit === 0) return out + '整';
		if (jiao === 0 || yuan % 10n === 0n) out += '零';
	}
	if (jiao > 0) out += CN_DIGITS.charAt(jiao) + '角';
	if (fenDigit > 0) out += CN_DIGITS.charAt(fenDigit) + '分';
	return out;
}
