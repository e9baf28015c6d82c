/**
 * The voucher file (凭证) of a period: ledger facts read with the area's SQL, vouchers built by the
 * pure domain/voucher.ts with the map in force on each day, written as CSV (server/csv.ts) or XLSX
 * (exceljs) for the finance clerk to import. Refuses (VoucherError) when an account is unmapped or
 * a voucher does not balance, so a half-booked file never leaves the building.
 *
 * No $lib imports: `npm run bench` loads this through plain node.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db';
import { addMonths, monthOf } from '../../dates';
import { fenToYuanString } from '../../money';
import { BOM, csvCell } from '../csv';
import { methodLabel } from '../../payment-methods';
import {
	buildVouchers,
	unbalanced,
	voucherTotals,
	type CollectionFact,
	type ReleaseFact,
	type SettlementFact,
	type Voucher
} from '../../domain/voucher';
import { accountChanges, incomeItems } from './accounts';
import { VoucherError } from './errors';
import * as q from './sql';

/** At most a month and a day at a time: the file is imported a day or a month at a time. */
export const VOUCHER_MAX_DAYS = 31;

function collectionFacts(db: Db, communityId: number, from: string, to: string): CollectionFact[] {
	const fact = (r: q.FactRow, sign: 1 | -1): CollectionFact => ({
		date: r.date,
		method: r.method,
		kind: r.kind,
		itemCode: r.code,
		billMonth: r.billMonth,
		opening: r.opening === 1,
		charge: r.charge === 1,
		amountFen: sign * r.fen
	});
	return [
		...q.factsIssued.all(db, communityId, from, to).map((r) => fact(r, 1)),
		...q.factsVoided.all(db, communityId, from, to).map((r) => fact(r, -1))
	];
}

function settlementFacts(db: Db, communityId: number, from: string, to: string): SettlementFact[] {
	return q.settlements.all(db, communityId, from, to).map((r) => ({
		date: r.date,
		kind: r.kind,
		itemCode: r.code,
		method: r.method,
		amountFen: r.fen
	}));
}

/** The 预收 postings of every month whose first day lies in the period. */
function releaseFacts(db: Db, communityId: number, from: string, to: string): ReleaseFact[] {
	const out: ReleaseFact[] = [];
	const first = from.endsWith('-01') ? monthOf(from) : addMonths(monthOf(from), 1);
	for (let month = first; `${month}-01` <= to; month = addMonths(month, 1)) {
		const start = `${month}-01`;
		const byItem = new Map<string, ReleaseFact>();
		for (const r of q.releasePostings.all(
			db,
			communityId,
			month,
			start,
			communityId,
			month,
			start
		)) {
			let f = byItem.get(r.code);
			if (!f) byItem.set(r.code, (f = { month, itemCode: r.code, postings: [] }));
			f.postings.push({ billMonth: month, postedDate: r.date, amountFen: r.fen });
		}
		out.push(...byItem.values());
	}
	return out;
}

export interface VoucherFile {
	communityId: number;
	from: string;
	to: string;
	vouchers: Voucher[];
	debitFen: number;
	creditFen: number;
}

/**
 * The vouchers of `from`…`to` (checked by the caller: a valid, ordered period of at most
 * VOUCHER_MAX_DAYS days). Throws VoucherError 'unmapped' (with the roles and their first day, and
 * the item names for the message) or 'unbalanced'.
 */
export function voucherFile(db: Db, communityId: number, from: string, to: string): VoucherFile {
	const result = buildVouchers({
		from,
		to,
		collections: collectionFacts(db, communityId, from, to),
		settlements: settlementFacts(db, communityId, from, to),
		releases: releaseFacts(db, communityId, from, to),
		changes: accountChanges(db, communityId)
	});
	if (!result.ok) {
		const items = Object.fromEntries(incomeItems(db, communityId).map((i) => [i.code, i.nameZh]));
		throw new VoucherError('unmapped', { missing: result.missing, items });
	}
	const bad = unbalanced(result.vouchers);
	if (bad.length > 0) throw new VoucherError('unbalanced', { no: bad[0].no });
	let debitFen = 0;
	let creditFen = 0;
	for (const v of result.vouchers) {
		const t = voucherTotals(v);
		debitFen += t.debitFen;
		creditFen += t.creditFen;
	}
	return { communityId, from, to, vouchers: result.vouchers, debitFen, creditFen };
}

