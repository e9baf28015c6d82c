/**
 * 集团各管理处月报 (the company month report, issue 22) as a Chinese document: one column list
 * shared by the PDF (pdf/company-month.ts, a table per group), the CSV and the XLSX (one row per
 * centre), so the three always say the same thing. Like the centres' own 月报 (reports/sheet.ts)
 * it is a Chinese form, so its fixed labels live here rather than in the message files.
 */
import { formatRate } from '../../domain/arrears';
import { AGE_BUCKETS } from '../../domain/arrears';
import { BUCKET_ZH } from '../pdf/arrears';
import { fen, type Cell, type SheetColumn } from '../reports/sheet';
import type { CentreFigures, CompanyDashboard, CompanyTotals } from './dashboard';

export const COMPANY_MONTH_TITLE = '集团各管理处月报';

export interface MonthColumn extends SheetColumn {
	/** The PDF's table (一 … 四) this column is printed in. */
	group: number;
	value: (f: CompanyTotals) => Cell;
}

/** The PDF's tables, by `group`. */
export const MONTH_GROUPS = [
	'一、收款（按收款日期；作废按作废日期冲减）',
	'二、当期收缴（本月账单，收至月末或今日）',
	'三、欠费账龄（截至月末或今日）',
	'四、工单、减免与押金'
];

const money = (header: string, group: number, f: (t: CompanyTotals) => number): MonthColumn => ({
	header,
	group,
	width: 16,
	align: 'right',
	value: (t) => fen(f(t))
});
const count = (header: string, group: number, f: (t: CompanyTotals) => number): MonthColumn => ({
	header,
	group,
	width: 11,
	align: 'right',
	value: f
});

const TODAY: MonthColumn = {
	...money('今日实收', 0, () => 0),
	value: (t) => (t.todayFen === null ? '' : fen(t.todayFen))
};

const COLUMNS: MonthColumn[] = [
	money('本月实收净额', 0, (t) => t.monthFen),
	count('作废笔数', 0, (t) => t.voids),
	money('作废金额', 0, (t) => t.voidedFen),
	money('当期应收', 1, (t) => t.dueFen),
	money('当期实收', 1, (t) => t.collectedFen),
	{ header: '收缴率', group: 1, width: 11, align: 'right', value: (t) => formatRate(t.rateBp) },
	count('欠费户数', 2, (t) => t.arrearsUnits),
	money('欠费合计', 2, (t) => t.arrearsFen),
	...AGE_BUCKETS.map((b) => money(BUCKET_ZH[b], 2, (t) => t.arrearsByAge[b])),
	count('未结工单', 3, (t) => t.ticketsOpen),
	count('超时工单', 3, (t) => t.ticketsOverdue),
	count('超时投诉', 3, (t) => t.complaintsOverdue),
	count('减免批准笔数', 3, (t) => t.waiversApproved),
	money('减免金额', 3, (t) => t.waivedFen),
	money('押金余额', 3, (t) => t.depositsHeldFen)
];

/** The report's columns: 今日实收 only while the month is in progress somewhere. */
export function monthColumns(r: CompanyDashboard): MonthColumn[] {
	return r.total.todayFen === null ? COLUMNS : [TODAY, ...COLUMNS];
}

/** Whether the month is over for every centre (the report then never changes). */
export function monthClosed(r: CompanyDashboard): boolean {
	return r.total.todayFen === null;
}

export const monthZh = (month: string) => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

/** 截至: one date when the centres agree (the usual case), else each centre's own. */
export function asOfZh(r: CompanyDashboard): string {
	const dates = [...new Set(r.centres.map((c) => c.asOf))];
	return dates.length === 1 ? dates[0] : r.centres.map((c) => `${c.name} ${c.asOf}`).join('，');
}

const centreLabel = (c: CentreFigures) => `${c.name}（${c.code}）`;

/** One row per centre and the 合计 row, for the given columns. */
export function monthRows(r: CompanyDashboard, columns: readonly MonthColumn[]): Cell[][] {
	return [
		...r.centres.map((c) => [centreLabel(c), ...columns.map((k) => k.value(c))]),
		['合计', ...columns.map((k) => k.value(r.total))]
	];
}

/**
 * The CSV and XLSX: a heading block, then one header row and one row per centre (code, name, the
 * date its figures stand at, every column) and the 合计 row.
 */
export function monthSheetRows(r: CompanyDashboard, printedAt: string): Cell[][] {
	const columns = monthColumns(r);
	return [
		[COMPANY_MONTH_TITLE, monthZh(r.month)],
		['统计截至', asOfZh(r)],
		['生成时间', printedAt],
		['金额单位', '元'],
		[],
		['编号', '管理处', '截至', ...columns.map((c) => c.header)],
		...r.centres.map((c) => [c.code, c.name, c.asOf, ...columns.map((k) => k.value(c))]),
		['', '合计', '', ...columns.map((k) => k.value(r.total))]
	];
}
