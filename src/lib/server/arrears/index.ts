/**
 * The arrears area (issue 19): the register (欠费台账), the collection rate (收缴率) and reminders
 * (催缴). What other areas and the routes may import.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db';
import { getCommunity } from '../community';
import { settingsOnDay } from '../admin/priced';
import { fenToYuanString } from '../../money';
import { AGE_BUCKETS } from '../../domain/arrears';
import { toCsv } from '../csv';
import { BUCKET_ZH, type NoticeLine, type NoticeUnit, type NoticesPdf } from '../pdf/arrears';
import { batchUnits, overdueBills } from './commands';
import { unitInfo } from '../fees/account';
import { min } from 'drizzle-orm';
import { arrearsReminders } from '../db/schema';
import { unitTiesAsOf } from '../records/ties';
import type { ArrearsRow, Register } from './register';
import { phoneLink } from '../../domain/phone-link';
import { sameForm } from '../form-key';

export * from './register';
export * from './collection';
export * from './commands';
export * from './errors';
export * from './forms';

export const OWNER_TYPE_ZH: Record<string, string> = {
	individual: '个人',
	foreign: '外籍人士',
	hk_mo_tw: '港澳台人士',
	company: '单位/公司',
	minor: '未成年人'
};
const KIND_ZH: Record<string, string> = { notice: '通知单', call: '电话', visit: '上门' };
const OUTCOME_ZH: Record<string, string> = {
	sent: '已发出',
	promised: '承诺缴费',
	refused: '拒缴',
	no_answer: '未联系上',
	disputed: '有异议',
	other: '其他'
};

/** "2026-11-20 电话 承诺缴费" for the printed list and the exports. */
export function lastReminderZh(r: ArrearsRow): string {
	const l = r.lastReminder;
	return l ? `${l.date} ${KIND_ZH[l.kind] ?? l.kind} ${OUTCOME_ZH[l.outcome] ?? l.outcome}` : '';
}

const HEADER = [
	'房号',
	'楼栋',
	'单元',
	'楼层',
	'业主',
	'电话',
	'业主类型',
	'欠费月数',
	'最早欠费月',
	'逾期天数',
	'本金（元）',
	'滞纳金（元）',
	'合计（元）',
	...AGE_BUCKETS.map((b) => `${BUCKET_ZH[b]}（元）`),
	'最近催缴',
	'承诺缴费日',
	'承诺未兑现'
];

/** The register as rows of cells; amounts in fen (the writers format them). */
function sheetRows(r: Register): (string | number | { fen: number })[][] {
	return r.rows.map((x) => [
		x.code,
		x.building,
		x.entrance,
		x.floor,
		x.ownerName,
		x.ownerPhone,
		x.ownerType ? (OWNER_TYPE_ZH[x.ownerType] ?? x.ownerType) : '',
		x.months,
		x.oldestMonth,
		x.days,
		{ fen: x.principalFen },
		{ fen: x.lateFeeFen },
		{ fen: x.totalFen },
		...AGE_BUCKETS.map((b) => ({ fen: x.buckets[b] })),
		lastReminderZh(x),
		x.promisedDate ?? '',
		x.promiseBroken ? '是' : ''
	]);
}

function totalRow(r: Register): (string | number | { fen: number })[] {
	return [
		`合计 ${r.totals.units} 户`,
		'',
		'',
		'',
		'',
		'',
		'',
		'',
		'',
		'',
		{ fen: r.totals.principalFen },
		{ fen: r.totals.lateFeeFen },
		{ fen: r.totals.totalFen },
		...AGE_BUCKETS.map((b) => ({ fen: r.totals.buckets[b] })),
		'',
		'',
		''
	];
}

/** 欠费台账 as CSV (server/csv.ts: BOM, CRLF, formula guard); amounts as plain yuan. */
export function registerCsv(r: Register, title: string): string {
	const cell = (c: string | number | { fen: number }) =>
		typeof c === 'object' ? fenToYuanString(c.fen) : c;
	return toCsv([
		[title],
		HEADER,
		...sheetRows(r).map((row) => row.map(cell)),
		totalRow(r).map(cell)
	]);
}

