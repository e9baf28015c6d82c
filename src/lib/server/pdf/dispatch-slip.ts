/**
 * 派工单 — the dispatch slip printed for the department (standard 第五条 三: "录入管理软件系统,
 * 并打印派工单通知相关部门接单处理"). A Chinese document: its labels are fixed here. It carries the
 * ticket, who took it and when, where it went, and the time limits that apply, with room for the
 * department to write the result and sign when the slip comes back (完工).
 */
import { formatDateTimeLocal } from '../../dates';
import { limitLabel } from '../../ticket-labels';
import type { Deadline, TicketSlaSettings } from '../../domain/sla';
import type { Department, TicketKind, TicketSource, TicketUrgency } from '../../domain/tickets';
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawTable,
	pdfToBuffer
} from './document';

export const KIND_ZH: Record<TicketKind, string> = {
	engineering: '工程报事',
	property: '物业报事',
	service_complaint: '物业服务类投诉',
	developer_complaint: '地产类投诉',
	enquiry: '咨询'
};
export const DEPARTMENT_ZH: Record<Department, string> = {
	engineering: '工程部',
	cleaning: '保洁',
	security: '秩序维护',
	green: '绿化',
	customer_service: '客服',
	developer: '地产客户组'
};
const SOURCE_ZH: Record<TicketSource, string> = {
	counter: '前台',
	phone: '电话',
	kiosk: '自助终端',
	mobile: '手机'
};
const URGENCY_ZH: Record<TicketUrgency, string> = { normal: '一般', urgent: '紧急' };

export interface DispatchSlipData {
	communityName: string;
	centreName: string;
	timeZone: string;
	ticketNo: string;
	kind: TicketKind;
	source: TicketSource;
	urgency: TicketUrgency;
	unitCode: string;
	location: string;
	reporterName: string;
	reporterPhone: string;
	text: string;
	receivedAt: number;
	recordedAt: number;
	recordedLate: boolean;
	recordedBy: string;
	department: Department;
	assignee: string;
	dispatchedAt: number;
	dispatchedBy: string;
	photoCount: number;
	deadlines: Deadline[];
	settings: TicketSlaSettings;
	printedAt: number;
	printedBy: string;
}

/** Limits still to come, as the rules the department works to (they start on completion). */
function ruleLines(d: DispatchSlipData): string[][] {
	const s = d.settings;
	const rows: string[][] = [];
	if (d.kind === 'engineering')
		rows.push([
			limitLabel('follow_up', 'zh-CN'),
			'处理期间',
			`每 ${s.followUpDaysEngineering} 天至少一次`,
			''
		]);
	if (d.kind === 'property')
		rows.push([
			limitLabel('follow_up', 'zh-CN'),
			'处理期间',
			`每 ${s.followUpDaysProperty} 天至少一次`,
			''
		]);
	if (d.kind === 'engineering')
		rows.push([
			limitLabel('check', 'zh-CN'),
			'完工(派工单返回)后',
			`${s.checkWorkingDays} 个工作日内`,
			''
		]);
	rows.push([
		limitLabel('return_visit', 'zh-CN'),
		'完工(派工单返回)后',
		`${s.returnVisitWorkingDays} 个工作日内`,
		''
	]);
	return rows;
}

export async function renderDispatchSlip(d: DispatchSlipData): Promise<Buffer> {
	const t = (ms: number) => formatDateTimeLocal(ms, d.timeZone);
	const doc = createPdf({ size: 'A4', title: `派工单 ${d.ticketNo}`, author: d.centreName });
	drawHeader(doc, {
		communityName: d.communityName,
		centreName: d.centreName,
		title: '派　工　单',
		subtitle: `工单号：${d.ticketNo}`
	});

	drawKeyValueRows(doc, [
		['工单号', d.ticketNo],
		['类别', KIND_ZH[d.kind]],
		['受理方式', SOURCE_ZH[d.source]],
		['紧急程度', URGENCY_ZH[d.urgency]],
		['受理时间', t(d.receivedAt)],
		['录入时间', t(d.recordedAt) + (d.recordedLate ? '（超时录入）' : '')],
		['房号', d.unitCode || '公共区域'],
		['位置', d.location],
		['报事人', d.reporterName],
		['联系电话', d.reporterPhone],
		['受理人', d.recordedBy],
		['照片', d.photoCount ? `${d.photoCount} 张（见系统）` : '无'],
		['派工部门', DEPARTMENT_ZH[d.department]],
		['负责人', d.assignee],
		['派工时间', t(d.dispatchedAt)],
		['派工人', d.dispatchedBy]
	]);
	doc.moveDown(0.4);
	drawTable(doc, { columns: [{ header: '报事/投诉内容', width: 1 }], rows: [[d.text]] });

	// The limits computed for this ticket (still open or already met), then the rules to come.
	const rows = d.deadlines
		.filter((x) => x.limit !== 'record')
		.map((x) => [
			limitLabel(x.limit, 'zh-CN'),
			t(x.startAt),
			`${t(x.dueAt)} 前`,
			x.metAt !== null ? `已完成 ${t(x.metAt)}` : x.state === 'breached' ? '已超时' : '未完成'
		]);
	const due = new Set(d.deadlines.map((x) => x.limit));
	for (const r of ruleLines(d))
		if (!(r[0] === limitLabel('follow_up', 'zh-CN') && due.has('follow_up'))) rows.push(r);
	drawTable(doc, {
		columns: [
			{ header: '时限', width: 1.3 },
			{ header: '起算', width: 1.3 },
			{ header: '应完成', width: 1.3 },
			{ header: '状态', width: 1.3 }
		],
		rows
	});

	drawTable(doc, {
		columns: [{ header: '处理情况（部门填写）', width: 1 }],
		rows: [['\n\n\n\n']]
	});
	drawSignatureLines(doc, ['接单人', '接单时间', '完工时间', '查验人']);
	drawSignatureLines(doc, ['回访人', '回访时间', '回访方式', '客户评价']);
	doc
		.fontSize(8)
		.fillColor('#444444')
		.text('客户评价：满意 / 基本满意 / 不满意（不满意的工单退回部门重新处理）');
	doc.fillColor('#000000');
	drawFooter(
		doc,
		`打印：${t(d.printedAt)} ${d.printedBy}　报事、投诉须于十分钟内录入系统，不得漏项、埋单、记录造假`
	);
	return pdfToBuffer(doc);
}
