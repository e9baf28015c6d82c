/**
 * 《物业服务费滞纳金免除申请表》 (DOMAIN.md §3), A4: the unit and applicant, the late fees asked
 * for bill by bill with the total in Chinese capitals, the resident's reason, the unit's earlier
 * waiver requests (so the approver sees whether it is really the first time), the decision once
 * taken, and signature lines for the resident, the clerk and the approver. A Chinese document:
 * its fixed labels live here.
 */
import { formatDateTimeLocal, formatDateZh } from '../../dates';
import { formatYuan, toChineseUppercase } from '../../money';
import type { WaiverState } from '../../domain/waiver';
import type { RequestDetail } from '../waivers/queries';
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawStamp,
	drawTable,
	pdfToBuffer
} from './document';

export const WAIVER_FORM_TITLE = '物业服务费滞纳金免除申请表';

const STATE_ZH: Record<WaiverState, string> = {
	pending: '待审批',
	approved: '已批准',
	rejected: '不予免除',
	returned: '已退回'
};

const monthZh = (m: string) => `${m.slice(0, 4)}年${m.slice(5, 7)}月`;

export interface WaiverFormCommunity {
	name: string;
	centreName: string;
	timeZone: string;
}

/** The sentence about the unit's earlier requests, as printed and as the approver reads it. */
export function historySentenceZh(d: Pick<RequestDetail, 'summary'>): string {
	const s = d.summary;
	if (s.firstTime) return '该房屋此前没有滞纳金免除申请记录，属首次申请。';
	return (
		`该房屋此前已有 ${s.count} 次免除申请（批准 ${s.approved} 次，` +
		`不予免除 ${s.rejected} 次，待审批 ${s.pending} 次），不是首次申请。`
	);
}

export async function renderWaiverForm(d: RequestDetail, c: WaiverFormCommunity): Promise<Buffer> {
	const r = d.request;
	const doc = createPdf({
		size: 'A4',
		title: `${WAIVER_FORM_TITLE} ${r.requestNo}`,
		author: c.centreName
	});
	drawHeader(doc, {
		communityName: c.name,
		centreName: c.centreName,
		title: WAIVER_FORM_TITLE,
		subtitle: `申请编号：${r.requestNo}　申请日期：${formatDateZh(r.localDate)}`
	});

	drawKeyValueRows(doc, [
		['房号', r.unitCode],
		['业主', r.ownerName || '—'],
		['申请人', r.applicantName],
		['联系电话', r.applicantPhone],
		['经办人', `${r.clerkName}（工号 ${r.clerkWorkNo}）`],
		['状态', STATE_ZH[r.state]]
	]);
	doc.moveDown(0.3);

	// Eight narrow columns fit A4 portrait: dates as 2026-08-20, the working under the late fee.
	const decided = r.state === 'approved';
	drawTable(doc, {
		columns: [
			{ header: '序号', width: 0.6, align: 'center' },
			{ header: '账单', width: 2.1 },
			{ header: '本金', width: 1.4, align: 'right' },
			{ header: '缴费期限', width: 2.2, align: 'center' },
			{ header: '缴清日期', width: 2.2, align: 'center' },
			{ header: '滞纳金及计算', width: 2.8, align: 'right' },
			{ header: '申请免除', width: 1.5, align: 'right' },
			{ header: '批准免除', width: 1.5, align: 'right' }
		],
		rows: d.bills.map((b, i) => [
			String(i + 1),
			`${monthZh(b.month)} ${b.itemNameZh}`,
			formatYuan(b.principalFen),
			b.dueDate,
			b.principalPaidDate ?? '—',
			// The working ends with the fee itself (逾期62天 × ¥335.70 × 3‰ = ¥62.44).
			`${b.workingZh || formatYuan(b.lateFeeFen)}${b.lateFeePaidFen ? `\n已缴 ${formatYuan(b.lateFeePaidFen)}` : ''}`,
			formatYuan(b.requestedFen),
			decided ? formatYuan(b.approvedFen) : ''
		])
	});
	drawKeyValueRows(
		doc,
		[
			['申请免除合计', `${formatYuan(r.requestedFen)}（${toChineseUppercase(r.requestedFen)}）`],
			[
				'批准免除合计',
				decided ? `${formatYuan(r.approvedFen)}（${toChineseUppercase(r.approvedFen)}）` : ''
			]
		],
		{ columns: 1 }
	);
	doc.moveDown(0.3);

	drawTable(doc, { columns: [{ header: '申请原因（住户陈述）', width: 1 }], rows: [[r.reason]] });

	const history = d.history.length
		? d.history.map((h) => [
				h.requestNo,
				formatDateZh(h.localDate),
				h.months.map(monthZh).join('、'),
				formatYuan(h.requestedFen),
				STATE_ZH[h.state],
				h.state === 'approved' ? formatYuan(h.approvedFen) : '—'
			])
		: [['无']];
	doc.text(`免除申请记录：${historySentenceZh(d)}`);
	doc.moveDown(0.3);
	drawTable(doc, {
		columns: [
			{ header: '申请编号', width: 2 },
			{ header: '申请日期', width: 2 },
			{ header: '月份', width: 3 },
			{ header: '申请免除', width: 1.5, align: 'right' },
			{ header: '结果', width: 1.3, align: 'center' },
			{ header: '批准免除', width: 1.5, align: 'right' }
		],
		rows: history
	});

	let opinion = '\n\n';
	if (r.state === 'approved' || r.state === 'rejected') {
		const what =
			r.state === 'approved'
				? `同意免除滞纳金 ${formatYuan(r.approvedFen)}（${toChineseUppercase(r.approvedFen)}）`
				: '不予免除';
		const when = r.decidedAt ? formatDateTimeLocal(r.decidedAt, c.timeZone) : '';
		opinion =
			`${what}。${r.decisionNote ?? ''}\n` +
			`审批人：${r.decidedByName ?? ''}（工号 ${r.decidedByWorkNo ?? ''}）　${when}`;
	} else if (r.state === 'returned') {
		opinion = `缴费票据 ${r.decisionNote ?? ''} 已作废，本金未结清，申请退回经办人。`;
	}
	drawTable(doc, { columns: [{ header: '审批意见', width: 1 }], rows: [[opinion]] });

	doc
		.fontSize(9)
		.text(
			'申请人声明：以上所述属实。本人已缴清所列月份的物业服务费本金，' +
				'以后将按时于每月缴费期限前缴纳物业服务费。'
		);
	doc.moveDown(0.5);
	drawSignatureLines(doc, ['申请人（签字）', '经办人', '审批人']);
	drawSignatureLines(doc, ['日期', '日期', '日期']);
	if (r.state === 'returned') drawStamp(doc, '已退回');
	drawFooter(doc, `${c.centreName}　${WAIVER_FORM_TITLE}　${r.requestNo}`);
	return pdfToBuffer(doc);
}
