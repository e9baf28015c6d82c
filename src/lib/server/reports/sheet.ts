/**
 * The daily report as a Chinese document: sections of labelled rows, shared by the PDF
 * (pdf/daily-report.ts) and the CSV (csv.ts) so the two always say the same thing. The report
 * is a Chinese form (日报), so its fixed labels live here rather than in the message files.
 */
import { formatDateTimeLocal } from '../../dates';
import type { DailyReport, ItemLine } from './daily';
import { periodIncome, reportKind, type NetLine, type ReportKind } from '../../domain/report';
import { ITEM_NAME_ZH, type RenovationItemCode } from '../../domain/renovation-fees';
import { methodLabel } from '../../payment-methods';
import { limitLabel } from '../../ticket-labels';
import { voidReasonZh } from '../../domain/voids';
import { isEmptyTieLine } from '../../domain/cash-tie';
import { formatYuan } from '../../money';
import { TEMPLATES } from '../../domain/import';
import type { OpeningDayLine } from '../import/queries';
import type { MonthFigures } from './month';
import { formatRate } from '../../domain/arrears';
const KIND_SUFFIX: Record<ItemLine['kind'], string> = {
	principal: '',
	late_fee: '滞纳金',
	deposit: '',
	charge: ''
};

/** A cell: text, a count, or an amount in fen (the PDF prints ¥1,234.56, the CSV 1234.56). */
export type Cell = string | number | { fen: number };

export interface SheetColumn {
	header: string;
	width: number;
	align?: 'left' | 'center' | 'right';
	/** Never broken across lines (receipt numbers, dates; amounts and counts are right-aligned and never broken either). */
	nowrap?: boolean;
}

export interface Section {
	title: string;
	columns: SheetColumn[];
	rows: Cell[][];
	note?: string;
}

export const fen = (n: number): Cell => ({ fen: n });

export function itemLabelZh(l: Pick<ItemLine, 'nameZh' | 'kind'>): string {
	return l.nameZh + KIND_SUFFIX[l.kind];
}

export function periodZh(r: Pick<DailyReport, 'from' | 'to'>): string {
	return r.from === r.to ? r.from : `${r.from} 至 ${r.to}`;
}

const TITLE_ZH: Record<ReportKind, string> = { day: '日报', month: '月报', period: '期间报表' };
const FILE_EN: Record<ReportKind, string> = {
	day: 'daily-report',
	month: 'monthly-report',
	period: 'period-report'
};

/** A period, and today when known (the month in progress from its first day is its 月报). */
type Named = Pick<DailyReport, 'from' | 'to'> & { today?: string };

/** 日报 for one day, 月报 for a whole calendar month, 期间报表 for any other range. */
export function reportTitleZh(r: Named): string {
	return TITLE_ZH[reportKind(r.from, r.to, r.today)];
}

/** The download's file name without extension: ASCII (filename=) and Chinese (filename*=). */
export function reportFileNames(r: Named): {
	ascii: string;
	zh: string;
} {
	const kind = reportKind(r.from, r.to, r.today);
	const span =
		kind === 'day' ? r.from : kind === 'month' ? r.from.slice(0, 7) : `${r.from}_${r.to}`;
	return { ascii: `${FILE_EN[kind]}-${span}`, zh: `${TITLE_ZH[kind]}-${span}` };
}

const L = (header: string, width: number): SheetColumn => ({ header, width });
const W = (header: string, width: number): SheetColumn => ({ header, width, nowrap: true });
const N = (header: string, width: number): SheetColumn => ({ header, width, align: 'right' });
/** A section of counts: each item and how many (件数, 把数, 数量). */
const counts = (title: string, unit: string, rows: [string, number][], note?: string): Section => ({
	title,
	columns: [L('项目', 70), N(unit, 30)],
	rows,
	note
});
const NET_COLUMNS = (first: string) => [
	L(first, 26),
	N('收款笔数', 12),
	N('收款金额', 17),
	N('作废笔数', 12),
	N('作废冲减', 16),
	N('净额', 17)
];

/**
 * Net lines and their 合计 row. The counts of the 合计 row are receipts (`receipts`): one receipt
 * may carry several fee items, so by item the lines' counts add up to more than the receipts.
 */
