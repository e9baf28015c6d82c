/**
 * 欠费台账 (the A4 arrears list of one building) and 物业服务费催缴通知单 (one notice per unit, A4 or A5).
 * Chinese documents: their fixed labels live here. The notice's wording follows the service
 * standard's counter script (seed 003 第三条): 您, 请, thanks, the 3‰ rule and "以后请于每月20日前缴纳".
 */
import { formatYuan, toChineseUppercase } from '../../money';
import { formatDateZh, formatPeriodZh } from '../../dates';
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawQr,
	drawSignatureLines,
	drawTable,
	pdfSpec,
	pdfToBuffer,
	type TableColumn
} from './document';
import { AGE_BUCKETS, type AgeBucket } from '../../domain/arrears';

export const BUCKET_ZH: Record<AgeBucket, string> = {
	d0_30: '30天以内',
	d31_90: '31–90天',
	d91_180: '91–180天',
	d181_365: '181–365天',
	over_365: '一年以上'
};

const amt = (fen: number) => formatYuan(fen, { symbol: false });
const monthZh = (month: string) => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

export interface ArrearsListRow {
	code: string;
	floor: string;
	ownerName: string;
	months: number;
	oldestMonth: string;
	principalFen: number;
	lateFeeFen: number;
	totalFen: number;
	bucket: AgeBucket;
	lastReminder: string;
}

export interface ArrearsListPdf {
	communityName: string;
	centreName: string;
	building: string;
	asOf: string;
	printedAt: string;
	printedBy: string;
	rows: ArrearsListRow[];
	totals: {
		principalFen: number;
		lateFeeFen: number;
		totalFen: number;
		buckets: Record<AgeBucket, number>;
	};
}

/** The A4 list of one building's arrears as of a date, by floor, with totals and ageing. */
export async function renderArrearsList(p: ArrearsListPdf): Promise<Buffer> {
	const doc = createPdf({
		size: 'A4',
		title: `欠费台账 ${p.building}栋 ${p.asOf}`,
		author: p.centreName
	});
	drawHeader(doc, {
		communityName: p.communityName,
		centreName: p.centreName,
		title: `欠费台账（${p.building}栋）`,
		subtitle: `截至 ${formatDateZh(p.asOf)}　共 ${p.rows.length} 户`
	});
	const columns: TableColumn[] = [
		{ header: '房号', width: 1.3 },
		{ header: '楼层', width: 0.6, align: 'center' },
		{ header: '业主', width: 1.1 },
		{ header: '欠费月数', width: 0.8, align: 'right' },
		{ header: '最早欠费月', width: 1.2 },
		{ header: '本金', width: 1.2, align: 'right' },
		{ header: '滞纳金', width: 1.1, align: 'right' },
		{ header: '合计', width: 1.2, align: 'right' },
		{ header: '账龄', width: 1.1 },
		{ header: '最近催缴', width: 1.4 }
	];
	const rows = p.rows.map((r) => [
		r.code,
		r.floor,
		r.ownerName,
		String(r.months),
		monthZh(r.oldestMonth),
		amt(r.principalFen),
		amt(r.lateFeeFen),
		amt(r.totalFen),
		BUCKET_ZH[r.bucket],
		r.lastReminder || '—'
	]);
	rows.push([
		'合计',
		'',
		'',
		'',
		'',
		amt(p.totals.principalFen),
		amt(p.totals.lateFeeFen),
		amt(p.totals.totalFen),
		'',
		''
	]);
	drawTable(doc, { columns, rows });
	drawTable(doc, {
		columns: AGE_BUCKETS.map((b) => ({ header: BUCKET_ZH[b], width: 1, align: 'right' as const })),
		rows: [AGE_BUCKETS.map((b) => amt(p.totals.buckets[b]))]
	});
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	doc
		.fontSize(fontSize * 0.9)
		.text(
			'本金为截至当日应缴未缴的费用；滞纳金按各日有效的费率计至当日；账龄按每张账单自缴费期限次日起的天数计。',
			left,
			doc.y,
			{ width }
		);
	doc.fontSize(fontSize);
	doc.y += fontSize;
	drawSignatureLines(doc, ['制表', '审核']);
	drawFooter(doc, `打印：${p.printedBy}　${p.printedAt}`);
	return pdfToBuffer(doc);
}

export interface NoticeLine {
	itemNameZh: string;
	fromMonth: string;
	toMonth: string;
	months: number;
	principalFen: number;
	lateFeeFen: number;
}

