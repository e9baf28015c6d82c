/**
 * 快递代收登记簿: the parcels taken in over a date range, as the paper log a supervisor checks and
 * signs (a Chinese document: its fixed labels live here, not in the message files).
 */
import { lines, registerLogPdf, type RegisterLogHead } from './register-log.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import type { ParcelRow } from '../parcels/queries.ts';
import type { ParcelIdType } from '../../domain/parcels.ts';

export const PARCEL_ID_TYPE_ZH: Record<ParcelIdType, string> = {
	id_card: '身份证',
	passport: '护照',
	permit: '通行证／居住证',
	driving_licence: '驾驶证',
	other: '其他证件'
};

export interface ParcelLogPdfInput extends RegisterLogHead {
	parcels: ParcelRow[];
}

export async function parcelLogPdf(input: ParcelLogPdfInput): Promise<Buffer> {
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, input.timeZone).slice(5);
	const rows = input.parcels.map((p, i) => [
		String(i + 1),
		lines(p.unitCode, `货架 ${p.slot}`),
		lines(p.courier, p.trackingNo, `收件人：${p.recipient}`),
		lines(
			at(p.receivedMs),
			`经办：${p.receivedBy}`,
			p.byPhone ? `电话确认 ${p.calledPhone} ${at(p.calledMs)} ${p.answeredBy}接听` : '已授权'
		),
		lines(
			p.overdue ? '逾期未领' : p.state === 'collected' ? '已领取' : '待领',
			p.collectedMs !== null && at(p.collectedMs),
			p.collector && `领取：${p.collector}`,
			p.idType && `${PARCEL_ID_TYPE_ZH[p.idType]} 后四位 ${p.idLast4}`,
			p.handedBy && `核验：${p.handedBy}`
		)
	]);
	return registerLogPdf(input, {
		title: '快递代收登记簿',
		countLabel: '收件件数',
		count: input.parcels.length,
		openLabel: '待领',
		open: input.parcels.filter((p) => p.state === 'waiting').length,
		overdue: input.parcels.filter((p) => p.overdue).length,
		columns: [
			{ header: '序号', width: 5, align: 'center' },
			{ header: '房号／货架', width: 13 },
			{ header: '快递', width: 26 },
			{ header: '收件', width: 26 },
			{ header: '领取', width: 25 }
		],
		rows,
		empty: '本期间无收件'
	});
}