function netRows(
	lines: readonly (NetLine & { label: string })[],
	receipts: { receivedCount: number; voidedCount: number }
): Cell[][] {
	const rows: Cell[][] = lines.map((l) => [
		l.label,
		l.receivedCount,
		fen(l.receivedFen),
		l.voidedCount,
		fen(-l.voidedFen),
		fen(l.netFen)
	]);
	const t = lines.reduce(
		(s, l) => ({ rf: s.rf + l.receivedFen, vf: s.vf + l.voidedFen, nf: s.nf + l.netFen }),
		{ rf: 0, vf: 0, nf: 0 }
	);
	rows.push([
		'合计',
		receipts.receivedCount,
		fen(t.rf),
		receipts.voidedCount,
		fen(-t.vf),
		fen(t.nf)
	]);
	return rows;
}

/**
 * What the report shows beside the ledger's figures: opening balances imported in the period, and
 * for a range of days the month report's own figures (reports/month.ts).
 */
export interface ReportExtras {
	opening?: OpeningDayLine[];
	month?: MonthFigures;
}

/**
 * The report as rows for a spreadsheet (CSV and XLSX): a heading block, then each section one
 * under the other (title row, header row, data, note, blank row).
 */
export function reportRows(r: DailyReport, extras: ReportExtras = {}): Cell[][] {
	const rows: Cell[][] = [
		[reportTitleZh(r), `${r.communityName} ${r.centreName}`],
		['报表期间', periodZh(r)],
		['统计截至', formatDateTimeLocal(r.asOfMs, r.timeZone)],
		['金额单位', '元'],
		[]
	];
	for (const s of reportSections(r, extras)) {
		rows.push(
			[s.title],
			s.columns.map((c) => c.header),
			...s.rows
		);
		if (s.note) rows.push([s.note]);
		rows.push([]);
	}
	return rows;
}

