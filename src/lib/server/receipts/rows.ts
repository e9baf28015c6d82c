/**
 * What a receipt lists, derived from a payment's ledger lines. Pure (no I/O): the PDF, the
 * lookup page and the tests all read the same rows.
 *
 * Bill lines (principal / late fee with a billId) are merged per bill, then per fee item into
 * runs of consecutive months: three months of property fee print as ONE row
 * "2026年01月至2026年03月". A gap (a month paid earlier) starts a new row, so a period never
 * claims a month this payment did not pay. Any other line (renovation deposit, debris fee, …)
 * prints as its own row, named from its detail or description: the receipt knows no item codes.
 */
import { formatPeriodZh, isValidMonth, addMonths } from '../../dates';
import { formatLateFeeWorkingZh, type LateFeeWorking } from '../../domain/late-fee';

/** The ledger line fields a receipt needs (a `payment_lines` row fits). */
export interface ReceiptLineInput {
	kind: string;
	billId: number | null;
	itemCode: string;
	description: string;
	amountFen: number;
	/** JSON text as stored, or an already parsed object. */
	detail: string | Record<string, unknown> | null;
}

/** The detail keys a receipt reads; every one is optional. */
export interface LineDetail {
	month?: string;
	itemNameZh?: string;
	itemNameEn?: string;
	working?: LateFeeWorking;
	/** Late fee (or principal) waived for this bill, shown in the 减免 column. */
	waivedFen?: number;
	/** A free-text period for non-bill lines, e.g. "2026年12月01日至2027年02月28日". */
	periodZh?: string;
	/** 空置减免 taken off the bill's principal before this payment (principal lines). */
	vacancyCreditFen?: number;
}

export interface ReceiptRow {
	itemCode: string;
	nameZh: string;
	nameEn: string;
	/** "2026年01月至2026年03月", a line's own period text, or ''. */
	period: string;
	fromMonth: string | null;
	toMonth: string | null;
	principalFen: number;
	lateFeeFen: number;
	waivedFen: number;
	/** What was paid on this row: principal + late fee (a waiver is not money received). */
	totalFen: number;
	kind: 'bill' | 'deposit' | 'charge' | 'other';
}

export interface WorkingLine {
	/** "2026年03月 物业服务费" */
	label: string;
	/** One or more lines from formatLateFeeWorkingZh. */
	lines: string[];
}

export interface ReceiptRows {
	rows: ReceiptRow[];
	workings: WorkingLine[];
	principalFen: number;
	lateFeeFen: number;
	waivedFen: number;
	totalFen: number;
	/** Lets a layout drop the 减免 column when nothing was waived. */
	hasWaiver: boolean;
	/** Rate of the first working found (for the 3‰ caption), or null. */
	ratePerMille: number | null;
	/** 空置减免 taken off the principal of the bills paid (already out of the amounts above). */
	vacancyCreditFen: number;
}

