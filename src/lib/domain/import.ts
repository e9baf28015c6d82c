/**
 * Import and export templates (导入模板) as data: for each register its Chinese headers, one
 * example row, and per column a parser that turns a cell's text into a value or a refusal code.
 * The import, the downloadable templates and the export all read these definitions, so a file the
 * export wrote imports again unchanged. Pure: no I/O, codes instead of translated text.
 */
import { parseYuan } from '../money';
import { isValidDate, isValidMonth } from '../dates';

export const IMPORT_KINDS = [
	'units',
	'people',
	'spaces',
	'vehicles',
	'opening_bills',
	'opening_credits'
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Why a cell or a row is refused. Translated at the edge (`messages/import`). */
export type CellError =
	| 'required'
	| 'too_long'
	| 'bad_date'
	| 'bad_month'
	| 'bad_amount'
	| 'too_many_decimals'
	| 'not_positive'
	| 'bad_phone'
	| 'bad_id'
	| 'bad_choice'
	| 'bad_plate'
	| 'bad_period'
	| 'bad_unit_part';
export type RowError =
	| CellError
	| 'unknown_unit'
	| 'unknown_item'
	| 'unknown_space'
	| 'unknown_person'
	| 'duplicate'
	| 'conflict'
	| 'end_before_start';

export type CellResult<T> = { ok: true; value: T } | { ok: false; error: CellError };

/* ---------- vocabularies: one Chinese label per code, the same for import and export ---------- */

export const USE_LABELS = {
	residential: '住宅',
	commercial: '商业',
	office: '办公',
	storage: '储藏',
	other: '其他'
} as const;
export const OCCUPANCY_LABELS = {
	not_handed_over: '未接房',
	vacant_after_move_in: '空置',
	occupied: '已入住'
} as const;
/** The roles an import may create (types on the 业主与住户 template). */
export const PERSON_ROLE_LABELS = {
	owner: '业主',
	co_owner: '共有人',
	household: '家庭成员',
	tenant: '租户',
	emergency: '紧急联系人',
	resident: '住户',
	authorised: '授权人'
} as const;
export const ID_TYPE_LABELS = {
	id_card: '身份证',
	passport: '护照',
	home_return_permit: '回乡证',
	taiwan_permit: '台胞证',
	hk_mo_id: '港澳身份证',
	business_licence: '营业执照',
	other: '其他'
} as const;
export const SPACE_KIND_LABELS = {
	surface: '地面',
	underground: '地下',
	mechanical: '机械'
} as const;
export const HOLDING_LABELS = { owned: '自有', rented: '租用' } as const;
export const CREDIT_KIND_LABELS = { prepaid: '预存', deposit: '押金' } as const;
export type CreditKind = keyof typeof CREDIT_KIND_LABELS;

/* ---------- cell parsers ---------- */

const MAX_TEXT = 100;

/** Full-width digits, letters and punctuation (a Chinese IME's) folded to ASCII; spaces trimmed. */
export function foldCell(s: string): string {
	return s
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\u3000/g, ' ')
		.trim();
}

/** 楼栋, 单元, 房号 of the units template: one part each; a whole code (3-2-1502) is a mistake. */
function unitPart(max: number) {
	return (s: string): CellResult<string> => {
		if (/[-－—–\s]/.test(s)) return { ok: false, error: 'bad_unit_part' };
		return text(max)(s);
	};
}

export function text(max = MAX_TEXT) {
	return (s: string): CellResult<string> =>
		s.length > max ? { ok: false, error: 'too_long' } : { ok: true, value: s };
}

/** A date as Excel and people write it: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日. */
export function parseDateCell(s: string): CellResult<string> {
	const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
	if (!m) return { ok: false, error: 'bad_date' };
	const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
	return isValidDate(d) ? { ok: true, value: d } : { ok: false, error: 'bad_date' };
}

/** A month: 2026-03, 2026/3, 2026年3月, or a date in it (Excel turns "2026-03" into a date). */
export function parseMonthCell(s: string): CellResult<string> {
	const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
	if (m) {
		const v = `${m[1]}-${m[2].padStart(2, '0')}`;
		return isValidMonth(v) ? { ok: true, value: v } : { ok: false, error: 'bad_month' };
	}
	const d = parseDateCell(s);
	return d.ok ? { ok: true, value: d.value.slice(0, 7) } : { ok: false, error: 'bad_month' };
}

