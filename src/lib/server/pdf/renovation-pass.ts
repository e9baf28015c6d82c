/**
 * 施工人员临时出入证 (DOMAIN.md §4): one worker per A5-landscape page, as the standard's
 * "一人一证（正、副证）" — the 正证 the worker carries and the 副证 kept with the gate, side by
 * side with a box for the one-inch photo.
 */
import { formatDateZh } from '../../dates';
import type { PassView, RenovationDetail } from '../renovation/records';
import { contentBox, createPdf, pdfSpec, pdfToBuffer, type Pdf } from './document';
import { contractorZh, maskIdZh, type RenovationCommunity } from './renovation-common';

function card(
	doc: Pdf,
	x: number,
	y: number,
	w: number,
	h: number,
	copy: string,
	p: PassView,
	d: RenovationDetail,
	c: RenovationCommunity
): void {
	const fs = pdfSpec(doc).fontSize;
	const pad = fs;
	doc.save().lineWidth(1.2).roundedRect(x, y, w, h, 6).stroke().restore();
	doc
		.fontSize(fs * 0.9)
		.fillColor('#444444')
		.text(c.centreName, x + pad, y + pad, { width: w - 2 * pad, align: 'center' });
	// Faux bold (only the Regular weight is embedded): a thin stroke around the fill.
	doc.save().lineWidth(0.35).strokeColor('#000000');
	doc
		.fontSize(fs * 1.45)
		.fillColor('#000000')
		.text('施工人员临时出入证', x + pad, doc.y + 2, {
			width: w - 2 * pad,
			align: 'center',
			fill: true,
			stroke: true
		});
	doc.restore();
	doc.fontSize(fs).text(`（${copy}）`, x + pad, doc.y, { width: w - 2 * pad, align: 'center' });

	const photoW = 25 * 2.835; // 25 mm × 35 mm: a one-inch photo
	const photoH = 35 * 2.835;
	const top = doc.y + fs * 0.6;
	const px = x + w - pad - photoW;
	doc
		.save()
		.lineWidth(0.6)
		.dash(3, { space: 2 })
		.rect(px, top, photoW, photoH)
		.stroke()
		.undash()
		.restore();
	doc
		.fontSize(fs * 0.85)
		.fillColor('#666666')
		.text('一寸照片', px, top + photoH / 2 - fs / 2, { width: photoW, align: 'center' });
	doc.fillColor('#000000').fontSize(fs * 1.15);
	const rows: [string, string][] = [
		['证号', p.passNo],
		['姓名', p.workerName],
		['身份证号', maskIdZh(p.idNumber)],
		['施工房号', d.unit.code],
		['装修单位', contractorZh(d)],
		['有效期至', formatDateZh(p.expiresOn)]
	];
	let ty = top;
	for (const [k, v] of rows) {
		// Beside the photo box, then the full card width below it.
		const textW = ty < top + photoH ? px - x - 2 * pad + fs * 0.5 : w - 2 * pad;
		doc.fillColor('#444444').text(`${k}：`, x + pad, ty, { lineBreak: false });
		const lw = doc.widthOfString(`${k}：`);
		doc.fillColor('#000000').text(v, x + pad + lw, ty, { width: textW - lw });
		ty = doc.y + fs * 0.55;
	}
	doc.fontSize(fs * 0.8).fillColor('#444444');
	doc.text(
		'凭证出入，一人一证，不得转借；离场或到期请交回本证并凭收据退押金。',
		x + pad,
		y + h - pad - fs * 2.6,
		{ width: w - 2 * pad }
	);
	doc.text('管理处（盖章）', x + pad, y + h - pad - fs * 0.9, {
		width: w - 2 * pad,
		align: 'right'
	});
	doc.fillColor('#000000').fontSize(fs);
}

export async function renderRenovationPasses(
	d: RenovationDetail,
	passes: PassView[],
	c: RenovationCommunity
): Promise<Buffer> {
	if (!passes.length) throw new Error('no passes');
	const doc = createPdf({
		size: 'A5-landscape',
		title: `施工人员临时出入证 ${d.renovation.appNo}`,
		author: c.centreName
	});
	passes.forEach((p, i) => {
		if (i > 0) doc.addPage();
		const { left, width, top, maxY } = contentBox(doc);
		const gap = 12;
		const w = (width - gap) / 2;
		const h = maxY - top;
		card(doc, left, top, w, h, '正证', p, d, c);
		card(doc, left + w + gap, top, w, h, '副证', p, d, c);
	});
	return pdfToBuffer(doc);
}
