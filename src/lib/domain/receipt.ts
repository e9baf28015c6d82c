/**
 * The lines a receipt (缴费票据) prints, worked out from a payment's ledger lines. Pure (no I/O):
 * the PDF, the lookup card and the counter's summary all print the same lines, and every line
 * carries ONE signed amount, so a receipt adds up line by line to its total:
 *
 *   物业服务费   2026年01月至2026年03月  2.50元/m²×89.50m²=223.75元/月×3个月     671.25
 *   物业服务费   2026年04月至2026年05月  2.50元/m²×89.50m²×空置90%=201.38元/月×2个月 402.76
 *   　滞纳金     2026年01月至03月        见滞纳金计算                              125.11
 *   　滞纳金减免 2026年01月              经批准减免                                −27.57
 *   装修保证金                          押金，可退；ZX-2026-0001              2,000.00
 *   合计                                                                        2,768.79
 *
 * - Property-fee bills are merged per fee item into runs of consecutive months that were billed
 *   alike (same price, area, vacancy rate, prepaid or not) and paid in full; a month paid in
 *   part prints alone with what it owed. The note says the unit price × area, 空置90% for a month
 *   billed at the vacancy rate and 预缴 for a prepaid month.
 * - The late fee prints at the amount its working gives (the figure the 滞纳金计算 lists); what was
 *   waived, paid on an earlier receipt or left owing follows as negative lines, so the late fee
 *   lines sum to what was paid now.
 * - Credits (e.g. 空置减免) a line's detail lists under `credits` were already taken off that
 *   line's amount: the line prints before them and each credit as a negative line.
 * - Deposits are their own kind (noted 押金，可退), never a principal or a late fee.
 */
import { addMonths, formatPeriodZh, isValidMonth } from '../dates';
import { formatYuan } from '../money';
import { formatMonthsZh } from './billing';
import { formatLateFeeWorkingZh, type LateFeeWorking } from './late-fee';

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

/** A reduction already taken off a line's amount (e.g. 空置减免), printed as a negative line. */
export interface LineCredit {
	nameZh: string;
	nameEn: string;
	amountFen: number;
	noteZh: string;
}

/** The detail keys a receipt reads; every one is optional. */
export interface LineDetail {
	month?: string;
	itemNameZh?: string;
	itemNameEn?: string;
	working?: LateFeeWorking;
	/** Late fee of the bill as of the payment (late-fee lines), before waivers and earlier payments. */
	lateFeeFen?: number;
	/** Late fee waived on this bill up to the payment. */
	waivedFen?: number;
	/** Late fee of this bill paid on earlier receipts. */
	paidBeforeFen?: number;
	/** A prepaid month (预缴). */
	prepay?: boolean;
	vacancyPercent?: number;
	principalFen?: number;
	fullFen?: number;
	/** A free-text period for non-bill lines, e.g. "2026年12月01日至2027年02月28日". */
	periodZh?: string;
	credits?: LineCredit[];
}

/** What the bills table says of a bill this payment paid (read by the server, optional). */
export interface BillFacts {
	month: string;
	/** 'per_area' | 'per_space' | 'per_unit' | 'fixed' */
	basis: string;
	rateFen: number;
	/** Before the vacancy rate, and what the bill asks. */
	fullFen: number;
	principalFen: number;
	vacancyPercent: number;
	/** 'monthly' | 'prepay' | 'movein' | 'charge' | 'opening' (an imported 期初欠费) */
	source: string;
	areaCenti: number | null;
	parkingSpaces: number | null;
	/** Principal of this bill paid on earlier (not voided) receipts. */
	principalPaidBeforeFen: number;
}

/** What the server adds to a receipt's ledger lines (see `receiptFacts`). */
export interface ReceiptFacts {
	bills: ReadonlyMap<number, BillFacts>;
	/** The unit's owners (业主), printed beside the payer so a proxy's receipt still names them. */
	ownerNames: string[];
}

