/**
 * The payment receipt (缴费票据（收据）), DOMAIN.md §2 "Receipt": A5 landscape (default) or an
 * 80 mm thermal roll (热敏小票). It prints any ledger payment: property-fee bills are grouped per
 * fee item and period with the late-fee working; deposits and other charges print as their own
 * rows. Fixed Chinese labels live here (the receipt is a Chinese document in every UI language).
 *
 * No $app / $env imports: the bench script renders receipts too.
 */
import type { PaymentRecord } from '../ledger';
import type { Community } from '../community';
import { formatYuan, toChineseUppercase } from '../../money';
import { formatDateTimeLocal, formatDateZh, nowPartsIn } from '../../dates';
import { receiptRows, type ReceiptRows } from '../receipts/rows';
import {
	contentBox,
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawQr,
	drawStamp,
	drawTable,
	pdfSpec,
	pdfToBuffer,
	type Pdf,
	type TableColumn
} from './document';

export type ReceiptFormat = 'a5' | 'roll';

export interface ReceiptOptions {
	format: ReceiptFormat;
	/** 0 = the original; N ≥ 1 = the N-th reprint (补打（第N次）). */
	reprintNo: number;
	/** Absolute address of the public check page, `…/verify/{code}` (goes into the QR code). */
	verifyUrl: string;
	/** When this copy is printed (epoch ms); shown on reprints. */
	printedAt?: number;
}

export type ReceiptCommunity = Pick<Community, 'name' | 'centreName' | 'timeZone'>;

export const RECEIPT_TITLE = '缴费票据（收据）';

/** 缴费方式 as printed. */
export const METHOD_ZH: Record<string, string> = {
	cash: '现金',
	cheque: '支票',
	card: '刷卡',
	transfer: '银行汇款',
	wechat: '微信支付',
	alipay: '支付宝'
};

const REF_LABEL_ZH: Record<string, string> = {
	cheque: '支票号',
	card: '交易参考号',
	transfer: '汇款流水号',
	wechat: '交易单号',
	alipay: '交易单号'
};

const RED = '#c8102e';
const MUTED = '#444444';

/** "ABCD-EFGH-IJKL": the verify code in groups of four, easier to read out and type. */
export function formatVerifyCode(code: string): string {
	return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** Plain amount for table cells ("1,234.56"; the header says 元). */
const amt = (fen: number) => formatYuan(fen, { symbol: false });

export async function renderReceipt(record: PaymentRecord, community: ReceiptCommunity, opts: ReceiptOptions): Promise<Buffer> {
	const { payment } = record;
	const roll = opts.format === 'roll';
	const r = receiptRows(record.lines);
	const doc = createPdf({ size: roll ? 'roll80' : 'A5-landscape', title: `${RECEIPT_TITLE} ${payment.receiptNo}`, author: community.centreName });

	const paidAt = nowPartsIn(community.timeZone, payment.createdAt);
	const reprint = opts.reprintNo > 0 ? `补打（第${opts.reprintNo}次）` : '';
	// A5: the number in red at the top right, as on a printed receipt book; the roll is too narrow.
	if (!roll) drawNumber(doc, payment.receiptNo);
	drawHeader(doc, {
		communityName: community.name,
		centreName: community.centreName,
		title: RECEIPT_TITLE,
		subtitle: (roll ? [`票据号：${payment.receiptNo}`, reprint] : [reprint]).filter(Boolean).join('　') || undefined
	});

	const who: [string, string][] = [
		['房号', record.unitCode ?? '—'],
		['缴款人', payment.payerName],
		['收款时间', `${formatDateZh(paidAt.date)} ${paidAt.time}`]
	];
	drawKeyValueRows(doc, who, { columns: roll ? 1 : 3 });
	doc.y += 2;

	if (roll) rollTable(doc, r);
	else a5Table(doc, r);

	if (roll) {
		drawWorkings(doc, r, true, payment.receiptNo);
		rollFooterBlock(doc, record, opts);
	} else {
		// Method, cashier, seal and QR right under the amounts: a long working (a year of arrears)
		// may run onto a second page, but never pushes what makes it a receipt off the first.
		a5FooterBlock(doc, record, opts);
		drawWorkings(doc, r, false, payment.receiptNo);
	}

	if (record.void) stampEveryPage(doc, '作废');
	else if (opts.reprintNo > 0) stampEveryPage(doc, '补打');

	const printed = opts.reprintNo > 0 && opts.printedAt ? `　补打时间 ${formatDateTimeLocal(opts.printedAt, community.timeZone)}` : '';
	drawFooter(doc, `本票据为缴费凭证，请妥善保管；扫描二维码可查验真伪${printed}`);
	return pdfToBuffer(doc);
}

/** The 作废 / 补打 mark on every page, so no page of a long receipt passes for a valid original. */
function stampEveryPage(doc: Pdf, text: string): void {
	const { start, count } = doc.bufferedPageRange();
	const last = start + count - 1;
	const y = doc.y;
	for (let i = start; i <= last; i++) {
		doc.switchToPage(i);
		doc.y = i === last ? y : contentBox(doc).maxY; // earlier pages are full
		drawStamp(doc, text);
	}
	doc.y = y;
}

function drawNumber(doc: Pdf, receiptNo: string): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width, top } = contentBox(doc);
	const { x, y } = doc;
	doc.fontSize(fontSize * 1.15).fillColor(RED);
	const text = `No. ${receiptNo}`;
	doc.text(text, left + width - doc.widthOfString(text), top + fontSize * 1.9, { lineBreak: false });
	doc.fontSize(fontSize).fillColor('#000000');
	doc.x = x;
	doc.y = y;
}