// ---------------------------------------------------------------- the file

/** The file is a Chinese accounting document: its headers and 摘要 are fixed Chinese text. */
export const VOUCHER_HEADERS = ['凭证号', '日期', '摘要', '科目代码', '科目名称', '借方', '贷方'];

/** 摘要 of a voucher, e.g. "2026-04-15 微信收款". */
export function voucherSummary(v: Voucher): string {
	if (v.kind === 'collection') return `${v.date} ${methodLabel(v.method ?? '', 'zh-CN')}收款`;
	if (v.kind === 'settlement') return `${v.date} 保证金退还及扣款`;
	return `${v.date.slice(0, 7)} 预收物业服务费转收入`;
}

export interface VoucherRow {
	/** 1, 2, … over the file (a key for lists). */
	line: number;
	no: number;
	date: string;
	summary: string;
	code: string;
	name: string;
	debitFen: number;
	creditFen: number;
}

export function voucherRows(vouchers: readonly Voucher[]): VoucherRow[] {
	let line = 0;
	return vouchers.flatMap((v) => {
		const summary = voucherSummary(v);
		return v.lines.map((l) => ({
			line: ++line,
			no: v.no,
			date: v.date,
			summary,
			code: l.account.code,
			name: l.account.name,
			debitFen: l.debitFen,
			creditFen: l.creditFen
		}));
	});
}

/** CSV: UTF-8 with BOM, CRLF; amounts as yuan with two decimals (ours, so no formula guard). */
export function voucherCsv(file: VoucherFile): string {
	const lines = [VOUCHER_HEADERS.map(csvCell).join(',')];
	for (const r of voucherRows(file.vouchers))
		lines.push(
			[
				String(r.no),
				r.date,
				csvCell(r.summary),
				csvCell(r.code),
				csvCell(r.name),
				fenToYuanString(r.debitFen),
				fenToYuanString(r.creditFen)
			].join(',')
		);
	return BOM + lines.join('\r\n') + '\r\n';
}

/** XLSX: one sheet 凭证; codes as text (2203.01 must not become a number), amounts as 0.00. */
export async function voucherXlsx(file: VoucherFile): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('凭证');
	ws.columns = [
		{ header: VOUCHER_HEADERS[0], key: 'no', width: 8 },
		{ header: VOUCHER_HEADERS[1], key: 'date', width: 12, style: { numFmt: '@' } },
		{ header: VOUCHER_HEADERS[2], key: 'summary', width: 32 },
		{ header: VOUCHER_HEADERS[3], key: 'code', width: 14, style: { numFmt: '@' } },
		{ header: VOUCHER_HEADERS[4], key: 'name', width: 28 },
		{ header: VOUCHER_HEADERS[5], key: 'debit', width: 14, style: { numFmt: '0.00' } },
		{ header: VOUCHER_HEADERS[6], key: 'credit', width: 14, style: { numFmt: '0.00' } }
	];
	ws.getRow(1).font = { bold: true };
	for (const r of voucherRows(file.vouchers))
		ws.addRow({
			no: r.no,
			date: r.date,
			summary: r.summary,
			code: r.code,
			name: r.name,
			// A number for the spreadsheet to add up; fen ÷ 100 is shown exactly at two decimals.
			debit: r.debitFen / 100,
			credit: r.creditFen / 100
		});
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** File names: ASCII for old clients, Chinese for the rest. */
export function voucherFileNames(p: { from: string; to: string }): { ascii: string; zh: string } {
	const span = p.from === p.to ? p.from : `${p.from}_${p.to}`;
	return { ascii: `vouchers-${span}`, zh: `记账凭证-${span}` };
}
