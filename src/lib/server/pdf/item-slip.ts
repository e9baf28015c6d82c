/**
 * The 80 mm slips of the items registers: the 寄存取件单 the depositor keeps (its number and short
 * code are what the claimant shows) and the 放行条 the carrier hands in at the gate. Chinese
 * documents in every UI language. No $app imports.
 */
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawQr,
	drawSignatureLines,
	pdfSpec,
	pdfToBuffer,
	type Pdf
} from './document';
import { formatDateTimeLocal } from '../../dates';
import type { DepositRow, ReleaseRow } from '../items/queries';
import { consentLine } from './item-zh';

export interface SlipHead {
	communityName: string;
	centreName: string;
	timeZone: string;
}

/** The slip's number, large and centred (faux bold, as in drawHeader: one weight is embedded). */
function bigLine(doc: Pdf, text: string, scale: number): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	const size = fontSize * scale;
	doc.fontSize(size);
	doc
		.save()
		.lineWidth(size * 0.03)
		.text(text, left, doc.y, { width, align: 'center', fill: true, stroke: true })
		.restore();
	doc.fontSize(fontSize);
	doc.y += fontSize * 0.3;
}

export async function depositSlipPdf(head: SlipHead, d: DepositRow): Promise<Buffer> {
	const doc = createPdf({
		size: 'roll80',
		title: `寄存取件单 ${d.claimNo}`,
		author: head.centreName
	});
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	drawHeader(doc, { ...head, title: '物品寄存取件单' });
	bigLine(doc, d.claimNo, 1.6);
	doc.text('取件码', left, doc.y, { width, align: 'center' });
	bigLine(doc, d.claimCode, 3);
	const rows: [string, string][] = [
		['寄存人', `${d.depositorName} ${d.depositorPhone}`],
		...(d.unitCode ? [['房号', d.unitCode] as [string, string]] : []),
		['物品', d.items],
		['件数', `${d.itemCount} 件`],
		['领取人', d.claimer === 'named' ? `${d.claimerName} ${d.claimerPhone}`.trim() : '寄存人本人'],
		['取件期限', `${d.claimBy} 前`],
		['寄存时间', formatDateTimeLocal(d.takenMs, head.timeZone)],
		['经办', d.takenBy]
	];
	drawKeyValueRows(doc, rows, { columns: 1 });
	doc.y += fontSize * 0.3;
	doc.text('领取时请出示本单及领取人身份证件', left, doc.y, { width, align: 'center' });
	const qr = 20 * (72 / 25.4);
	const y = doc.y + fontSize * 0.5;
	drawQr(doc, d.claimNo, left + (width - qr) / 2, y, qr);
	doc.y = y + qr + fontSize * 0.3;
	drawSignatureLines(doc, ['寄存人签字']);
	drawFooter(doc, '逾期未取请与客户服务中心联系');
	return pdfToBuffer(doc);
}

export async function releaseSlipPdf(head: SlipHead, r: ReleaseRow): Promise<Buffer> {
	const doc = createPdf({
		size: 'roll80',
		title: `放行条 ${r.releaseNo}`,
		author: head.centreName
	});
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	drawHeader(doc, { ...head, title: '物品放行条' });
	bigLine(doc, r.releaseNo, 1.6);
	drawKeyValueRows(
		doc,
		[
			['房号', r.unitCode],
			['物品', r.items],
			['件数', `${r.itemCount} 件`],
			['搬运人', `${r.carrierName} ${r.carrierPhone}`],
			['车牌', r.plate || '—'],
			['业主同意', consentLine(r)],
			['有效期至', `${r.validUntil} 当日`],
			['开单时间', formatDateTimeLocal(r.takenMs, head.timeZone)],
			['经办', r.takenBy]
		],
		{ columns: 1 }
	);
	doc.y += fontSize * 0.3;
	doc.text('做好登记，予以放行', left, doc.y, { width, align: 'center' });
	drawSignatureLines(doc, ['门岗核对', '放行时间']);
	drawFooter(doc, '本条一次有效，过期作废');
	return pdfToBuffer(doc);
}