// ---------------------------------------------------------------- tables

/** The 期间 column holds notes too when a line has no billing period (a deposit, a measured fee). */
function periodHeader(r: ReceiptRows): string {
	return r.rows.every((row) => row.kind === 'bill' || !row.period || row.fromMonth) ? '收费期间' : '期间／摘要';
}

function periodCell(row: ReceiptRows['rows'][number]): string {
	if (row.period) return row.period;
	return row.kind === 'deposit' ? '押金（可退）' : '—';
}

function a5Table(doc: Pdf, r: ReceiptRows): void {
	const columns: TableColumn[] = [
		{ header: '收费项目', width: 3.2 },
		{ header: periodHeader(r), width: 4.6, align: 'center' },
		{ header: '本金（元）', width: 2.2, align: 'right' },
		{ header: '滞纳金（元）', width: 2.2, align: 'right' },
		...(r.hasWaiver ? [{ header: '减免（元）', width: 2, align: 'right' as const }] : []),
		{ header: '小计（元）', width: 2.4, align: 'right' }
	];
	const rows = r.rows.map((row) => [
		row.nameZh,
		periodCell(row),
		row.principalFen ? amt(row.principalFen) : row.kind === 'bill' ? '0.00' : '—',
		row.lateFeeFen ? amt(row.lateFeeFen) : row.kind === 'bill' ? '0.00' : '—',
		...(r.hasWaiver ? [row.waivedFen ? amt(row.waivedFen) : '—'] : []),
		amt(row.totalFen)
	]);
	rows.push(['合计', '', amt(r.principalFen), amt(r.lateFeeFen), ...(r.hasWaiver ? [amt(r.waivedFen)] : []), amt(r.totalFen)]);
	rows.push(['金额（大写）', toChineseUppercase(r.totalFen), formatYuan(r.totalFen)]);
	drawTable(doc, { columns, rows });
	// Not a column: the credit is already out of the principal above, so the rows still add up.
	if (r.vacancyCreditFen > 0) doc.text(`空置减免 ${formatYuan(r.vacancyCreditFen)}（已从上列本金中扣除）`, contentBox(doc).left, doc.y, { width: contentBox(doc).width });
}

