/**
 * The printed log of a front-desk register for a date range (钥匙借用册, 代办·留言·回电登记簿 …):
 * the paper book a supervisor checks and signs. One layout for every register: title and range,
 * how many entries and how many are still open (and overdue), who printed it, the table, the
 * signature lines. A Chinese document: its fixed labels live here.
 */
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawTable,
	pdfToBuffer,
	type TableColumn
} from './document.ts';
import { formatDateTimeLocal } from '../../dates.ts';

export interface RegisterLogHead {
	communityName: string;
	centreName: string;
	timeZone: string;
	from: string;
	to: string;
	printedAt: number;
	printedBy: string;
}

/** A log's head: the community's names and clock, the days it covers, who printed it and when. */
export function registerLogHead(
	community: { name: string; centreName: string; timeZone: string },
	days: { from: string; to: string },
	printedAt: number,
	by: { displayName: string; workNo: string }
): RegisterLogHead {
	return {
		communityName: community.name,
		centreName: community.centreName,
		timeZone: community.timeZone,
		from: days.from,
		to: days.to,
		printedAt,
		printedBy: `${by.displayName} ${by.workNo}`
	};
}

export interface RegisterLog {
	title: string;
	/** e.g. 借用笔数, 登记笔数. */
	countLabel: string;
	count: number;
	/** e.g. 未归还, 未办结. */
	openLabel: string;
	open: number;
	overdue: number;
	columns: TableColumn[];
	rows: string[][];
	/** The one row of an empty period, e.g. 本期间无借用记录. */
	empty: string;
}

export async function registerLogPdf(head: RegisterLogHead, log: RegisterLog): Promise<Buffer> {
	const doc = createPdf({
		size: 'A4',
		title: `${log.title} ${head.from} 至 ${head.to}`,
		author: head.centreName
	});
	drawHeader(doc, {
		communityName: head.communityName,
		centreName: head.centreName,
		title: log.title,
		subtitle: `${head.from} 至 ${head.to}`
	});
	drawKeyValueRows(doc, [
		[log.countLabel, String(log.count)],
		[log.openLabel, `${log.open}（其中逾期 ${log.overdue}）`],
		['打印时间', formatDateTimeLocal(head.printedAt, head.timeZone)],
		['打印人', head.printedBy]
	]);
	doc.moveDown(0.4);
	drawTable(doc, { columns: log.columns, rows: log.rows.length ? log.rows : [['—', log.empty]] });
	drawSignatureLines(doc, ['前台主管', '核对人']);
	drawFooter(doc, `${head.centreName}　${log.title}`);
	return pdfToBuffer(doc);
}

/** The cells' lines, empty ones left out. */
export const lines = (...xs: (string | null | undefined | false)[]) =>
	xs.filter(Boolean).join('\n');