export type ReceiptLineKind =
	| 'principal'
	| 'late_fee'
	| 'waiver'
	| 'paid_before'
	| 'unpaid'
	| 'credit'
	| 'deposit'
	| 'charge'
	| 'other';

export interface ReceiptLine {
	kind: ReceiptLineKind;
	itemCode: string;
	/** What the line is: "物业服务费", "滞纳金减免", "装修保证金（押金，可退）". */
	nameZh: string;
	nameEn: string;
	/** "2026年01月至2026年03月", a line's own period, or ''. */
	period: string;
	/** How the amount comes about: unit price × area, 空置90%, 预缴, "见滞纳金计算", a pass number… */
	noteZh: string;
	/** Signed: waivers, credits and amounts paid elsewhere are negative. */
	amountFen: number;
	/** A line that explains the line above it (late fee, waiver, credit): printed indented. */
	sub: boolean;
}

export interface WorkingLine {
	/** "2026年03月物业服务费" */
	label: string;
	/** One or more lines from formatLateFeeWorkingZh. */
	lines: string[];
}

export interface ReceiptLayout {
	lines: ReceiptLine[];
	workings: WorkingLine[];
	/** Σ lines = what was paid. */
	totalFen: number;
	/** Of which deposits (money held, refundable). */
	depositFen: number;
	/** Rate of the first working found (for the 3‰ caption), or null. */
	ratePerMille: number | null;
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
	const fen = (v: unknown) =>
		typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined;
	const out: LineDetail = {};
	if (typeof r.month === 'string' && isValidMonth(r.month)) out.month = r.month;
	out.itemNameZh = str(r.itemNameZh);
	out.itemNameEn = str(r.itemNameEn);
	out.periodZh = str(r.periodZh);
	out.waivedFen = fen(r.waivedFen);
	out.lateFeeFen = fen(r.lateFeeFen);
	out.paidBeforeFen = fen(r.paidBeforeFen);
	out.principalFen = fen(r.principalFen);
	out.fullFen = fen(r.fullFen);
	const v = fen(r.vacancyPercent);
	if (v !== undefined && v <= 100) out.vacancyPercent = v;
	if (r.prepay === true) out.prepay = true;
	if (isWorking(r.working)) out.working = r.working;
	if (Array.isArray(r.credits)) {
		const credits = r.credits.flatMap((c): LineCredit[] => {
			if (!c || typeof c !== 'object') return [];
			const o = c as Record<string, unknown>;
			const amountFen = fen(o.amountFen);
			const nameZh = str(o.nameZh) ?? str(o.itemNameZh);
			if (amountFen === undefined || !nameZh) return [];
			return [
				{
					nameZh,
					nameEn: str(o.nameEn) ?? str(o.itemNameEn) ?? nameZh,
					amountFen,
					noteZh: str(o.noteZh) ?? ''
				}
			];
		});
		if (credits.length) out.credits = credits;
	}
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
		o.parts.every(
			(p) =>
				p &&
				typeof p === 'object' &&
				typeof (p as Record<string, unknown>).principalFen === 'number' &&
				typeof (p as Record<string, unknown>).days === 'number'
		)
	);
}

/** The note of every deposit line. */
export const DEPOSIT_NOTE_ZH = '押金，可退';

const yuan = (fen: number) => formatYuan(fen, { symbol: false });
const monthZh = (month: string) => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;
const centi = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

interface BillAcc {
	billId: number;
	itemCode: string;
	nameZh: string;
	nameEn: string;
	month: string | null;
	/** Paid now. */
	principalFen: number;
	lateFeeFen: number;
	/** From the detail: the bill's late fee as of the payment, waived, paid before. */
	lateFeeCharged: number;
	waivedFen: number;
	lateFeePaidBefore: number;
	working: LateFeeWorking | null;
	prepay: boolean;
	/** An imported opening balance (期初欠费): an amount owed, not a unit price × area. */
	opening: boolean;
	vacancyPercent: number;
	billPrincipalFen: number | null;
	credits: LineCredit[];
	order: number;
}

