/**
 * 接房资料清单: the move-in checklist the owner (or proxy) takes home, with what is still missing
 * highlighted ("您接房时需提供的资料…", service standard ch. 2 (三)). A Chinese document: fixed
 * labels live here; item labels come in already worded (from the message files, zh-CN).
 */
import {
	createPdf,
	contentBox,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawTable,
	pdfToBuffer,
	type Pdf
} from './document.ts';
import { formatDateTimeLocal, formatPeriodZh } from '../../dates.ts';

export interface MoveInChecklistPdfItem {
	label: string;
	group: string;
	form: string;
	required: boolean;
	/** null = not received yet. */
	received: { at: number; byName: string } | null;
	/** Notes on what is missing, newest last. */
	notes: string[];
}

export interface MoveInChecklistPdfInput {
	communityName: string;
	centreName: string;
	centrePhone: string;
	timeZone: string;
	caseId: number;
	unitCode: string;
	ownerName: string;
	ownerType: string;
	mortgage: boolean;
	proxy: boolean;
	proxyName: string;
	persons: number;
	openedAt: number;
	completed: { at: number; byName: string; keys: number; recipient: string } | null;
	items: MoveInChecklistPdfItem[];
	months: string[];
	monthsPaid: boolean;
	printedAt: number;
	printedBy: string;
}

const MISSING_FILL = '#fff1c2';
const MISSING_INK = '#b42318';

export const caseNo = (id: number) => `JF-${String(id).padStart(6, '0')}`;

export async function moveInChecklistPdf(input: MoveInChecklistPdfInput): Promise<Buffer> {
	const tz = input.timeZone;
	const at = (ms: number) => formatDateTimeLocal(ms, tz);
	const doc = createPdf({
		size: 'A4',
		title: `接房资料清单 ${input.unitCode}`,
		author: input.centreName
	});
	const fs = doc.currentLineHeight();
	drawHeader(doc, {
		communityName: input.communityName,
		centreName: input.centreName,
		title: '接房资料清单',
		subtitle: `房号 ${input.unitCode}　办理编号 ${caseNo(input.caseId)}`
	});
	drawKeyValueRows(doc, [
		['房号', input.unitCode],
		['业主', input.ownerName],
		['业主类型', input.ownerType],
		['入住人数', `${input.persons} 人`],
		['按揭购房', input.mortgage ? '是' : '否'],
		['委托代办', input.proxy ? `是（代办人：${input.proxyName}）` : '否'],
		['开始办理', at(input.openedAt)],
		['打印时间', `${at(input.printedAt)}（${input.printedBy}）`]
	]);
	doc.moveDown(0.5);

	const missing = input.items.filter((i) => i.required && !i.received);
	const { left, width } = contentBox(doc);
	if (input.completed) {
		paragraph(
			doc,
			`接房已于 ${at(input.completed.at)} 办理完成（经办人：${input.completed.byName}），` +
				`交付钥匙 ${input.completed.keys} 把，领取人：${input.completed.recipient}。`
		);
	} else {
		paragraph(
			doc,
			'您好，您接房时需提供的资料如下。标有“★ 尚缺”的是还需提供的必需资料，请您下次来办理时带齐：'
		);
	}
	doc.moveDown(0.3);

	if (!input.completed && (missing.length || !input.monthsPaid)) {
		// The highlighted box: what the owner still has to bring or pay.
		const lines = missing.map(
			(i, n) => `★ ${n + 1}. ${i.label}（${i.form}）${i.notes.length ? `　${i.notes.at(-1)}` : ''}`
		);
		if (!input.monthsPaid && input.months.length) {
			lines.push(
				`★ ${lines.length + 1}. 前${input.months.length}个月物业服务费（${formatPeriodZh(input.months[0], input.months.at(-1)!)}）`
			);
		}
		const title = `尚需提供（共 ${lines.length} 项）：`;
		const text = [title, ...lines].join('\n');
		const pad = fs * 0.5;
		const h = doc.heightOfString(text, { width: width - 2 * pad }) + 2 * pad;
		const top = doc.y;
		doc.save().rect(left, top, width, h).fill(MISSING_FILL).restore();
		doc.save().lineWidth(1).strokeColor(MISSING_INK).rect(left, top, width, h).stroke().restore();
		doc.fillColor(MISSING_INK).text(text, left + pad, top + pad, { width: width - 2 * pad });
		doc.fillColor('#000000');
		doc.x = left;
		doc.y = top + h + fs * 0.5;
	} else if (!input.completed) {
		paragraph(doc, '必需资料已收齐，物业服务费已缴清。');
		doc.moveDown(0.3);
	}

	drawTable(doc, {
		columns: [
			{ header: '序号', width: 0.6, align: 'center' },
			{ header: '资料', width: 4.2 },
			{ header: '原件/复印件', width: 1.7 },
			{ header: '要求', width: 0.8, align: 'center' },
			{ header: '收取情况', width: 2.4 }
		],
		rows: tableRows(input.items, at)
	});

	if (input.months.length) {
		paragraph(
			doc,
			`前${input.months.length}个月物业服务费` +
				`（${formatPeriodZh(input.months[0], input.months.at(-1)!)}）：` +
				(input.monthsPaid ? '已缴清' : '★ 未缴清')
		);
		doc.moveDown(0.3);
	}
	paragraph(doc, '房屋结算尾款、大修基金、契税请按购房合同约定缴纳，办理时出示缴款凭证。');
	if (input.proxy) {
		paragraph(
			doc,
			'代办人除携带接房相关资料及费用外，' +
				'还应带上业主亲自授权的委托书（盖上手印）以及代办人本人的有效身份证件。'
		);
	}
	if (input.centrePhone) paragraph(doc, `如有疑问，请致电客户服务中心：${input.centrePhone}。`);
	doc.moveDown(0.5);
	drawSignatureLines(doc, ['经办人', input.proxy ? '代办人' : '业主']);
	drawFooter(doc, `${input.centreName}　接房资料清单 ${caseNo(input.caseId)}`);
	return pdfToBuffer(doc);
}

/** Item rows under a one-cell heading row per group (a short row spans the whole table). */
function tableRows(items: MoveInChecklistPdfItem[], at: (ms: number) => string): string[][] {
	const rows: string[][] = [];
	let group = '';
	items.forEach((i, n) => {
		if (i.group !== group) rows.push([`【${(group = i.group)}】`]);
		const note = i.notes.length ? `\n${i.notes.at(-1)}` : '';
		const status = i.received
			? `已收 ${at(i.received.at).slice(5)}\n${i.received.byName}`
			: i.required
				? `★ 尚缺${note}`
				: `未提供${note}`;
		rows.push([String(n + 1), i.label, i.form, i.required ? '必需' : '可选', status]);
	});
	return rows;
}

function paragraph(doc: Pdf, text: string) {
	const { left, width } = contentBox(doc);
	doc.fillColor('#000000').text(text, left, doc.y, { width });
	doc.x = left;
}
