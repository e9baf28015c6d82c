/**
 * 访客条 — the 80 mm slip a visitor carries while inside: slip no., name, masked ID, the unit
 * visited, time in and valid until (the end of that day), and a QR code the guard scans on the way
 * out, which opens the staff page that records the leaving (its address printed under it too).
 * A Chinese document: its labels live here. No $app imports.
 */
import { formatDateTimeLocal } from '../../dates.ts';
import { ID_TYPE_ZH } from './id-types.ts';
import type { VisitorRow } from '../visitors/queries.ts';
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawQr,
	MM,
	pdfSpec,
	pdfToBuffer
} from './document.ts';

export interface VisitorSlipInput {
	communityName: string;
	centreName: string;
	timeZone: string;
	visitor: VisitorRow;
	/** Absolute address of the leaving page (/visitors/out/<token>), for the QR code. */
	url: string;
}

export async function renderVisitorSlip(input: VisitorSlipInput): Promise<Buffer> {
	const v = input.visitor;
	const at = (ms: number) => formatDateTimeLocal(ms, input.timeZone);
	const doc = createPdf({ size: 'roll80', title: `访客条 ${v.slipNo}`, author: input.centreName });
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	drawHeader(doc, {
		communityName: input.communityName,
		centreName: input.centreName,
		title: '访客条',
		subtitle: `No. ${v.slipNo}`
	});
	drawKeyValueRows(
		doc,
		[
			['访客', v.partySize > 1 ? `${v.name} 等 ${v.partySize} 人` : v.name],
			['证件', `${ID_TYPE_ZH[v.idType]} ${v.idMasked}`],
			['被访房号', v.unitCode],
			['被访住户', v.hostName],
			['事由', v.purpose],
			['进入时间', at(v.inMs)],
			['有效至', at(v.validUntilMs)],
			['登记人', v.registeredBy]
		],
		{ columns: 1 }
	);
	const qr = 26 * MM;
	const y = doc.y + fontSize * 0.6;
	drawQr(doc, input.url, left + (width - qr) / 2, y, qr);
	doc.y = y + qr + fontSize * 0.3;
	doc
		.fontSize(fontSize * 0.85)
		.text('离开时请将本条交门岗扫码登记', left, doc.y, { width, align: 'center' });
	// The address in print too, for a gate whose scanner fails (it opens only to signed-in staff).
	doc.fontSize(fontSize * 0.6).text(input.url, left, doc.y, { width, align: 'center' });
	doc.fontSize(fontSize);
	drawFooter(doc, '当日有效　请随身携带');
	return pdfToBuffer(doc);
}
