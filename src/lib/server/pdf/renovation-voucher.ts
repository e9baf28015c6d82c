/**
 * 退款凭证 (DOMAIN.md §4), A5 landscape: a deposit settlement — the deposit's original receipt,
 * what is refunded, each deduction with its reason (附照片 when a photo is on file), the amount
 * paid out in figures and in capitals, how, and signatures (领款人 signs for the money).
 */
import { formatYuan, toChineseUppercase } from '../../money';
import { formatDateTimeLocal, formatDateZh } from '../../dates';
import type { VoucherRecord } from '../renovation/settlements';
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawTable,
	pdfToBuffer
} from './document';
import { METHOD_ZH, type RenovationCommunity } from './renovation-common';

const amt = (fen: number) => formatYuan(fen, { symbol: false });
const OUTCOME_ZH: Record<string, string> = {
	returned: '交回出入证',
	expired: '出入证到期',
	lost: '出入证遗失'
};

export async function renderRenovationVoucher(
	v: VoucherRecord,
	c: RenovationCommunity
): Promise<Buffer> {
	const s = v.settlement;
	const doc = createPdf({
		size: 'A5-landscape',
		title: `退款凭证 ${s.voucherNo}`,
		author: c.centreName
	});
	const subject = s.subject === 'renovation_deposit' ? '装修保证金' : '临时出入证押金';
	drawHeader(doc, {
		communityName: c.name,
		centreName: c.centreName,
		title: '退款凭证',
		subtitle: `凭证号：${s.voucherNo}`
	});
	const at = formatDateTimeLocal(s.createdAt, c.timeZone);
	drawKeyValueRows(
		doc,
		[
			['房号', v.unitCode],
			['申请编号', v.appNo],
			['退款项目', subject],
			['原收据号', s.originalReceiptNo || '—'],
			...(v.pass
				? [
						[
							'出入证',
							`${v.pass.passNo} ${v.pass.workerName}（${OUTCOME_ZH[s.passOutcome ?? ''] ?? ''}）`
						] as [string, string]
					]
				: []),
			['领款人', s.payeeName],
			['办理时间', `${formatDateZh(at.slice(0, 10))} ${at.slice(11)}`]
		],
		{ columns: 2 }
	);
	const heldFen = s.refundFen + s.deductedFen;
	const rows: string[][] = [[`${subject}原额`, '', amt(heldFen)]];
	for (const l of v.lines.filter((x) => x.kind === 'deduction'))
		rows.push([
			'扣除',
			l.photoFileName ? `${l.description}（附照片）` : l.description,
			`-${amt(l.amountFen)}`
		]);
	if (s.deductedFen) rows.push(['扣除合计', '', `-${amt(s.deductedFen)}`]);
	rows.push(['实退金额', toChineseUppercase(s.refundFen), amt(s.refundFen)]);
	drawTable(doc, {
		columns: [
			{ header: '项目', width: 2.2 },
			{ header: '说明', width: 6 },
			{ header: '金额（元）', width: 2, align: 'right' }
		],
		rows
	});
	drawKeyValueRows(
		doc,
		[
			[
				'退款方式',
				s.refundFen > 0
					? [METHOD_ZH[s.method ?? ''] ?? s.method ?? '', s.methodRef].filter(Boolean).join(' ')
					: '无（押金全部扣除）'
			],
			['经办人', `${v.staff.displayName}（工号 ${v.staff.workNo}）`]
		],
		{ columns: 2 }
	);
	doc.moveDown(0.2);
	drawSignatureLines(doc, ['领款人签字', '经办人', '审核']);
	drawFooter(doc, '凭原收据办理退款；本凭证为退款及扣款依据，请妥善保管');
	return pdfToBuffer(doc);
}
