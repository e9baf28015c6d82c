/**
 * 快递签收单: the 80 mm slip printed when a parcel is handed over — unit, courier, tracking number,
 * who collected it, the ID seen and who checked it, the time, and a line for the collector to sign.
 */
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	pdfSpec,
	pdfToBuffer
} from './document.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import { PARCEL_ID_TYPE_ZH } from './parcel-log.ts';
import type { ParcelRow } from '../parcels/queries.ts';

export interface ParcelSlipInput {
	communityName: string;
	centreName: string;
	timeZone: string;
	parcel: ParcelRow;
}

export async function parcelSlipPdf(input: ParcelSlipInput): Promise<Buffer> {
	const p = input.parcel;
	const doc = createPdf({
		size: 'roll80',
		title: `快递签收单 ${p.trackingNo}`,
		author: input.centreName
	});
	drawHeader(doc, {
		communityName: input.communityName,
		centreName: input.centreName,
		title: '快递签收单'
	});
	const at = (ms: number | null) => (ms === null ? '' : formatDateTimeLocal(ms, input.timeZone));
	drawKeyValueRows(doc, [
		['房号', p.unitCode],
		['快递公司', p.courier],
		['运单号', p.trackingNo],
		['收件人', p.recipient],
		['到件时间', at(p.receivedMs)],
		['领取人', p.collector ?? ''],
		['核验证件', p.idType ? `${PARCEL_ID_TYPE_ZH[p.idType]} 后四位 ${p.idLast4}` : ''],
		['核验人', p.handedBy ?? ''],
		['领取时间', at(p.collectedMs)]
	]);
	const { fontSize } = pdfSpec(doc);
	doc.y += fontSize * 0.3;
	drawSignatureLines(doc, ['领取人签字']);
	const { left, width } = contentBox(doc);
	doc.y += fontSize * 0.2;
	doc.text('本人已核对快递外包装完好并领取。', left, doc.y, { width, align: 'center' });
	drawFooter(doc, `${input.centreName} 快递代收`);
	return pdfToBuffer(doc);
}