/** Every section of the report, in print order. */
export function reportSections(r: DailyReport, extras: ReportExtras = {}): Section[] {
	// Shift times: "09:05" in a one-day report, "11-23⏎09:05" otherwise (narrow columns).
	const clock = (ms: number) => {
		const [date, time] = formatDateTimeLocal(ms, r.timeZone).split(' ');
		return r.from === r.to && date === r.from ? time : `${date.slice(5)}\n${time}`;
	};
	const c = r.collections;
	const rec = c.reconciliation;
	const sections: Section[] = [];
	const income = periodIncome(rec.netFen, r.deposits.total);

	sections.push({
		title: '一、收款汇总',
		columns: [L('项目', 50), N('笔数', 20), N('金额', 30)],
		rows: [
			['本期开具收据', c.total.receivedCount, fen(rec.receiptsFen)],
			['本期作废冲减（按作废日期）', c.total.voidedCount, fen(-rec.voidsFen)],
			['实收净额', '', fen(rec.netFen)],
			['　其中：押金净收取（代收，不计收入）', '', fen(income.depositsNetFen)],
			['保证金扣款收入（从押金中扣除）', '', fen(income.deductionIncomeFen)],
			['本期收入', '', fen(income.incomeFen)]
		],
		note:
			(rec.ok
				? '核对：按收费项目 = 按缴费方式 = 按收款员 = 收据合计 − 作废，一致。'
				: `核对不一致：按项目 ${rec.byItemFen}、按方式 ${rec.byMethodFen}、` +
					`按收款员 ${rec.byCashierFen}、收据−作废 ${rec.netFen}（分）。`) +
			'本期收入 = 实收净额 − 押金净收取 + 保证金扣款收入：押金是代收款，不计收入；' +
			'从押金中扣除的款项在扣除当日计入收入。'
	});
	sections.push({
		title: '二、按收费项目',
		columns: NET_COLUMNS('收费项目'),
		rows: netRows(
			c.byItem.map((l) => ({ ...l, label: itemLabelZh(l) })),
			c.total
		),
		note: '笔数为含该项目的收据张数；一张收据可含多个项目，合计行为收据张数，不等于各行笔数之和。'
	});
	sections.push({
		title: '三、按缴费方式',
		columns: NET_COLUMNS('缴费方式'),
		rows: netRows(
			c.byMethod.map((l) => ({ ...l, label: methodLabel(l.key, 'zh-CN') })),
			c.total
		)
	});
	sections.push({
		title: '四、按收款员',
		columns: NET_COLUMNS('收款员'),
		rows: netRows(
			c.byCashier.map((l) => ({ ...l, label: `${l.name} ${l.workNo}` })),
			c.total
		)
	});

	const receipts = r.receipts;
	sections.push({
		title: '五、票据',
		columns: [L('项目', 40), L('内容', 60)],
		rows: [
			['开具张数', `${receipts.count} 张（其中已作废 ${receipts.voidedSinceIssued} 张）`],
			['起止号码', receipts.first ? `${receipts.first} — ${receipts.last}` : '无'],
			['本期作废', `${receipts.voids.length} 张`]
		]
	});
	if (receipts.voids.length) {
		sections.push({
			title: '作废明细',
			columns: [
				W('票据号', 19),
				W('开具日期', 13),
				W('作废日期', 13),
				N('金额', 13),
				L('收款员', 13),
				L('作废人', 13),
				L('原因', 26)
			],
			rows: receipts.voids.map((v) => [
				v.receiptNo,
				v.issuedOn,
				v.voidedOn,
				fen(v.totalFen),
				v.cashier,
				v.voidedBy,
				voidReasonZh(v)
			])
		});
	}

	const lf = r.lateFees;
	sections.push({
		title: '六、滞纳金',
		columns: [L('项目', 60), N('账单数', 15), N('金额', 25)],
		rows: [
			['计收（本期结清本金的逾期账单）', lf.charged.billsWithFee, fen(lf.charged.chargedFen)],
			['　其中：已收', '', fen(lf.charged.collectedFen)],
			['　　　　已减免', '', fen(lf.charged.waivedFen)],
			['　　　　期末尚欠', '', fen(lf.charged.owedFen)],
			['本期实收滞纳金（含以前账单）', '', fen(lf.collectedFen)],
			['本期减免滞纳金', '', fen(lf.waivedFen)]
		]
	});
	const w = r.waivers;
	sections.push(
		counts('七、滞纳金减免申请', '件数', [
			['本期新申请', w.filed],
			['本期批准', w.approved],
			['本期驳回', w.rejected],
			['本期退回（原收据作废）', w.returned],
			['期末待审批', w.pending]
		])
	);
	const d = r.deposits;
	const depositName = (code: string) => ITEM_NAME_ZH[code as RenovationItemCode] ?? code;
	sections.push({
		title: '八、押金',
		// Amounts as the formula below names them: it subtracts voided, refunded and deducted itself.
		columns: [
			L('押金项目', 22),
			N('期初结存', 14),
			N('本期收取', 13),
			N('作废', 13),
			N('退还', 12),
			N('扣除', 12),
			N('期末结存', 14)
		],
		rows: [
			...d.lines.map((l): Cell[] => [
				depositName(l.itemCode),
				fen(l.heldBeforeFen),
				fen(l.takenFen),
				fen(l.voidedFen),
				fen(l.refundedFen),
				fen(l.deductedFen),
				fen(l.heldAfterFen)
			]),
			[
				'合计',
				fen(d.total.heldBeforeFen),
				fen(d.total.takenFen),
				fen(d.total.voidedFen),
				fen(d.total.refundedFen),
				fen(d.total.deductedFen),
				fen(d.total.heldAfterFen)
			]
		],
		note:
			(d.ok
				? '核对：期初 + 收取 − 作废 − 退还 − 扣除 = 期末，一致。'
				: '核对不一致：期初 + 收取 − 作废 − 退还 − 扣除 ≠ 期末。') +
			`退款凭证 ${d.vouchers.count} 张` +
			(d.vouchers.first ? `（${d.vouchers.first} — ${d.vouchers.last}）` : '') +
			'。'
	});
	const t = r.tickets;
	sections.push(
		counts('九、报事投诉', '件数', [
			['本期新建', t.opened],
			['本期派工', t.dispatched],
			['本期关闭', t.closed],
			['期末未结', t.openAtEnd]
		])
	);
	sections.push({
		title: '超时情况（按时限）',
		columns: [L('时限', 50), N('本期超时', 25), N('期末仍超时', 25)],
		rows: t.limits.map((l) => [limitLabel(l.limit, 'zh-CN'), l.brokenInPeriod, l.overdueAtEnd])
	});
	const k = r.keys;
	sections.push(
		counts('十、钥匙借用', '把数', [
			['本期借出', k.lent],
			['本期归还', k.returned],
			['期末未还', k.outstanding],
			['其中逾期', k.overdue]
		])
	);
	const rv = r.renovation;
	sections.push(
		counts(
			'十一、接房与装修',
			'数量',
			[
				['接房完成', r.moveIns.completed],
				['装修申请', rv.applications],
				['装修审批通过', rv.approved],
				['装修审批驳回', rv.rejected],
				['施工许可证', rv.permitsIssued],
				['施工人员出入证', rv.passesIssued],
				['验收通过', rv.inspectionsPassed],
				['验收不通过', rv.inspectionsFailed],
				['押金结算', rv.depositsSettled]
			],
			r.moveIns.units.length ? `接房房号：${r.moveIns.units.join('、')}` : undefined
		)
	);
	const s = r.shifts;
	sections.push({
		title: '十二、收款员交接班',
		columns: [
			L('收款员', 14),
			L('接班', 10),
			L('交班', 10),
			N('应有现金', 15),
			N('实点现金', 15),
			N('差额', 13),
			L('接班人 / 备注', 23)
		],
		rows: s.closed.length
			? [
					...s.closed.map((x): Cell[] => [
						`${x.cashierName} ${x.cashierWorkNo}`,
						clock(x.openedAt),
						clock(x.closedAt),
						fen(x.expectedFen),
						fen(x.countedFen),
						fen(x.differenceFen),
						[x.successorName ? `接班：${x.successorName}` : '', x.note].filter(Boolean).join('；')
					]),
					['合计差额', '', '', '', '', fen(s.differenceFen), '']
				]
			: [['本期无交班记录']],
		note: s.openAtEnd ? `期末尚有 ${s.openAtEnd} 个班次未交班。` : undefined
	});
	sections.push(cashTieSection(s.cash, clock));
	if (extras.opening?.length) sections.push(openingSection(extras.opening));
	if (extras.month) sections.push(...monthSections(extras.month));
	return sections;
}

