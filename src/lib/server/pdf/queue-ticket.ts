/**
 * The queue ticket (排队号票) from the hall kiosk's 80 mm printer: the number large, the service,
 * when it was taken, how many are ahead and the expected wait at printing time, and a QR code to
 * follow the number on a phone. Fixed Chinese labels live here (a Chinese document in every UI
 * language). No $app imports.
 */
import type { QueuePriority, QueueService } from '../../domain/queue';
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawQr,
	pdfSpec,
	pdfToBuffer
} from './document';

export const QUEUE_SERVICE_ZH: Record<QueueService, string> = {
	payment: '缴费',
	renovation: '装修手续',
	movein: '接房',
	report: '报事投诉',
	keys: '钥匙',
	other: '其他咨询'
};

const PRIORITY_ZH: Record<QueuePriority, string> = {
	normal: '',
	elderly: '长者/残障优先',
	urgent: '紧急优先'
};

export interface QueueTicketPdf {
	communityName: string;
	centreName: string;
	queueNo: string;
	service: QueueService;
	priority: QueuePriority;
	/** "2026-11-23 09:05" in the community's zone. */
	takenAt: string;
	/** People ahead and expected minutes when printed; null once called (a reprint). */
	estimate: { ahead: number; minutes: number } | null;
	/** Absolute address of the ticket page, for the QR code. */
	url: string;
}

export async function renderQueueTicket(t: QueueTicketPdf): Promise<Buffer> {
	const doc = createPdf({ size: 'roll80', title: `排队号票 ${t.queueNo}`, author: t.centreName });
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	drawHeader(doc, { communityName: t.communityName, centreName: t.centreName, title: '排队号票' });

	doc.fontSize(fontSize * 1.2).text('您好，您的号码是', left, doc.y, { width, align: 'center' });
	const big = fontSize * 5;
	doc.fontSize(big);
	// Faux bold, as in drawHeader: only the Regular weight is embedded.
	doc
		.save()
		.lineWidth(big * 0.03)
		.text(t.queueNo, left, doc.y, { width, align: 'center', fill: true, stroke: true })
		.restore();
	doc.fontSize(fontSize);
	doc.y += fontSize * 0.3;

	const rows: [string, string][] = [['办理业务', QUEUE_SERVICE_ZH[t.service]]];
	if (PRIORITY_ZH[t.priority]) rows.push(['优先', PRIORITY_ZH[t.priority]]);
	rows.push(['取号时间', t.takenAt]);
	if (t.estimate) {
		rows.push(['前面等候', `${t.estimate.ahead} 人`]);
		rows.push(['预计等候', t.estimate.ahead === 0 ? '即将叫号' : `约 ${t.estimate.minutes} 分钟`]);
	}
	drawKeyValueRows(doc, rows, { columns: 1 });

	doc.y += fontSize * 0.4;
	doc
		.fontSize(fontSize)
		.text('请留意大厅屏幕叫号\n过号请到前台告知工作人员', left, doc.y, { width, align: 'center' });
	const qr = 24 * (72 / 25.4);
	const y = doc.y + fontSize * 0.6;
	drawQr(doc, t.url, left + (width - qr) / 2, y, qr);
	doc.y = y + qr + fontSize * 0.3;
	doc
		.fontSize(fontSize * 0.85)
		.text('手机扫码可查看排队进度', left, doc.y, { width, align: 'center' });
	doc.fontSize(fontSize);
	drawFooter(doc, '紧急优先、长者优先、先进大厅优先');
	return pdfToBuffer(doc);
}
