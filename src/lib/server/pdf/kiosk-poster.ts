/**
 * The hall poster (大堂海报, A4): a large QR code with the centre's phone link (it names the
 * community, see domain/phone-link), the link as text for typing, Chinese first then English. A
 * resident's phone opens the kiosk pages of this centre without pairing. No $app imports.
 */
import { m } from '../../paraglide/messages.js';
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawQr,
	MM,
	pdfSpec,
	pdfToBuffer
} from './document';

export interface KioskPosterPdf {
	communityName: string;
	centreName: string;
	/** Absolute phone link of the centre's kiosk start page. */
	url: string;
}

const ZH = { locale: 'zh-CN' } as const;
const EN = { locale: 'en' } as const;

export async function renderKioskPoster(p: KioskPosterPdf): Promise<Buffer> {
	const title = m.pdf_kiosk_poster_title({}, ZH);
	const doc = createPdf({ size: 'A4', title, author: p.centreName });
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	drawHeader(doc, {
		communityName: p.communityName,
		centreName: p.centreName,
		title,
		subtitle: m.pdf_kiosk_poster_title({}, EN)
	});
	const centred = (text: string, size: number) =>
		doc.fontSize(size).text(text, left, doc.y, { width, align: 'center' });
	centred(m.pdf_kiosk_poster_lead({}, ZH), fontSize * 1.5);
	centred(m.pdf_kiosk_poster_lead({}, EN), fontSize * 1.1);
	const qr = 110 * MM;
	const y = doc.y + fontSize * 1.5;
	drawQr(doc, p.url, left + (width - qr) / 2, y, qr);
	doc.y = y + qr + fontSize * 1.5;
	centred(`${m.pdf_kiosk_poster_link({}, ZH)}${m.pdf_kiosk_poster_link({}, EN)}`, fontSize);
	centred(p.url, fontSize * 1.3);
	doc.fontSize(fontSize);
	drawFooter(doc, m.pdf_kiosk_poster_footer({}, ZH));
	return pdfToBuffer(doc);
}