/** 附表: the month report's table per day, 应收 / 实收 / 欠收 and 预收 (reports/month.ts). */
export function monthSections(mf: MonthFigures): Section[] {
	const perMethod = mf.methods.map((k) => N(methodLabel(k, 'zh-CN'), 13));
	const row = (label: string, l: Omit<MonthFigures['days'][number], 'date'>): Cell[] => [
		label,
		l.receivedCount,
		fen(l.receivedFen),
		l.voidedCount,
		fen(-l.voidedFen),
		fen(l.netFen),
		...mf.methods.map((k) => fen(l.byMethod[k] ?? 0))
	];
	const b = mf.billing;
	const months = b.fromMonth === b.toMonth ? b.fromMonth : `${b.fromMonth} 至 ${b.toMonth}`;
	const a = mf.advance;
	return [
		{
			title: '附表一、逐日收款',
			columns: [
				W('日期', 13),
				N('收据', 8),
				N('收款金额', 15),
				N('作废', 8),
				N('作废冲减', 14),
				N('净额', 15),
				...perMethod
			],
			rows: [...mf.days.map((d) => row(d.date, d)), row('合计', mf.total)],
			note: '作废按作废日期冲减；各方式列为该方式的净额（收款 − 作废）。各日合计等于本期收款汇总。'
		},
		{
			title: `附表二、应收 实收 欠收（${months} 账单，截至 ${b.until}）`,
			columns: [L('项目', 60), N('金额 / 比率', 40)],
			rows: [
				['当期账单本金', fen(b.billedFen)],
				['　减：空置减免', fen(b.creditedFen)],
				['应收（当期）', fen(b.dueFen)],
				['实收（当期）', fen(b.collectedFen)],
				['欠收（应收 − 实收）', fen(b.owedFen)],
				['当期收缴率', formatRate(b.rateBp)]
			],
			note:
				'应收 = 本期月份账单本金 − 空置减免；实收 = 这些账单截至期末已收本金（预缴的在到期时计入；' +
				'已作废的收款不计）；收缴率 = 实收 ÷ 应收。滞纳金不计入收缴率，见六、滞纳金。'
		},
		{
			title: '附表三、预收账款',
			columns: [
				W('月份', 16),
				N('期初预收', 21),
				N('本月预收', 21),
				N('转入收入', 21),
				N('期末预收', 21)
			],
			rows: [
				...a.months.map((m): Cell[] => [
					m.month,
					fen(m.openingFen),
					fen(m.receivedFen),
					fen(m.releasedFen),
					fen(m.closingFen)
				]),
				...(a.months.length > 1
					? [
							[
								'合计',
								fen(a.total.openingFen),
								fen(a.total.receivedFen),
								fen(a.total.releasedFen),
								fen(a.total.closingFen)
							] as Cell[]
						]
					: [])
			],
			note:
				'预收：收取时账单月份尚未开始的本金，是负债而非收入；到该月份时转入收入。' +
				'期初 + 本月预收 − 转入收入 = 期末；作废按作废日期冲减。'
		}
	];
}