/** An amount in yuan with at most two decimals, above zero, to fen (never through a float). */
export function parseAmountCell(s: string): CellResult<number> {
	const r = parseYuan(s);
	if (r.ok) return r.fen > 0 ? { ok: true, value: r.fen } : { ok: false, error: 'not_positive' };
	if (r.error === 'too_many_decimals') return { ok: false, error: 'too_many_decimals' };
	if (r.error === 'negative') return { ok: false, error: 'not_positive' };
	return { ok: false, error: 'bad_amount' };
}

/** An area in m² with at most two decimals, above zero, to hundredths of m². */
export function parseAreaCell(s: string): CellResult<number> {
	return parseAmountCell(s);
}

/** A mainland mobile number: 11 digits from 1[3-9]; +86 / 86 and spaces or dashes are dropped. */
export function parsePhoneCell(s: string): CellResult<string> {
	const digits = s.replace(/[\s-]/g, '').replace(/^(?:\+?86)(?=1\d{10}$)/, '');
	return /^1[3-9]\d{9}$/.test(digits)
		? { ok: true, value: digits }
		: { ok: false, error: 'bad_phone' };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A resident identity card number (GB 11643): 18 characters, a valid birth date and check digit. */
export function isValidIdCard(id: string): boolean {
	if (!/^\d{17}[\dX]$/.test(id)) return false;
	const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
	if (!isValidDate(birth) || birth < '1900-01-01') return false;
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
	return ID_CHECK[sum % 11] === id[17];
}

/** An ID number for its type: the identity card is checked fully, others by shape. */
export function parseIdNumber(idType: keyof typeof ID_TYPE_LABELS, s: string): CellResult<string> {
	const v = s.replace(/\s/g, '').toUpperCase();
	if (idType === 'id_card')
		return isValidIdCard(v) ? { ok: true, value: v } : { ok: false, error: 'bad_id' };
	if (idType === 'business_licence')
		// 统一社会信用代码: 18 characters from digits and capitals without I, O, S, V, Z.
		return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)
			? { ok: true, value: v }
			: { ok: false, error: 'bad_id' };
	return /^[A-Z0-9()（）-]{5,30}$/.test(v)
		? { ok: true, value: v }
		: { ok: false, error: 'bad_id' };
}

/** A choice from a vocabulary, by its Chinese label or its code. */
export function choice<K extends string>(labels: Record<K, string>) {
	return (s: string): CellResult<K> => {
		for (const [code, label] of Object.entries(labels) as [K, string][])
			if (s === label || s.toLowerCase() === code) return { ok: true, value: code };
		return { ok: false, error: 'bad_choice' };
	};
}

/** A unit code as the counter writes it: 3-2-1502 (full-width dashes and spaces folded). */
export function normaliseUnitCode(s: string): string {
	return s
		.replace(/[－—–‐\s]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.toUpperCase();
}

/** A plate: 京A12345, 沪AD12345 (new energy); the province character, a letter, 5–6 more. */
export function parsePlateCell(s: string): CellResult<string> {
	const v = s.replace(/[\s·•.-]/g, '').toUpperCase();
	return /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4,5}[A-Z0-9\u4e00-\u9fa5]$/.test(v)
		? { ok: true, value: v }
		: { ok: false, error: 'bad_plate' };
}

export interface Period {
	start: string | null;
	end: string | null;
}

/** 起止日期: "2024-01-01", "2024-01-01至2025-12-31", "2024-01-01~2025-12-31", "~2025-12-31". */
export function parsePeriodCell(s: string): CellResult<Period> {
	const parts = s.split(/\s*(?:~|～|至|到|—)\s*/);
	if (parts.length > 2) return { ok: false, error: 'bad_period' };
	const out: Period = { start: null, end: null };
	for (const [i, p] of parts.entries()) {
		if (p === '') continue;
		const d = parseDateCell(p);
		if (!d.ok) return { ok: false, error: 'bad_date' };
		if (i === 0) out.start = d.value;
		else out.end = d.value;
	}
	if (out.start && out.end && out.end < out.start) return { ok: false, error: 'bad_period' };
	return { ok: true, value: out };
}

export function formatPeriod(p: Period): string {
	if (!p.start && !p.end) return '';
	return p.end ? `${p.start ?? ''}至${p.end}` : (p.start ?? '');
}

