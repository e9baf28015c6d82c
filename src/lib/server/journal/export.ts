import ExcelJS from 'exceljs';
import { fenToYuanString } from '../../money';
import { methodLabel } from '../../payment-methods';
import { toCsv } from '../csv';
import { itemsZh, type Journal } from './queries';

/*
 * The journal as a Chinese document (CSV for any spreadsheet, XLSX with numbers kept as numbers):
 * every row the filters keep, then the totals by method. Fixed labels live here, as for the daily
 * report's sheet: the file is a Chinese form whatever the page's language.
 */

type Cell = string | number | { fen: number };

const HEADER = [
	'类别',
	'日期时间',
	'票据号',
	'缴费方式',
	'交易单号',
	'收款员',
	'作废审批人',
	'房号',
	'缴款人',
	'收费项目',
	'金额（元）'
];

function rows(j: Journal): Cell[][] {
	const out: Cell[][] = j.rows.map((r) => [
		r.kind === 'receipt' ? '收款' : '作废',
		r.time,
		r.receiptNo,
		methodLabel(r.method, 'zh-CN'),
		r.ref,
		`${r.cashierName}（${r.cashierWorkNo}）`,
		r.approverName ? `${r.approverName}（${r.approverWorkNo}）` : '',
		r.unitCode ?? '',
		r.payerName,
		itemsZh(r.items),
		{ fen: r.amountFen }
	]);
	out.push([]);
	out.push([
		'按缴费方式',
		'收款笔数',
		'收款金额（元）',
		'作废笔数',
		'作废冲减（元）',
		'净额（元）'
	]);
	for (const t of j.byMethod)
		out.push([
			methodLabel(t.method, 'zh-CN'),
			t.receipts,
			{ fen: t.receiptsFen },
			t.voids,
			{ fen: t.voidsFen },
			{ fen: t.netFen }
		]);
	const t = j.total;
	out.push([
		'合计',
		t.receipts,
		{ fen: t.receiptsFen },
		t.voids,
		{ fen: t.voidsFen },
		{ fen: t.netFen }
	]);
	return out;
}

/** 收款流水 as CSV (server/csv.ts: BOM, CRLF, formula guard); amounts as plain yuan. */
export function journalCsv(j: Journal, title: string): string {
	const cell = (c: Cell) => (typeof c === 'object' ? fenToYuanString(c.fen) : c);
	return toCsv([[title], HEADER, ...rows(j).map((r) => r.map(cell))]);
}

/** 收款流水 as an .xlsx workbook (yuan as numbers with two decimals, so Excel can add them). */
export async function journalXlsx(j: Journal, title: string): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'frontdesk';
	const ws = wb.addWorksheet('收款流水', { views: [{ state: 'frozen', ySplit: 2 }] });
	ws.addRow([title]).font = { bold: true };
	ws.addRow(HEADER).font = { bold: true };
	for (const r of rows(j)) {
		const row = ws.addRow(r.map((c) => (typeof c === 'object' ? c.fen / 100 : c)));
		r.forEach((c, i) => {
			if (typeof c === 'object') row.getCell(i + 1).numFmt = '#,##0.00';
		});
	}
	ws.columns.forEach((c, i) => (c.width = [6, 17, 16, 9, 22, 14, 14, 10, 10, 40, 12][i] ?? 12));
	return Buffer.from(await wb.xlsx.writeBuffer());
}
