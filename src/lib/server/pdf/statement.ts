/**
 * The fee statement (物业费对账单) a resident prints at the kiosk on the 80 mm roll: every unpaid
 * bill with the late fee as of today, the totals in figures and in 大写, and where to pay. It is
 * not a receipt. Fixed Chinese labels live here; no $app imports.
 */
import { formatYuan, toChineseUppercase } from '../../money';
import { formatDateZh } from '../../dates';
import { maskName } from '../../domain/records';
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawTable,
	pdfSpec,
	pdfToBuffer,
	type TableColumn
} from './document';

export interface StatementLine {
	/** YYYY-MM */
	month: string;
	itemNameZh: string;
	principalDueFen: number;
	lateFeeDueFen: number;
	/** Days overdue as of the statement date (0: not yet due). */
	overdueDays: number;
	/** The owner of the bill's month, masked. */
	ownerName: string;
}

export interface StatementPdf {
	communityName: string;
	centreName: string;
	unitCode: string;
	/**
	 * Today's owner, partly masked (the slip may be left at the printer): named only when nothing
	 * is due; otherwise the owners of the bills' months are.
	 */
	ownerName: string;
	/** YYYY-MM-DD: the late fees are as of this day. */
	asOf: string;
	/** "2026-11-23 09:05" */
	printedAt: string;
	lines: StatementLine[];
	principalDueFen: number;
	lateFeeDueFen: number;
	totalDueFen: number;
	lateFeeRatePerMille: number;
	phone: string;
}

// The kiosk masks names on screen too: one rule, in the domain.
export { maskName };

const amt = (fen: number) => formatYuan(fen, { symbol: false });

/** "2026-10" → "2026年10月". */
const monthZh = (month: string) => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

export async function renderStatement(s: StatementPdf): Promise<Buffer> {
	const doc = createPdf({
		size: 'roll80',
		title: `物业费对账单 ${s.unitCode}`,
		author: s.centreName
	});
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	// Bills before a 过户 stay the old owner's: the header names each owner, each line its own when they differ.
	const lineOwners = [...new Set(s.lines.map((l) => l.ownerName))];
	const perLine = lineOwners.length > 1;
	drawHeader(doc, {
		communityName: s.communityName,
		centreName: s.centreName,
		title: '物业费对账单'
	});
	drawKeyValueRows(
		doc,
		[
			['房号', s.unitCode],
			['业主', (s.lines.length > 0 ? lineOwners.join('、') : s.ownerName) || '—'],
			['截至', formatDateZh(s.asOf)]
		],
		{ columns: 1 }
	);
	doc.y += 2;

	if (s.lines.length === 0) {
		doc
			.fontSize(fontSize * 1.1)
			.text('您目前没有待缴费用，谢谢您的支持。', left, doc.y, { width, align: 'center' });
		doc.fontSize(fontSize);
	} else {
		const columns: TableColumn[] = [
			{ header: '应缴', width: 1, align: 'right' },
			{ header: '滞纳金', width: 1, align: 'right' },
			{ header: '小计', width: 1, align: 'right' }
		];
		const rows: string[][] = [];
		for (const l of s.lines) {
			rows.push([
				`${monthZh(l.month)}　${l.itemNameZh}${l.overdueDays > 0 ? `　逾期${l.overdueDays}天` : ''}` +
					(perLine ? `　业主${l.ownerName || '—'}` : '')
			]);
			rows.push([
				amt(l.principalDueFen),
				amt(l.lateFeeDueFen),
				amt(l.principalDueFen + l.lateFeeDueFen)
			]);
		}
		drawTable(doc, { columns, rows });
		drawKeyValueRows(
			doc,
			[
				['费用合计', formatYuan(s.principalDueFen)],
				['滞纳金合计', formatYuan(s.lateFeeDueFen)],
				['合计待缴', formatYuan(s.totalDueFen)],
				['大写', toChineseUppercase(s.totalDueFen)]
			],
			{ columns: 1 }
		);
		doc.y += fontSize * 0.3;
		doc
			.fontSize(fontSize * 0.9)
			.text(
				`滞纳金自缴费期限次日起按每日${s.lateFeeRatePerMille}‰计算，` +
					`上列为${formatDateZh(s.asOf)}缴纳的金额，以前台收款时为准。`,
				left,
				doc.y,
				{ width }
			);
		doc.fontSize(fontSize);
	}
	doc.y += fontSize * 0.5;
	doc.text(`请到前台缴费${s.phone ? `；服务中心电话 ${s.phone}` : ''}。`, left, doc.y, {
		width,
		align: 'center'
	});
	drawFooter(doc, `本对账单不作收款凭证　打印时间 ${s.printedAt}`);
	return pdfToBuffer(doc);
}
