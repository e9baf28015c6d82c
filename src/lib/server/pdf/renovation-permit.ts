/**
 * 施工许可证 (DOMAIN.md §4), A4 portrait, posted at the door during the works: permit number,
 * unit, contractor (or 自装), period, scope and the worker passes issued so far.
 */
import { formatDateTimeLocal, formatDateZh } from '../../dates';
import type { RenovationDetail } from '../renovation/records';
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawStamp,
	drawTable,
	pdfToBuffer
} from './document';
import { contractorZh, type RenovationCommunity } from './renovation-common';

export async function renderRenovationPermit(
	d: RenovationDetail,
	c: RenovationCommunity
): Promise<Buffer> {
	const r = d.renovation;
	if (!r.permitNo || !r.permitFrom || !r.permitUntil) throw new Error('no permit issued');
	const doc = createPdf({ size: 'A4', title: `施工许可证 ${r.permitNo}`, author: c.centreName });
	drawHeader(doc, {
		communityName: c.name,
		centreName: c.centreName,
		title: '施工许可证',
		subtitle: `许可证编号：${r.permitNo}`
	});
	drawKeyValueRows(
		doc,
		[
			['施工房号', d.unit.code],
			['申请编号', r.appNo],
			['业主／申请人', `${d.owner?.name ?? ''}／${r.applicantName} ${r.applicantPhone}`],
			['装修单位', contractorZh(d)],
			[
				'施工负责人电话',
				r.selfRenovation ? r.applicantPhone : r.contractorPhone || r.applicantPhone
			],
			['有效期', `${formatDateZh(r.permitFrom)}至${formatDateZh(r.permitUntil)}`],
			['是否敲墙', r.wallDemolition ? '是' : '否']
		],
		{ columns: 1 }
	);
	doc.moveDown(0.3);
	drawTable(doc, { columns: [{ header: '施工内容', width: 1 }], rows: [[r.scope]] });
	const passes = d.passes.filter((p) => p.status === 'live' || p.status === 'expired');
	if (passes.length) {
		drawTable(doc, {
			columns: [
				{ header: '出入证号', width: 2 },
				{ header: '施工人员', width: 2 },
				{ header: '有效期至', width: 2, align: 'center' }
			],
			rows: passes.map((p) => [p.passNo, p.workerName, formatDateZh(p.expiresOn)])
		});
	}
	doc.fontSize(9);
	for (const line of [
		'1. 本证须张贴于施工户门显眼处，接受管理处检查；过期须到管理处办理延期。',
		'2. 施工人员凭《施工人员出入证》出入小区，一人一证，不得转借。',
		'3. 不得拆改承重墙、梁、柱及外立面；装修垃圾袋装后运至指定地点。',
		'4. 损坏公共走廊、墙面、电梯、对讲门等共用部位、共用设施设备的，由责任人负责修复，否则从装修保证金中扣除。'
	])
		doc.text(line);
	doc.moveDown(0.8);
	const issued = d.events.find((e) => e.action === 'issue_permit');
	drawSignatureLines(doc, ['签发人', '管理处（盖章）']);
	doc
		.fontSize(9)
		.text(
			`签发日期：${issued ? formatDateZh(formatDateTimeLocal(issued.at, c.timeZone).slice(0, 10)) : ''}`
		);
	if (r.state === 'closed' || r.state === 'deposit_settled' || r.state === 'inspection_passed')
		drawStamp(doc, '已验收');
	drawFooter(doc, `${c.centreName}　${r.permitNo}`);
	return pdfToBuffer(doc);
}