/** Fen or hundredths as the template writes them: 25680 → "256.80". */
export function formatCenti(n: number): string {
	const sign = n < 0 ? '-' : '';
	const a = Math.abs(n);
	return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/* ---------- templates ---------- */

export interface Column {
	key: string;
	header: string;
	required: boolean;
	example: string;
	parse: (s: string) => CellResult<unknown>;
}

const col = (
	key: string,
	header: string,
	example: string,
	parse: (s: string) => CellResult<unknown>,
	required = false
): Column => ({ key, header, required, example, parse });

const unitCode = (s: string): CellResult<string> => {
	const v = normaliseUnitCode(s);
	return v.length > 32 ? { ok: false, error: 'too_long' } : { ok: true, value: v };
};

export interface Template {
	kind: ImportKind;
	nameZh: string;
	nameEn: string;
	/** File name of the template and of the export, without extension. */
	fileBase: string;
	columns: Column[];
}

export const TEMPLATES: Record<ImportKind, Template> = {
	units: {
		kind: 'units',
		nameZh: '房屋',
		nameEn: 'Units',
		fileBase: 'units',
		columns: [
			col('building', '楼栋', '3', unitPart(8), true),
			col('entrance', '单元', '2', unitPart(8), true),
			col('room', '房号', '1502', unitPart(12), true),
			col('area', '建筑面积', '89.50', parseAreaCell, true),
			col('use', '用途', '住宅', choice(USE_LABELS)),
			col('occupancy', '状态', '已入住', choice(OCCUPANCY_LABELS)),
			col('handoverNoticeDate', '交房通知日期', '2024-06-01', parseDateCell),
			col('moveInDate', '接房日期', '2024-07-15', parseDateCell)
		]
	},
	people: {
		kind: 'people',
		nameZh: '业主与住户',
		nameEn: 'Owners and residents',
		fileBase: 'people',
		columns: [
			col('unit', '房号', '3-2-1502', unitCode, true),
			col('name', '姓名', '张伟', text(40), true),
			col('role', '类型', '业主', choice(PERSON_ROLE_LABELS), true),
			col('phone', '手机', '13800000001', parsePhoneCell),
			col('idType', '证件类型', '身份证', choice(ID_TYPE_LABELS)),
			col('idNumber', '证件号', '11010519491231002X', text(30)),
			col('period', '起止日期', '2024-07-15', parsePeriodCell)
		]
	},
	spaces: {
		kind: 'spaces',
		nameZh: '车位',
		nameEn: 'Parking spaces',
		fileBase: 'spaces',
		columns: [
			col('code', '车位号', 'B1-018', (s) => text(20)(s.toUpperCase()), true),
			col('area', '面积', '12.50', parseAreaCell),
			col('kind', '类型', '地下', choice(SPACE_KIND_LABELS)),
			col('unit', '房号', '3-2-1502', unitCode),
			col('holding', '持有方式', '自有', choice(HOLDING_LABELS)),
			col('startDate', '起始日期', '2024-07-15', parseDateCell)
		]
	},
	vehicles: {
		kind: 'vehicles',
		nameZh: '车辆',
		nameEn: 'Vehicles',
		fileBase: 'vehicles',
		columns: [
			col('plate', '车牌', '浙A12345', parsePlateCell, true),
			col('unit', '房号', '3-2-1502', unitCode, true),
			col('person', '车主', '张伟', text(40)),
			col('space', '车位号', 'B1-018', (s) => text(20)(s.toUpperCase())),
			col('startDate', '起始日期', '2024-07-15', parseDateCell)
		]
	},
	opening_bills: {
		kind: 'opening_bills',
		nameZh: '期初欠费',
		nameEn: 'Opening arrears',
		fileBase: 'opening-arrears',
		columns: [
			col('unit', '房号', '3-2-1502', unitCode, true),
			col('item', '收费项目', '物业服务费', text(40), true),
			col('month', '月份', '2026-03', parseMonthCell, true),
			col('amount', '金额', '237.18', parseAmountCell, true),
			col('lateFeeFrom', '滞纳金起算日', '2026-03-20', parseDateCell)
		]
	},
	opening_credits: {
		kind: 'opening_credits',
		nameZh: '期初预存/押金',
		nameEn: 'Opening prepayments and deposits',
		fileBase: 'opening-credits',
		columns: [
			col('unit', '房号', '3-2-1502', unitCode, true),
			col('kind', '类型', '预存', choice(CREDIT_KIND_LABELS), true),
			col('amount', '金额', '1200.00', parseAmountCell, true),
			col('receiptNo', '原收据号', 'NO.0012345', text(40))
		]
	}
};

/** Headers as people type them: trimmed, full-width folded, a trailing * (required mark) dropped. */
export function normaliseHeader(h: string): string {
	return foldCell(h.replace(/^\uFEFF/, ''))
		.replace(/\*$/, '')
		.replace(/\s+/g, '');
}

export type HeaderCheck =
	| { ok: true; kind: ImportKind; index: number[] }
	| { ok: false; kind: ImportKind | null; missing: string[]; unknown: string[] };

/**
 * Which template a header row is, and where each column is. `kind` given: the row must be that
 * template's headers (any order); not given: the template whose headers are exactly these.
 */
export function matchHeaders(row: readonly string[], kind?: ImportKind): HeaderCheck {
	const headers = row.map(normaliseHeader);
	while (headers.length && headers[headers.length - 1] === '') headers.pop();
	const check = (k: ImportKind) => {
		const cols = TEMPLATES[k].columns;
		const known = new Set(cols.map((c) => c.header));
		const missing = cols.map((c) => c.header).filter((h) => !headers.includes(h));
		const unknown = headers.filter((h) => h !== '' && !known.has(h));
		const dup = headers.filter((h, i) => h !== '' && headers.indexOf(h) !== i);
		return {
			missing,
			unknown: [...unknown, ...dup],
			index: cols.map((c) => headers.indexOf(c.header))
		};
	};
	if (kind) {
		const c = check(kind);
		if (c.missing.length || c.unknown.length)
			return { ok: false, kind, missing: c.missing, unknown: c.unknown };
		return { ok: true, kind, index: c.index };
	}
	for (const k of IMPORT_KINDS) {
		const c = check(k);
		if (!c.missing.length && !c.unknown.length) return { ok: true, kind: k, index: c.index };
	}
	return { ok: false, kind: null, missing: [], unknown: [] };
}

export interface ParsedRow {
	/** The row number as the spreadsheet shows it (the header is row 1). */
	row: number;
	values: Record<string, unknown>;
	/** The cells as read, by column key, for the preview. */
	raw: Record<string, string>;
}

export interface RowRefusal {
	row: number;
	error: RowError;
	/** The column's header, when one cell is at fault. */
	column?: string;
	/** What the cell held (shortened), or a key such as the duplicate's first row. */
	detail?: string;
}

/**
 * Parses one data row against its template: every cell through its column's parser; an empty
 * optional cell is null. Returns the values or the first refusal.
 */
export function parseRow(
	template: Template,
	index: readonly number[],
	cells: readonly string[],
	row: number
): { ok: true; parsed: ParsedRow } | { ok: false; refusal: RowRefusal } {
	const values: Record<string, unknown> = {};
	const raw: Record<string, string> = {};
	for (const [i, c] of template.columns.entries()) {
		const cell = foldCell(cells[index[i]] ?? '');
		raw[c.key] = cell;
		if (cell === '') {
			if (c.required) return { ok: false, refusal: { row, error: 'required', column: c.header } };
			values[c.key] = null;
			continue;
		}
		const r = c.parse(cell);
		if (!r.ok)
			return {
				ok: false,
				refusal: { row, error: r.error, column: c.header, detail: cell.slice(0, 40) }
			};
		values[c.key] = r.value;
	}
	// Checks that need two cells of the row.
	if (template.kind === 'people' && values.idNumber) {
		const idType = (values.idType ?? 'id_card') as keyof typeof ID_TYPE_LABELS;
		const r = parseIdNumber(idType, values.idNumber as string);
		values.idType = idType;
		// A malformed number is refused by the planner only when it is not already the one on
		// record, so an export of records kept before this check still imports as unchanged.
		if (r.ok) values.idNumber = r.value;
		else values.idNumberInvalid = true;
	}
	if (template.kind === 'people' && values.role === 'owner' && !values.phone)
		return { ok: false, refusal: { row, error: 'required', column: '手机' } };
	if (
		template.kind === 'units' &&
		values.handoverNoticeDate &&
		values.moveInDate &&
		(values.moveInDate as string) < (values.handoverNoticeDate as string)
	)
		return { ok: false, refusal: { row, error: 'end_before_start', column: '接房日期' } };
	return { ok: true, parsed: { row, values, raw } };
}

/** A row with no cell filled in is skipped, as spreadsheets leave such rows at the end. */
export function isBlankRow(cells: readonly string[]): boolean {
	return cells.every((c) => foldCell(c ?? '') === '');
}