export function parseDetail(detail: ReceiptLineInput['detail']): LineDetail {
	if (!detail) return {};
	let raw: unknown = detail;
	if (typeof detail === 'string') {
		try {
			raw = JSON.parse(detail);
		} catch {
			return {};
		}
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
	const r = raw as Record<string, unknown>;
	const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
	const out: LineDetail = {};
	if (typeof r.month === 'string' && isValidMonth(r.month)) out.month = r.month;
	out.itemNameZh = str(r.itemNameZh);
	out.itemNameEn = str(r.itemNameEn);
	out.periodZh = str(r.periodZh);
	if (typeof r.waivedFen === 'number' && Number.isSafeInteger(r.waivedFen) && r.waivedFen > 0) out.waivedFen = r.waivedFen;
	if (typeof r.vacancyCreditFen === 'number' && Number.isSafeInteger(r.vacancyCreditFen) && r.vacancyCreditFen > 0) out.vacancyCreditFen = r.vacancyCreditFen;
	if (isWorking(r.working)) out.working = r.working;
	return out;
}

function isWorking(w: unknown): w is LateFeeWorking {
	if (!w || typeof w !== 'object') return false;
	const o = w as Record<string, unknown>;
	return (
		typeof o.fen === 'number' &&
		typeof o.ratePerMille === 'number' &&
		typeof o.uncappedFen === 'number' &&
		Array.isArray(o.parts) &&
		o.parts.every((p) => p && typeof p === 'object' && typeof (p as Record<string, unknown>).principalFen === 'number' && typeof (p as Record<string, unknown>).days === 'number')
	);
}

interface BillAcc {
	billId: number;
	itemCode: string;
	nameZh: string;
	nameEn: string;
	month: string | null;
	principalFen: number;
	lateFeeFen: number;
	waivedFen: number;
	working: LateFeeWorking | null;
	order: number;
}

const monthZh = (month: string) => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

/** Rows, late-fee workings and totals of a receipt, in the order the lines were posted. */
export function receiptRows(lines: readonly ReceiptLineInput[]): ReceiptRows {
	const bills = new Map<number, BillAcc>();
	// Rows keep the order of first appearance; bill rows are placed when their item first appears.
	const slots: ({ type: 'item'; itemCode: string } | { type: 'row'; row: ReceiptRow })[] = [];
	const itemsSeen = new Set<string>();
	let vacancyCreditFen = 0;

	lines.forEach((line, order) => {
		const d = parseDetail(line.detail);
		if (line.kind === 'principal') vacancyCreditFen += d.vacancyCreditFen ?? 0;
		const billLine = line.billId != null && (line.kind === 'principal' || line.kind === 'late_fee');
		if (billLine) {
			const id = line.billId as number;
			let b = bills.get(id);
			if (!b) {
				b = { billId: id, itemCode: line.itemCode, nameZh: '', nameEn: '', month: null, principalFen: 0, lateFeeFen: 0, waivedFen: 0, working: null, order };
				bills.set(id, b);
			}
			b.nameZh ||= d.itemNameZh ?? '';
			b.nameEn ||= d.itemNameEn ?? '';
			b.month ??= d.month ?? null;
			if (line.kind === 'principal') b.principalFen += line.amountFen;
			else b.lateFeeFen += line.amountFen;
			b.waivedFen += d.waivedFen ?? 0;
			// The late-fee line carries the authoritative working; a principal line's is a fallback.
			if (d.working && (line.kind === 'late_fee' || !b.working)) b.working = d.working;
			if (!itemsSeen.has(line.itemCode)) {
				itemsSeen.add(line.itemCode);
				slots.push({ type: 'item', itemCode: line.itemCode });
			}
			return;
		}
		const nameZh = d.itemNameZh ?? (line.description || line.itemCode);
		// A description that differs from the name is the row's note (e.g. "90.00㎡ × ¥3.00/㎡").
		const note = line.description && line.description !== nameZh ? line.description : '';
		const period = d.periodZh ?? (d.month ? formatPeriodZh(d.month, d.month) : note);
		const isLate = line.kind === 'late_fee';
		slots.push({
			type: 'row',
			row: {
				itemCode: line.itemCode,
				nameZh,
				nameEn: d.itemNameEn ?? nameZh,
				period,
				fromMonth: d.month ?? null,
				toMonth: d.month ?? null,
				principalFen: isLate ? 0 : line.amountFen,
				lateFeeFen: isLate ? line.amountFen : 0,
				waivedFen: d.waivedFen ?? 0,
				totalFen: line.amountFen,
				kind: line.kind === 'deposit' ? 'deposit' : line.kind === 'charge' ? 'charge' : 'other'
			}
		});
	});

	const billRowsByItem = new Map<string, ReceiptRow[]>();
	const workings: WorkingLine[] = [];
	for (const itemCode of itemsSeen) {
		const list = [...bills.values()].filter((b) => b.itemCode === itemCode);
		// Months in order; bills without a month (should not happen) go last, one row each.
		list.sort((a, b) => (a.month ?? '9999') < (b.month ?? '9999') ? -1 : (a.month ?? '9999') > (b.month ?? '9999') ? 1 : a.order - b.order);
		const rows: ReceiptRow[] = [];
		let run: ReceiptRow | null = null;
		for (const b of list) {
			const name = b.nameZh || itemCode;
			const contiguous = run && b.month && run.toMonth && addMonths(run.toMonth, 1) === b.month && run.nameZh === name;
			if (run && contiguous) {
				run.toMonth = b.month;
				run.period = formatPeriodZh(run.fromMonth as string, b.month as string);
			} else {
				run = {
					itemCode,
					nameZh: name,
					nameEn: b.nameEn || name,
					period: b.month ? formatPeriodZh(b.month, b.month) : '',
					fromMonth: b.month,
					toMonth: b.month,
					principalFen: 0,
					lateFeeFen: 0,
					waivedFen: 0,
					totalFen: 0,
					kind: 'bill'
				};
				rows.push(run);
			}
			run.principalFen += b.principalFen;
			run.lateFeeFen += b.lateFeeFen;
			run.waivedFen += b.waivedFen;
			run.totalFen += b.principalFen + b.lateFeeFen;
			if (b.month === null) run = null; // never extend a month-less row
			if (b.working && b.working.parts.length > 0 && (b.lateFeeFen > 0 || b.waivedFen > 0)) {
				const text = formatLateFeeWorkingZh(b.working);
				if (text) workings.push({ label: `${b.month ? monthZh(b.month) : ''}${name}`, lines: text.split('\n') });
			}
		}
		billRowsByItem.set(itemCode, rows);
	}

	const rows: ReceiptRow[] = [];
	for (const s of slots) {
		if (s.type === 'row') rows.push(s.row);
		else rows.push(...(billRowsByItem.get(s.itemCode) ?? []));
	}
	const sum = (k: 'principalFen' | 'lateFeeFen' | 'waivedFen' | 'totalFen') => rows.reduce((a, r) => a + r[k], 0);
	const firstWorking = [...bills.values()].find((b) => b.working)?.working ?? null;
	return {
		rows,
		workings,
		principalFen: sum('principalFen'),
		lateFeeFen: sum('lateFeeFen'),
		waivedFen: sum('waivedFen'),
		totalFen: sum('totalFen'),
		hasWaiver: rows.some((r) => r.waivedFen > 0),
		ratePerMille: firstWorking?.ratePerMille ?? null,
		vacancyCreditFen
	};
}
