/**
 * 收款员交接班记录 (shift handover record) on A4: the cash of the shift (float, cash receipts,
 * voids, refunds, expected, counted, difference), the open matters handed over as they stood at
 * the handover, the note, and signature lines. A Chinese document: its labels live here.
 */
import { ERRAND_KIND_ZH } from './errand-log.ts';
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawTable,
	pdfToBuffer
} from './document.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import { formatYuan } from '../../money.ts';
import type { ClosedShift } from '../shifts/queries.ts';
import { limitLabel } from '../../ticket-labels.ts';
import type { RegisterCode } from '../../domain/desk-registers.ts';

/** The handover's line for each front-desk register (issue 21). */
const REGISTER_ZH: Record<RegisterCode, string> = {
	parcel: '待领快递',
	visitor: '访客未离开',
	item: '寄存物品',
	appointment: '待办预约'
};

const KIND_ZH: Record<string, string> = {
	engineering: '工程报事',
	property: '物业报事',
	service_complaint: '物业服务类投诉',
	developer_complaint: '地产类投诉',
	enquiry: '咨询'
};

export interface ShiftHandoverPdfInput {
	communityName: string;
	centreName: string;
	timeZone: string;
	shift: ClosedShift;
	printedAt: number;
}

/** "短款 ¥10.00" / "长款 ¥5.00" / "无差额". */
export function differenceZh(fen: number): string {
	return fen === 0
		? '无差额'
		: `${formatYuan(fen)}（${fen < 0 ? '短款' : '长款'} ${formatYuan(Math.abs(fen))}）`;
}

export async function shiftHandoverPdf(input: ShiftHandoverPdfInput): Promise<Buffer> {
	const s = input.shift;
	const at = (ms: number) => formatDateTimeLocal(ms, input.timeZone);
	const doc = createPdf({
		size: 'A4',
		title: `交接班记录 ${s.cashierName} ${at(s.closedAt)}`,
		author: input.centreName
	});
	drawHeader(doc, {
		communityName: input.communityName,
		centreName: input.centreName,
		title: '收款员交接班记录',
		subtitle: `班次编号 ${s.id}`
	});
	drawKeyValueRows(doc, [
		['交班人', `${s.cashierName}（工号 ${s.cashierWorkNo}）`],
		['接班人', s.successorName ? `${s.successorName}（工号 ${s.successorWorkNo}）` : ''],
		['接班时间', at(s.openedAt)],
		['交班时间', at(s.closedAt)]
	]);
	doc.moveDown(0.3);
	drawTable(doc, {
		columns: [
			{ header: '现金项目', width: 55 },
			{ header: '笔数', width: 15, align: 'right' },
			{ header: '金额', width: 30, align: 'right' }
		],
		rows: [
			['备用金（接班时）', '', formatYuan(s.openingFloatFen)],
			['加：本班现金收款', String(s.cashReceivedCount), formatYuan(s.cashReceivedFen)],
			['减：本班作废的现金收据', String(s.cashVoidedCount), formatYuan(-s.cashVoidedFen)],
			['减：本班现金退款（押金退还）', String(s.cashRefundedCount), formatYuan(-s.cashRefundedFen)],
			['应有现金', '', formatYuan(s.expectedFen)],
			['实点现金', '', formatYuan(s.countedFen)],
			['差额（实点 − 应有）', differenceZh(s.differenceFen)]
		]
	});
	// Cheques and card slips handed over with the cash: the system's against the count.
	const slips = (count: number, fen: number) => `${count} 张 ${formatYuan(fen)}`;
	drawTable(doc, {
		columns: [
			{ header: '票据', width: 30 },
			{ header: '系统记录', width: 35, align: 'right' },
			{ header: '实点', width: 35, align: 'right' }
		],
		rows: [
			['支票', slips(s.chequeCount, s.chequeFen), slips(s.chequeCountedCount, s.chequeCountedFen)],
			['刷卡签购单', slips(s.cardCount, s.cardFen), slips(s.cardCountedCount, s.cardCountedFen)]
		]
	});

	const h = s.handover;
	doc.text('移交事项（交班时）', { underline: false });
	doc.moveDown(0.2);
	drawTable(doc, {
		columns: [
			{ header: '类别', width: 18 },
			{ header: '事项', width: 56 },
			{ header: '时间', width: 26 }
		],
		rows: [
			...h.pendingWaivers.map((w) => [
				'待审批减免申请',
				`${w.requestNo} ${w.unitCode} 申请减免 ${formatYuan(w.requestedFen)}`,
				w.localDate
			]),
			...h.keysOut.map((k) => [
				'未还钥匙',
				`${k.tagNo} ${k.opens} 借用人 ${k.borrowerName} ${k.borrowerPhone}${k.overdue ? '（已逾期）' : ''}`,
				`应还 ${at(k.expectedReturnAt)}`
			]),
			...h.ticketsNearLimit.map((t) => [
				t.breached ? '已超时报事' : '临近时限报事',
				`${t.ticketNo} ${KIND_ZH[t.kind] ?? t.kind} ${t.unitCode || t.location} ${limitLabel(t.limit, 'zh-CN')}`,
				`时限 ${at(t.dueAt)}`
			]),
			...h.errandsOpen.map((e) => [
				e.overdue ? '逾期未办代办留言' : '未办代办留言',
				`${ERRAND_KIND_ZH[e.kind as keyof typeof ERRAND_KIND_ZH] ?? e.kind} ${e.unitCode ?? ''} 致 ${e.recipient}：${e.content}`,
				`限 ${at(e.dueAt)}`
			]),
			...h.registersOpen.map((r) => [
				`${REGISTER_ZH[r.register] ?? r.register}${r.overdue ? '（已逾期）' : ''}`,
				`${r.ref} ${r.unitCode ?? ''} ${r.summary}`,
				r.dueAt === null ? '' : `限 ${at(r.dueAt)}`
			]),
			...(h.pendingWaivers.length +
				h.keysOut.length +
				h.ticketsNearLimit.length +
				h.errandsOpen.length +
				h.registersOpen.length ===
			0
				? [['无移交事项']]
				: [])
		]
	});
	drawKeyValueRows(doc, [['交班说明', s.note || '无']], { columns: 1 });
	if (s.acknowledgedAt !== null)
		drawKeyValueRows(
			doc,
			[
				[
					'主管确认',
					`${s.acknowledgedBy ?? ''} ${at(s.acknowledgedAt)}${s.acknowledgeNote ? `：${s.acknowledgeNote}` : ''}`
				]
			],
			{ columns: 1 }
		);
	doc.moveDown(0.5);
	drawSignatureLines(doc, ['交班人', '接班人', '主管']);
	drawFooter(doc, `${input.centreName}　收款员交接班记录　打印于 ${at(input.printedAt)}`);
	return pdfToBuffer(doc);
}