/**
 * The roll is 72 mm wide: each row prints its item and period on one full-width line, then
 * the amounts under the column heads.
 */
function rollTable(doc: Pdf, r: ReceiptRows): void {
	const columns: TableColumn[] = [
		{ header: '本金', width: 1, align: 'right' },
		{ header: '滞纳金', width: 1, align: 'right' },
		{ header: '小计', width: 1, align: 'right' }
	];
	const rows: string[][] = [];
	for (const row of r.rows) {
		const note = row.period || (row.kind === 'deposit' ? '押金（可退）' : '');
		rows.push([note ? `${row.nameZh}　${note}` : row.nameZh]);
		rows.push([row.principalFen ? amt(row.principalFen) : '—', row.lateFeeFen ? amt(row.lateFeeFen) : row.kind === 'bill' ? '0.00' : '—', amt(row.totalFen)]);
	}
	drawTable(doc, { columns, rows });
	const kv: [string, string][] = [];
	if (r.hasWaiver) kv.push(['减免滞纳金', formatYuan(r.waivedFen)]);
	if (r.vacancyCreditFen > 0) kv.push(['空置减免（已从本金中扣除）', formatYuan(r.vacancyCreditFen)]);
	kv.push(['合计', formatYuan(r.totalFen)], ['大写', toChineseUppercase(r.totalFen)]);
	drawKeyValueRows(doc, kv, { columns: 1 });
}

/**
 * 滞纳金计算: one entry per bill, e.g. "2026年03月物业服务费：逾期26天 × ¥256.80 × 3‰ = ¥20.03".
 * Two columns on A5 when there are several bills; rows that do not fit continue on a new page
 * under "票据号 SF-… 滞纳金计算（续）".
 */
function drawWorkings(doc: Pdf, r: ReceiptRows, roll: boolean, receiptNo: string): void {
	if (r.workings.length === 0) return;
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	const fs = fontSize * (roll ? 0.85 : 0.8);
	const rate = r.ratePerMille ?? 3;
	const heading = `滞纳金计算（逾期每日按应缴金额的${rate}‰计收）：`;
	doc.y += roll ? 0 : fontSize * 0.3;
	doc.fontSize(fs).fillColor('#000000');
	doc.text(heading, left, doc.y, { width });
	const entries = r.workings.map((w) => (roll ? [w.label, ...w.lines.map((l) => '  ' + l)] : [`${w.label}：${w.lines.join('；')}`]).join('\n'));
	const cols = !roll && entries.length > 2 ? 2 : 1;
	const colWidth = width / cols;
	const textWidth = colWidth - fs * 1.5;
	doc.fillColor(MUTED);
	for (let i = 0; i < entries.length; i += cols) {
		const row = entries.slice(i, i + cols);
		const height = Math.max(...row.map((e) => doc.heightOfString(e, { width: textWidth })));
		if (!roll && doc.y + height > contentBox(doc).maxY) {
			doc.addPage();
			doc.fontSize(fs).fillColor('#000000').text(`票据号 ${receiptNo}　${heading.replace('：', '（续）：')}`, left, doc.y, { width });
			doc.fillColor(MUTED);
		}
		const top = doc.y;
		let bottom = top;
		row.forEach((e, c) => {
			doc.text(e, left + c * colWidth + fs, top, { width: textWidth });
			bottom = Math.max(bottom, doc.y);
		});
		doc.y = bottom;
	}
	doc.fillColor('#000000').fontSize(fontSize);
	doc.x = left;
	doc.y += fontSize * 0.4;
}

// ---------------------------------------------------------------- method, cashier, QR