/**
 * "2.50元/m²×89.50m²×空置90%=201.38元/月": the bill's unit price × quantity (only when they give
 * the billed amount, so the note never contradicts the figure), the vacancy rate when it applied,
 * or '' when there is nothing to say.
 */
export function priceNoteZh(
	f: BillFacts | undefined,
	monthlyFen: number,
	vacancyPercent: number
): string {
	const vac = vacancyPercent < 100 ? `×空置${vacancyPercent}%` : '';
	// A one-off charge is not a monthly amount: its unit price × quantity, or nothing to add.
	if (f?.source === 'charge') {
		const qty = f.rateFen > 0 ? f.fullFen / f.rateFen : 0;
		return Number.isInteger(qty) && qty > 1 ? `${yuan(f.rateFen)}元×${qty}` : '';
	}
	if (!f) return vac ? `空置${vacancyPercent}%：${yuan(monthlyFen)}元/月` : '';
	let price = '';
	if (
		f.basis === 'per_area' &&
		f.areaCenti &&
		Math.floor((2 * f.rateFen * f.areaCenti + 100) / 200) === f.fullFen
	) {
		price = `${yuan(f.rateFen)}元/m²×${centi(f.areaCenti)}m²`;
	} else if (
		f.basis === 'per_space' &&
		f.parkingSpaces &&
		f.rateFen * f.parkingSpaces === f.fullFen
	) {
		price =
			f.parkingSpaces > 1
				? `${yuan(f.rateFen)}元/个×${f.parkingSpaces}个`
				: `${yuan(f.rateFen)}元/个`;
	} else if (vac) {
		price = `${yuan(f.fullFen)}元`;
	}
	return price ? `${price}${vac}=${yuan(monthlyFen)}元/月` : `${yuan(monthlyFen)}元/月`;
}

