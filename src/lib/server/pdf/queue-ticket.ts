/**
 * The queue ticket (排队号票) from the hall kiosk's 80 mm printer: the number large, the service,
 * when it was taken, how many are ahead and the expected wait at printing time, and a QR code to
 * follow the number on a phone. Its words come from the message catalogue in the kiosk's language,
 * as the statement's do. No $app imports.
 */
import { m } from '../../paraglide/messages.js';
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

type Opts = { locale: 'zh-CN' | 'en' };

// The same service names as the kiosk's buttons.
const SERVICE: Record<QueueService, (i: object, o: Opts) => string> = {
	payment: m.kiosk_service_payment,
	renovation: m.kiosk_service_renovation,
	movein: m.kiosk_service_movein,
	report: m.kiosk_service_report,
	keys: m.kiosk_service_keys,
	other: m.kiosk_service_other
};

const PRIORITY: Record<QueuePriority, ((i: object, o: Opts) => string) | null> = {
	normal: null,
	elderly: m.pdf_queue_priority_elderly,
	urgent: m.pdf_queue_priority_urgent
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
	/** The kiosk's language; Chinese when not said. */
	locale?: 'zh-CN' | 'en';
}

export async function renderQueueTicket(t: QueueTicketPdf): Promise<Buffer> {
	const o: Opts = { locale: t.locale ?? 'zh-CN' };
	const title = m.pdf_queue_title({}, o);
	const doc = createPdf({ size: 'roll80', title: `${title} ${t.queueNo}`, author: t.centreName });
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	drawHeader(doc, { communityName: t.communityName, centreName: t.centreName, title });

	doc.fontSize(fontSize * 1.2).text(m.pdf_queue_hello({}, o), left, doc.y, {
		width,
		align: 'center'
	});
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

	const rows: [string, string][] = [[m.pdf_queue_service({}, o), SERVICE[t.service]({}, o)]];
	const priority = PRIORITY[t.priority];
	if (priority) rows.push([m.pdf_queue_priority({}, o), priority({}, o)]);
	rows.push([m.pdf_queue_taken({}, o), t.takenAt]);
	if (t.estimate) {
		rows.push([m.pdf_queue_ahead({}, o), m.pdf_queue_ahead_people({ count: t.estimate.ahead }, o)]);
		rows.push([
			m.pdf_queue_wait({}, o),
			t.estimate.ahead === 0
				? m.pdf_queue_wait_next({}, o)
				: m.pdf_queue_wait_minutes({ minutes: t.estimate.minutes }, o)
		]);
	}
	drawKeyValueRows(doc, rows, { columns: 1 });

	doc.y += fontSize * 0.4;
	doc.fontSize(fontSize).text(m.pdf_queue_watch({}, o), left, doc.y, { width, align: 'center' });
	const qr = 24 * (72 / 25.4);
	const y = doc.y + fontSize * 0.6;
	drawQr(doc, t.url, left + (width - qr) / 2, y, qr);
	doc.y = y + qr + fontSize * 0.3;
	doc
		.fontSize(fontSize * 0.85)
		.text(m.pdf_queue_scan({}, o), left, doc.y, { width, align: 'center' });
	doc.fontSize(fontSize);
	drawFooter(doc, m.pdf_queue_footer({}, o));
	return pdfToBuffer(doc);
}