function methodText(record: PaymentRecord): string {
	const p = record.payment;
	const parts = [METHOD_ZH[p.method] ?? p.method];
	if (p.method === 'cash') {
		if (p.tenderedFen != null) parts.push(`实收 ${formatYuan(p.tenderedFen)}`);
		if (p.changeFen != null) parts.push(`找零 ${formatYuan(p.changeFen)}`);
	} else {
		if (p.bank) parts.push(`银行 ${p.bank}`);
		if (p.methodRef) parts.push(`${REF_LABEL_ZH[p.method] ?? '参考号'} ${p.methodRef}`);
	}
	return parts.join('　');
}

const cashierText = (record: PaymentRecord) => `${record.cashier.displayName}（工号 ${record.cashier.workNo}）`;

function voidText(record: PaymentRecord): string | null {
	return record.void ? `本票据已作废　原因：${record.void.reason}` : null;
}

function a5FooterBlock(doc: Pdf, record: PaymentRecord, opts: ReceiptOptions): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width, maxY } = contentBox(doc);
	const qr = 58;
	const gap = 14;
	// Keep the block (three lines beside the QR) together on one page.
	if (doc.y + qr + fontSize * 1.5 > maxY) doc.addPage();
	const top = doc.y + 2;
	const textWidth = width - qr - gap;
	doc.x = left;
	doc.y = top;
	const rows: [string, string][] = [
		['缴费方式', methodText(record)],
		['收款员', cashierText(record)]
	];
	const lineGap = fontSize * 0.35;
	for (const [label, value] of rows) {
		const labelText = `${label}：`;
		const lw = doc.widthOfString(labelText);
		const y = doc.y;
		doc.fillColor(MUTED).text(labelText, left, y, { lineBreak: false });
		doc.fillColor('#000000').text(value, left + lw, y, { width: textWidth - lw });
		doc.y += lineGap;
	}
	const v = voidText(record);
	if (v) {
		doc.fillColor(RED).text(v, left, doc.y, { width: textWidth });
		doc.fillColor('#000000');
		doc.y += lineGap;
	}
	// 收款单位（盖章）: room for the company seal, as on a paper receipt.
	const sealY = doc.y + fontSize * 0.6;
	doc.fillColor(MUTED).text('收款单位（盖章）：', left, sealY, { lineBreak: false });
	doc.text('缴款人签字：', left + textWidth / 2, sealY, { lineBreak: false });
	doc.fillColor('#000000');
	doc.y = sealY + doc.currentLineHeight();

	// QR at the right with its short code underneath.
	const qx = left + width - qr;
	drawQr(doc, opts.verifyUrl, qx, top, qr);
	const small = fontSize * 0.75;
	doc.fontSize(small).fillColor(MUTED);
	const code = formatVerifyCode(record.payment.verifyCode);
	const codeLine = `验证码 ${code}`;
	const cw = doc.widthOfString(codeLine);
	const y = doc.y;
	doc.text(codeLine, left + width - Math.max(cw, qr) + Math.max(0, (qr - cw) / 2), top + qr + 2, { lineBreak: false });
	doc.fontSize(fontSize).fillColor('#000000');
	doc.x = left;
	doc.y = Math.max(y, top + qr + small * 1.6);
}

function rollFooterBlock(doc: Pdf, record: PaymentRecord, opts: ReceiptOptions): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	const rows: [string, string][] = [
		['缴费方式', methodText(record)],
		['收款员', cashierText(record)]
	];
	drawKeyValueRows(doc, rows, { columns: 1 });
	const v = voidText(record);
	if (v) {
		doc.fillColor(RED).text(v, left, doc.y, { width });
		doc.fillColor('#000000');
	}
	const qr = 80;
	const top = doc.y + fontSize * 0.6;
	drawQr(doc, opts.verifyUrl, left + (width - qr) / 2, top, qr);
	doc.fontSize(fontSize * 0.85).fillColor(MUTED);
	doc.text(`验证码 ${formatVerifyCode(record.payment.verifyCode)}`, left, top + qr + 3, { width, align: 'center' });
	doc.fontSize(fontSize).fillColor('#000000');
	doc.x = left;
}