export interface NoticeUnit {
	code: string;
	ownerName: string;
	lines: NoticeLine[];
	principalFen: number;
	lateFeeFen: number;
	totalFen: number;
	/** Absolute address of the unit's kiosk statement (the QR code). */
	statementUrl: string;
}

export interface NoticesPdf {
	communityName: string;
	centreName: string;
	asOf: string;
	format: 'a4' | 'a5';
	phone: string;
	hours: string;
	dueDay: number;
	lateFeeRatePerMille: number;
	units: NoticeUnit[];
}

/** One 催缴通知单 per unit, each on its own page. */
export async function renderNotices(p: NoticesPdf): Promise<Buffer> {
	const doc = createPdf({
		size: p.format === 'a4' ? 'A4' : 'A5-landscape',
		title: `物业服务费催缴通知单 ${formatDateZh(p.asOf)}`,
		author: p.centreName
	});
	const { fontSize } = pdfSpec(doc);
	p.units.forEach((u, i) => {
		if (i > 0) doc.addPage();
		const { left, width } = contentBox(doc);
		drawHeader(doc, {
			communityName: p.communityName,
			centreName: p.centreName,
			title: '物业服务费催缴通知单'
		});
		const qr = p.format === 'a4' ? 78 : 62;
		const qrTop = doc.y;
		drawQr(doc, u.statementUrl, left + width - qr, qrTop, qr);
		doc.fontSize(fontSize * 0.75).text('扫码查看账单', left + width - qr - 10, qrTop + qr + 1, {
			width: qr + 20,
			align: 'center'
		});
		doc.fontSize(fontSize);
		const textWidth = width - qr - fontSize * 1.5;
		doc.text(
			`尊敬的${u.ownerName ? ` ${u.ownerName} ` : ''}业主（房号 ${u.code}）：`,
			left,
			qrTop,
			{ width: textWidth }
		);
		doc.text(
			`　　您好！感谢您一直以来对我们工作的支持。经核对，截至${formatDateZh(p.asOf)}，您的房屋尚有以下费用未缴纳，请您在方便时到管理处客户服务中心前台缴纳。如您已缴纳，请忽略本通知，谢谢！`,
			left,
			doc.y + 2,
			{ width: textWidth }
		);
		doc.y = Math.max(doc.y, qrTop + qr + fontSize * 1.4) + 2;
		drawTable(doc, {
			columns: [
				{ header: '收费项目', width: 1.6 },
				{ header: '所属期间', width: 2.6 },
				{ header: '月数', width: 0.6, align: 'right' },
				{ header: '应缴金额', width: 1.2, align: 'right' },
				{ header: '滞纳金', width: 1.1, align: 'right' },
				{ header: '小计', width: 1.2, align: 'right' }
			],
			rows: [
				...u.lines.map((l) => [
					l.itemNameZh,
					formatPeriodZh(l.fromMonth, l.toMonth),
					String(l.months),
					amt(l.principalFen),
					amt(l.lateFeeFen),
					amt(l.principalFen + l.lateFeeFen)
				]),
				['合计（大写）', toChineseUppercase(u.totalFen), formatYuan(u.totalFen)]
			]
		});
		doc.fontSize(fontSize * 0.92);
		doc.text(
			`　　根据《物业管理条例》及《业主临时管理规约》的规定，未及时缴纳物业服务费的，` +
				`逾期每日按应缴金额的${p.lateFeeRatePerMille}‰计收滞纳金；滞纳金计至${formatDateZh(p.asOf)}，以前台收款时为准。` +
				`以后请于每月${p.dueDay}日前缴纳物业服务费；如果工作比较忙，您可以考虑预缴一年，以免耽误您的时间。`,
			left,
			doc.y,
			{ width }
		);
		doc.y += fontSize * 0.4;
		drawKeyValueRows(doc, [
			['缴费地点', `${p.centreName}前台`],
			['服务时间', p.hours],
			['咨询电话', p.phone],
			['缴费方式', '现金、支票、刷卡、汇款、微信、支付宝']
		]);
		doc.fontSize(fontSize);
		doc.y += fontSize * 0.5;
		doc.text(`${p.centreName}`, left, doc.y, { width, align: 'right' });
		doc.text(formatDateZh(p.asOf), left, doc.y, { width, align: 'right' });
	});
	drawFooter(doc, '感谢您的理解与支持！本通知单不作收款凭证');
	return pdfToBuffer(doc);
}