/**
 * 期初导入: opening balances imported in the period, apart from the takings (they are what was owed
 * or held before the centre moved to this system; the bills count everywhere else like any bill).
 */
function openingSection(lines: OpeningDayLine[]): Section {
	return {
		title: '十四、期初导入',
		columns: [L('类别', 40), N('行数', 20), N('金额', 40)],
		rows: lines.map((l) => [TEMPLATES[l.kind].nameZh, l.rows, fen(l.totalFen)]),
		note: '期初余额不是本期收入；期初欠费已作为账单计入欠费与滞纳金。'
	};
}

/** 现金与班次核对: the 现金 method line, shift by shift, as on the report page. */
function cashTieSection(t: DailyReport['shifts']['cash'], clock: (ms: number) => string): Section {
	const rows: Cell[][] = t.lines.map((x) => [
		`${x.cashierName} ${x.cashierWorkNo}`,
		`${clock(x.openedAt)} – ${x.closedAt === null ? '未交班' : clock(x.closedAt)}`,
		fen(x.openingFloatFen),
		fen(x.receivedFen),
		fen(x.voidedFen),
		fen(x.refundedFen),
		fen(x.expectedFen),
		x.countedFen === null ? '—' : fen(x.countedFen),
		x.differenceFen === null ? '—' : fen(x.differenceFen)
	]);
	// The lines that are no shift's: only the money columns.
	const moneyOnly = (label: string, x: typeof t.outside): Cell[] => [
		label,
		'',
		'',
		fen(x.receivedFen),
		fen(x.voidedFen),
		fen(x.refundedFen),
		'',
		'',
		''
	];
	if (!isEmptyTieLine(t.outside)) rows.push(moneyOnly('不在任何班次内', t.outside));
	rows.push(moneyOnly('合计', t.total));
	return {
		title: '十三、现金与班次核对',
		columns: [
			L('收款员', 13),
			L('班次', 15),
			N('备用金', 9),
			N('收现', 10),
			N('作废', 9),
			N('退现', 9),
			N('应有现金', 12),
			N('实点', 11),
			N('差额', 12)
		],
		rows: t.lines.length || !isEmptyTieLine(t.outside) ? rows : [['本期无现金收付']],
		note: t.ok
			? `收现 − 作废 = ${formatYuan(t.total.netFen)}，与按缴费方式的现金 ${formatYuan(t.methodNetFen)} 相符。`
			: `不符：各班次收现 − 作废 = ${formatYuan(t.total.netFen)}，` +
				`按缴费方式的现金为 ${formatYuan(t.methodNetFen)}` +
				(isEmptyTieLine(t.outside) ? '' : '；有现金不在任何班次内') +
				'。'
	};
}
