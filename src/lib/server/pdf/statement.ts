/**
 * The fee statement (物业费对账单) a resident prints at the kiosk on the 80 mm roll: every unpaid
 * bill with the late fee as of today, the totals in figures and in 大写, and where to pay. It is
 * not a receipt. Its words come from the message catalogue in the kiosk's language (names and
 * amounts as they are; 大写 only in Chinese); no $app imports.
 */
import { m } from '../../paraglide/messages.js';
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
	/** The fee item's English name (English statements). */
	itemNameEn?: string;
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
	/** The kiosk's language; Chinese when not said. */
	locale?: 'zh-CN' | 'en';
}

// The kiosk masks names on screen too: one rule, in the domain.
export { maskName };

const amt = (fen: number) => formatYuan(fen, { symbol: false });

/** "2026-10" → "2026年10月". */
const monthZh = (month: string) => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

export async function renderStatement(s: StatementPdf): Promise<Buffer> {
	const locale = s.locale ?? 'zh-CN';
	const en = locale === 'en';
	const o = { locale };
	const date = en ? s.asOf : formatDateZh(s.asOf);
	const doc = createPdf({
		size: 'roll80',
		title: `${m.pdf_statement_title({}, o)} ${s.unitCode}`,
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
		title: m.pdf_statement_title({}, o)
	});
	drawKeyValueRows(
		doc,
		[
			[m.pdf_statement_unit({}, o), s.unitCode],
			[
				m.pdf_statement_owner({}, o),
				(s.lines.length > 0 ? lineOwners.join(en ? ', ' : '、') : s.ownerName) || '—'
			],
			[m.pdf_statement_as_of({}, o), date]
		],
		{ columns: 1 }
	);
	doc.y += 2;

	if (s.lines.length === 0) {
		doc
			.fontSize(fontSize * 1.1)
			.text(m.pdf_statement_none({}, o), left, doc.y, { width, align: 'center' });
		doc.fontSize(fontSize);
	} else {
		const columns: TableColumn[] = [
			{ header: m.pdf_statement_principal({}, o), width: 1, align: 'right' },
			{ header: m.pdf_statement_late({}, o), width: 1, align: 'right' },
			{ header: m.pdf_statement_subtotal({}, o), width: 1, align: 'right' }
		];
		const rows: string[][] = [];
		for (const l of s.lines) {
			const item = en ? (l.itemNameEn ?? l.itemNameZh) : l.itemNameZh;
			const overdue =
				l.overdueDays > 0 ? `　${m.pdf_statement_overdue({ days: l.overdueDays }, o)}` : '';
			// After a 过户 the months name their own owners (业主张*): the one as-of rule decides.
			const owner = perLine
				? `　${m.pdf_statement_owner({}, o)}${en ? ' ' : ''}${l.ownerName || '—'}`
				: '';
			rows.push([`${en ? l.month : monthZh(l.month)}　${item}${overdue}${owner}`]);
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
				[m.pdf_statement_principal_total({}, o), formatYuan(s.principalDueFen)],
				[m.pdf_statement_late_total({}, o), formatYuan(s.lateFeeDueFen)],
				[m.pdf_statement_total({}, o), formatYuan(s.totalDueFen)],
				...(en ? [] : [['大写', toChineseUppercase(s.totalDueFen)] as [string, string]])
			],
			{ columns: 1 }
		);
		doc.y += fontSize * 0.3;
		doc
			.fontSize(fontSize * 0.9)
			.text(m.pdf_statement_note({ rate: s.lateFeeRatePerMille, date }, o), left, doc.y, { width });
		doc.fontSize(fontSize);
	}
	doc.y += fontSize * 0.5;
	const pay = s.phone
		? m.pdf_statement_pay_phone({ phone: s.phone }, o)
		: m.pdf_statement_pay({}, o);
	doc.text(pay, left, doc.y, {
		width,
		align: 'center'
	});
	drawFooter(doc, m.pdf_statement_footer({ time: s.printedAt }, o));
	return pdfToBuffer(doc);
}