/** 欠费台账 as an .xlsx workbook: numbers stay numbers (yuan, two decimals) so Excel can add them. */
export async function registerXlsx(r: Register, title: string): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'frontdesk';
	const ws = wb.addWorksheet('欠费台账', { views: [{ state: 'frozen', ySplit: 2 }] });
	ws.addRow([title]).font = { bold: true };
	ws.addRow(HEADER).font = { bold: true };
	const money = new Set<number>();
	const put = (row: (string | number | { fen: number })[]) => {
		const values = row.map((c, i) => {
			if (typeof c === 'object') {
				money.add(i + 1);
				return c.fen / 100;
			}
			return c;
		});
		return ws.addRow(values);
	};
	for (const row of sheetRows(r)) put(row);
	put(totalRow(r)).font = { bold: true };
	for (const col of money) ws.getColumn(col).numFmt = '#,##0.00';
	ws.columns.forEach((c, i) => (c.width = i === 0 ? 12 : 11));
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The notices of a printed batch, as of the day they were printed, with what each unit owes per fee
 * item and its months. `origin` makes the QR's absolute address.
 */
export function noticesOf(
	db: Db,
	communityId: number,
	formKey: string,
	format: 'a4' | 'a5',
	origin: string
): NoticesPdf | null {
	const units = batchUnits(db, communityId, formKey);
	if (units.length === 0) return null;
	const first = db
		.select({ date: min(arrearsReminders.localDate) })
		.from(arrearsReminders)
		.where(sameForm(arrearsReminders, communityId, formKey))
		.get();
	// The batch has units, so it has a first day.
	const date = first?.date ?? '';
	const community = getCommunity(db, communityId);
	const settings = settingsOnDay(db, communityId, date);
	const notices: NoticeUnit[] = [];
	for (const unitId of units) {
		const unit = unitInfo(db, communityId, unitId)!;
		const owner = unitTiesAsOf(db, unitId, date, ['owner'])[0];
		const bills = overdueBills(db, communityId, unitId, date);
		const byItem = new Map<string, NoticeLine & { monthSet: Set<string> }>();
		for (const b of bills) {
			let l = byItem.get(b.itemNameZh);
			if (!l)
				byItem.set(
					b.itemNameZh,
					(l = {
						itemNameZh: b.itemNameZh,
						fromMonth: b.month,
						toMonth: b.month,
						months: 0,
						principalFen: 0,
						lateFeeFen: 0,
						monthSet: new Set()
					})
				);
			l.monthSet.add(b.month);
			if (b.month < l.fromMonth) l.fromMonth = b.month;
			if (b.month > l.toMonth) l.toMonth = b.month;
			l.principalFen += b.principalDueFen;
			l.lateFeeFen += b.lateFeeDueFen;
		}
		const lines = [...byItem.values()].map(({ monthSet, ...l }) => ({
			...l,
			months: monthSet.size
		}));
		const principalFen = lines.reduce((s, l) => s + l.principalFen, 0);
		const lateFeeFen = lines.reduce((s, l) => s + l.lateFeeFen, 0);
		notices.push({
			code: unit.code,
			ownerName: owner?.name ?? '',
			lines,
			principalFen,
			lateFeeFen,
			totalFen: principalFen + lateFeeFen,
			// Names the community: unit codes repeat between the centres of one server.
			statementUrl: phoneLink(origin, '/kiosk/identify', community.code, {
				room: unit.code,
				next: '/kiosk/me'
			})
		});
	}
	return {
		communityName: community.name,
		centreName: community.centreName,
		asOf: date,
		format,
		phone: settings.kiosk.phone,
		hours: settings.kiosk.counterHours,
		dueDay: settings.fees.dueDay,
		lateFeeRatePerMille: settings.fees.lateFeeRatePerMille,
		units: notices
	};
}
