/**
 * 《装修申请表》 (DOMAIN.md §4), A4: the application as filed, the document checklist (the
 * contractor papers marked 不适用 for 自装), the design review and signature lines.
 */
import { formatDateTimeLocal, formatDateZh } from '../../dates';
import { formatArea } from '../../domain/renovation-fees';
import { RENOVATION_DOCUMENTS, requiredDocuments } from '../../domain/renovation';
import type { RenovationDetail } from '../renovation/records';
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawTable,
	pdfToBuffer
} from './document';
import { contractorZh, DOC_ZH, type RenovationCommunity } from './renovation-common';

export async function renderRenovationApplication(
	d: RenovationDetail,
	c: RenovationCommunity
): Promise<Buffer> {
	const r = d.renovation;
	const doc = createPdf({ size: 'A4', title: `装修申请表 ${r.appNo}`, author: c.centreName });
	drawHeader(doc, {
		communityName: c.name,
		centreName: c.centreName,
		title: '装修申请表',
		subtitle: `申请编号：${r.appNo}　申请日期：${formatDateZh(formatDateTimeLocal(r.createdAt, c.timeZone).slice(0, 10))}`
	});

	drawKeyValueRows(doc, [
		['房号', d.unit.code],
		['建筑面积', `${formatArea(d.unit.areaCenti)} ㎡`],
		['业主', d.owner?.name ?? ''],
		[
			'申请人',
			`${r.applicantName}（${r.applicantKind === 'owner' ? '业主本人' : `业主指定人：${r.applicantRelation}`}）`
		],
		['联系电话', r.applicantPhone],
		['装修单位', contractorZh(d)],
		['营业执照/资质证号', r.selfRenovation ? '—' : r.contractorLicence],
		['施工单位电话', r.selfRenovation ? '—' : r.contractorPhone],
		['计划开工日期', formatDateZh(r.plannedStart)],
		['计划完工日期', formatDateZh(r.plannedEnd)],
		['是否敲墙', r.wallDemolition ? '是（敲墙垃圾按实测面积计收转运费）' : '否']
	]);
	doc.moveDown(0.3);
	drawTable(doc, { columns: [{ header: '装修内容及范围', width: 1 }], rows: [[r.scope]] });

	const needed = requiredDocuments(r.selfRenovation);
	const got: Record<string, boolean> = {
		design_drawings: r.docDesign,
		construction_drawings: r.docConstruction,
		contractor_qualification: r.docQualification,
		business_licence: r.docLicence
	};
	drawTable(doc, {
		columns: [
			{ header: '序号', width: 1, align: 'center' },
			{ header: '申请资料', width: 5 },
			{ header: '是否需要', width: 2, align: 'center' },
			{ header: '收取情况', width: 2, align: 'center' }
		],
		rows: RENOVATION_DOCUMENTS.map((doc, i) => [
			String(i + 1),
			DOC_ZH[doc],
			needed.includes(doc) ? '需要' : '不适用（自装）',
			needed.includes(doc) ? (got[doc] ? '已收' : '未收') : '—'
		])
	});

	const review = [...d.events]
		.reverse()
		.find((e) => e.action === 'approve' || e.action === 'reject');
	const opinion = review
		? (review.action === 'approve' ? '同意装修' : '不同意') +
			(review.note ? `：${review.note}` : '') +
			`（${review.actor}，${formatDateTimeLocal(review.at, c.timeZone)}）`
		: '';
	drawTable(doc, {
		columns: [{ header: '管理处审批意见', width: 1 }],
		rows: [[opinion || '\n\n']]
	});

	doc
		.fontSize(9)
		.text(
			'申请人承诺：遵守《装饰装修管理服务协议》及小区装修管理规定，不拆改承重结构，' +
				'装修垃圾按指定地点堆放，损坏共用部位、共用设施设备的负责修复或赔偿。'
		);
	doc.moveDown(0.5);
	drawSignatureLines(doc, ['申请人（签字）', '经办人', '审批人']);
	drawFooter(doc, `${c.centreName}　${r.appNo}`);
	return pdfToBuffer(doc);
}