/** Lays out a receipt. `bills` (optional) adds what the bills table knows: unit price, area, vacancy. */
export function layoutReceipt(
	input: readonly ReceiptLineInput[],
	bills: ReadonlyMap<number, BillFacts> = new Map()
): ReceiptLayout {
	const accs = new Map<number, BillAcc>();
	// Lines keep the order of first appearance; bill lines are placed when their item first appears.
	const slots: ({ type: 'item'; itemCode: string } | { type: 'lines'; lines: ReceiptLine[] })[] =
		[];
	const itemsSeen = new Set<string>();

	input.forEach((line, order) => {
		const d = parseDetail(line.detail);
		const billLine = line.billId != null && (line.kind === 'principal' || line.kind === 'late_fee');
		if (billLine) {
			const id = line.billId as number;
			const facts = bills.get(id);
			let b = accs.get(id);
			if (!b) {
				b = {
					billId: id,
					itemCode: line.itemCode,
					nameZh: '',
					nameEn: '',
					month: null,
					principalFen: 0,
					lateFeeFen: 0,
					lateFeeCharged: 0,
					waivedFen: 0,
					lateFeePaidBefore: 0,
					working: null,
					prepay: false,
					opening: facts?.source === 'opening',
					vacancyPercent: facts?.vacancyPercent ?? 100,
					billPrincipalFen: facts?.principalFen ?? null,
					credits: [],
					order
				};
				accs.set(id, b);
			}
			b.nameZh ||= d.itemNameZh ?? '';
			b.nameEn ||= d.itemNameEn ?? '';
			b.month ??= d.month ?? facts?.month ?? null;
			b.prepay ||= d.prepay === true || facts?.source === 'prepay' || facts?.source === 'movein';
			if (!facts && d.vacancyPercent !== undefined) b.vacancyPercent = d.vacancyPercent;
			if (b.billPrincipalFen === null && d.principalFen !== undefined)
				b.billPrincipalFen = d.principalFen;
			if (line.kind === 'principal') b.principalFen += line.amountFen;
			else b.lateFeeFen += line.amountFen;
			// The figures of the bill's late fee are the same on every line that carries them: take the largest.
			b.waivedFen = Math.max(b.waivedFen, d.waivedFen ?? 0);
			b.lateFeePaidBefore = Math.max(b.lateFeePaidBefore, d.paidBeforeFen ?? 0);
			b.lateFeeCharged = Math.max(b.lateFeeCharged, d.lateFeeFen ?? 0);
			// The late-fee line carries the authoritative working; a principal line's is a fallback.
			if (d.working && (line.kind === 'late_fee' || !b.working)) b.working = d.working;
			if (d.credits) b.credits.push(...d.credits);
			if (!itemsSeen.has(line.itemCode)) {
				itemsSeen.add(line.itemCode);
				slots.push({ type: 'item', itemCode: line.itemCode });
			}
			return;
		}
		slots.push({ type: 'lines', lines: otherLines(line, d) });
	});

	const linesByItem = new Map<string, ReceiptLine[]>();
	const workings: WorkingLine[] = [];
	for (const itemCode of itemsSeen) {
		const list = [...accs.values()].filter((b) => b.itemCode === itemCode);
		list.sort((a, b) =>
			(a.month ?? '9999') < (b.month ?? '9999')
				? -1
				: (a.month ?? '9999') > (b.month ?? '9999')
					? 1
					: a.order - b.order
		);
		linesByItem.set(itemCode, itemLines(itemCode, list, bills, workings));
	}

	const lines: ReceiptLine[] = [];
	for (const s of slots) {
		if (s.type === 'lines') lines.push(...s.lines);
		else lines.push(...(linesByItem.get(s.itemCode) ?? []));
	}
	const firstWorking = [...accs.values()].find((b) => b.working)?.working ?? null;
	return {
		lines,
		workings,
		totalFen: lines.reduce((a, l) => a + l.amountFen, 0),
		depositFen: lines.filter((l) => l.kind === 'deposit').reduce((a, l) => a + l.amountFen, 0),
		ratePerMille: firstWorking?.ratePerMille ?? null
	};
}

/** A deposit, a charge or any other line without a bill: one line (plus its credits). */
function otherLines(line: ReceiptLineInput, d: LineDetail): ReceiptLine[] {
	const name = d.itemNameZh ?? (line.description || line.itemCode);
	// A description that differs from the name is the line's note (e.g. "3.00元/㎡×90.00㎡").
	const note = line.description && line.description !== name ? line.description : '';
	const kind: ReceiptLineKind =
		line.kind === 'deposit'
			? 'deposit'
			: line.kind === 'charge'
				? 'charge'
				: line.kind === 'late_fee'
					? 'late_fee'
					: 'other';
	const credits = d.credits ?? [];
	const gross = line.amountFen + credits.reduce((a, c) => a + c.amountFen, 0);
	return [
		{
			kind,
			itemCode: line.itemCode,
			nameZh: name,
			nameEn: d.itemNameEn ?? name,
			period: d.periodZh ?? (d.month ? formatPeriodZh(d.month, d.month) : ''),
			// Money held, not income: every deposit line says so.
			noteZh: kind === 'deposit' ? [DEPOSIT_NOTE_ZH, note].filter(Boolean).join('；') : note,
			amountFen: gross,
			sub: false
		},
		...credits.map((c) => creditLine(line.itemCode, c))
	];
}

function creditLine(itemCode: string, c: LineCredit): ReceiptLine {
	return {
		kind: 'credit',
		itemCode,
		nameZh: c.nameZh,
		nameEn: c.nameEn,
		period: '',
		noteZh: c.noteZh,
		amountFen: -c.amountFen,
		sub: true
	};
}

/** The lines of one fee item: principal runs, then its late fee and what came off it. */
function itemLines(
	itemCode: string,
	list: BillAcc[],
	bills: ReadonlyMap<number, BillFacts>,
	workings: WorkingLine[]
): ReceiptLine[] {
	const out: ReceiptLine[] = [];
	const name = (b: BillAcc) => b.nameZh || itemCode;
	const nameEn = (b: BillAcc) => b.nameEn || name(b);

	// Principal: runs of consecutive months billed alike and paid in full on this receipt.
	type Run = {
		first: BillAcc;
		from: string | null;
		to: string | null;
		n: number;
		fen: number;
		key: string;
		credits: LineCredit[];
	};
	let run: Run | null = null;
	const runs: Run[] = [];
	for (const b of list) {
		if (b.principalFen <= 0 && b.credits.length === 0) continue;
		const facts = bills.get(b.billId);
		const before = facts?.principalPaidBeforeFen ?? 0;
		const credited = b.principalFen + b.credits.reduce((a, c) => a + c.amountFen, 0);
		const full = b.billPrincipalFen === null || (before === 0 && credited === b.billPrincipalFen);
		const key = full
			? `${name(b)}|${b.principalFen}|${b.vacancyPercent}|${b.prepay}|${b.opening}|${facts ? `${facts.rateFen}|${facts.fullFen}|${facts.basis}` : ''}`
			: `part:${b.billId}`;
		const contiguous =
			run &&
			run.key === key &&
			!key.startsWith('part:') &&
			b.month &&
			run.to &&
			addMonths(run.to, 1) === b.month &&
			b.credits.length === 0 &&
			run.credits.length === 0;
		if (run && contiguous) {
			run.to = b.month;
			run.n += 1;
			run.fen += b.principalFen;
		} else {
			run = {
				first: b,
				from: b.month,
				to: b.month,
				n: 1,
				fen: b.principalFen,
				key,
				credits: [...b.credits]
			};
			runs.push(run);
		}
		if (!b.month) run = null; // never extend a month-less line
	}
	for (const r of runs) {
		const b = r.first;
		const facts = bills.get(b.billId);
		const notes: string[] = [];
		const partial = r.key.startsWith('part:');
		const credits = r.credits.reduce((a, c) => a + c.amountFen, 0);
		const monthly = partial ? (b.billPrincipalFen ?? b.principalFen) : b.principalFen + credits;
		// An opening balance was not priced here: say what it is, not a unit price it never had.
		if (b.opening) notes.push('期初欠费');
		const price = b.opening ? '' : priceNoteZh(facts, monthly, b.vacancyPercent);
		if (price) notes.push(r.n > 1 ? `${price}×${r.n}个月` : price);
		else if (r.n > 1) notes.push(`${yuan(monthly)}元/月×${r.n}个月`);
		if (partial && b.billPrincipalFen !== null) {
			const before = facts?.principalPaidBeforeFen ?? 0;
			const rest = b.billPrincipalFen - before - b.principalFen - credits;
			const parts = [`本月应缴${yuan(b.billPrincipalFen)}元`];
			if (before > 0) parts.push(`此前已缴${yuan(before)}元`);
			parts.push(rest > 0 ? `本次缴${yuan(b.principalFen)}元，尚欠${yuan(rest)}元` : `本次缴清`);
			notes.push(parts.join('，'));
		}
		// Every month billed at the vacancy rate says so (the price note usually does already).
		if (b.vacancyPercent < 100 && !notes.some((n) => n.includes('空置')))
			notes.push(`空置${b.vacancyPercent}%`);
		if (b.prepay) notes.push('预缴');
		out.push({
			kind: 'principal',
			itemCode,
			nameZh: name(b),
			nameEn: nameEn(b),
			period: r.from && r.to ? formatPeriodZh(r.from, r.to) : '',
			noteZh: notes.join('；'),
			amountFen: r.fen + credits,
			sub: false
		});
		out.push(...r.credits.map((c) => creditLine(itemCode, c)));
	}

	// Late fee: at the figure its working gives, then what was waived, paid before or left owing.
	const late = list.filter((b) => b.lateFeeFen > 0 || b.waivedFen > 0);
	if (late.length) {
		let charged = 0;
		let waived = 0;
		let before = 0;
		let unpaid = 0;
		const months = (pick: (b: BillAcc) => boolean) =>
			late.filter(pick).flatMap((b) => (b.month ? [b.month] : []));
		const unpaidOf = new Map<number, number>();
		for (const b of late) {
			const stated = Math.max(b.lateFeeCharged, b.working?.fen ?? 0);
			let owing = stated - b.waivedFen - b.lateFeePaidBefore - b.lateFeeFen;
			// Figures that do not agree (old or hand-made detail): print what they do prove.
			const fee = owing < 0 ? b.lateFeeFen + b.waivedFen + b.lateFeePaidBefore : stated;
			owing = Math.max(0, owing);
			charged += fee;
			waived += b.waivedFen;
			before += b.lateFeePaidBefore;
			unpaid += owing;
			unpaidOf.set(b.billId, owing);
			if (b.working && b.working.parts.length > 0) {
				const text = formatLateFeeWorkingZh(b.working);
				if (text)
					workings.push({
						label: `${b.month ? monthZh(b.month) : ''}${name(b)}`,
						lines: text.split('\n')
					});
			}
		}
		const period = (ms: string[]) => (ms.length ? formatMonthsZh(ms, true) : '');
		const sub = (
			kind: ReceiptLineKind,
			nameZh: string,
			nameEnText: string,
			ms: string[],
			noteZh: string,
			amountFen: number
		): ReceiptLine => ({
			kind,
			itemCode,
			nameZh,
			nameEn: nameEnText,
			period: period(ms),
			noteZh,
			amountFen,
			sub: true
		});
		const b0 = late[0];
		out.push(
			sub(
				'late_fee',
				'滞纳金',
				`${nameEn(b0)} late fee`,
				months(() => true),
				workings.length ? '见滞纳金计算' : '',
				charged
			)
		);
		if (waived)
			out.push(
				sub(
					'waiver',
					'滞纳金减免',
					'Late fee waived',
					months((b) => b.waivedFen > 0),
					'经批准减免',
					-waived
				)
			);
		if (before)
			out.push(
				sub(
					'paid_before',
					'滞纳金此前已缴',
					'Late fee paid earlier',
					months((b) => b.lateFeePaidBefore > 0),
					'',
					-before
				)
			);
		if (unpaid)
			out.push(
				sub(
					'unpaid',
					'滞纳金本次未缴',
					'Late fee not paid now',
					months((b) => (unpaidOf.get(b.billId) ?? 0) > 0),
					'',
					-unpaid
				)
			);
	}
	return out;
}

/** What a clerk may type for "the owner in person" (the demo data does too). */
const OWNER_WORDS = new Set(['业主', '业主本人', '本人']);

/**
 * Whether someone other than the unit's owner paid (代缴): the receipt then names the owner as well.
 * Unknown owners (no unit, none on file) make no claim either way.
 */
export function paidByProxy(payerName: string, ownerNames: readonly string[]): boolean {
	const payer = payerName.trim();
	return ownerNames.length > 0 && !ownerNames.includes(payer) && !OWNER_WORDS.has(payer);
}

/**
 * The check every receipt passes before it prints: the lines sum to the layout's total and to
 * what the ledger says was paid. Returns the difference (0 = adds up).
 */
export function receiptDifference(layout: ReceiptLayout, paidFen: number): number {
	const sum = layout.lines.reduce((a, l) => a + l.amountFen, 0);
	if (sum !== layout.totalFen) return sum - layout.totalFen;
	return sum - paidFen;
}
