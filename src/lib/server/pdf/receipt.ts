/**
 * The payment receipt (缴费票据（收据）), DOMAIN.md §2 "Receipt": A5 landscape (default) or an
 * 80 mm thermal roll (热敏小票). It prints the lines `layoutReceipt` (domain/receipt.ts) lays out,
 * one signed amount each, so every receipt adds up line by line to its total whatever it paid
 * for; a receipt that would not add up is refused rather than printed. The 补打 stamp goes where
 * nothing is printed (A5: beside the title; roll: a band of its own); 作废 covers the receipt on
 * purpose. Fixed Chinese labels live here (the receipt is a Chinese document in every UI language).
 *
 * No $app / $env imports: the bench script renders receipts too.
 */
import type { PaymentRecord } from '../ledger';
import type { Community } from '../community';
import { formatYuan, toChineseUppercase } from '../../money';
import { formatDateTimeLocal, formatDateZh, nowPartsIn } from '../../dates';
import {
	layoutReceipt,
	paidByProxy,
	receiptDifference,
	type ReceiptFacts,
	type ReceiptLayout,
	type ReceiptLine
} from '../../domain/receipt';
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
	/** Why it was reprinted, as printed (e.g. "遗失　原件丢失"); shown on reprints. */
	reprintReason?: string;
	/** What the bills table and the unit's owners add (unit price × area, vacancy, the owner's name). */
	facts?: ReceiptFacts;
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

export async function renderReceipt(
	record: PaymentRecord,
	community: ReceiptCommunity,
	opts: ReceiptOptions
): Promise<Buffer> {
	const { payment } = record;
	const roll = opts.format === 'roll';
	const r = layoutReceipt(record.lines, opts.facts?.bills);
	// Never print a receipt whose lines do not add up to what the ledger took.
	const diff = receiptDifference(r, payment.totalFen);
	if (diff !== 0)
		throw new Error(`receipt ${payment.receiptNo} does not add up (difference ${diff} fen)`);
	const doc = createPdf({
		size: roll ? 'roll80' : 'A5-landscape',
		title: `${RECEIPT_TITLE} ${payment.receiptNo}`,
		author: community.centreName
	});

	const paidAt = nowPartsIn(community.timeZone, payment.createdAt);
	const reprint = opts.reprintNo > 0 ? `补打（第${opts.reprintNo}次）` : '';
	const stampReprint = opts.reprintNo > 0 && !record.void;
	// A5: the number in red at the top right, as on a printed receipt book; the roll is too narrow.
	if (!roll) drawNumber(doc, payment.receiptNo);
	const headerTop = doc.y;
	drawHeader(doc, {
		communityName: community.name,
		centreName: community.centreName,
		title: RECEIPT_TITLE,
		subtitle:
			(roll ? [`票据号：${payment.receiptNo}`, reprint] : [reprint]).filter(Boolean).join('　') ||
			undefined
	});
	// 补打 goes where nothing is printed: A5 left of the title, the roll in a band of its own.
	if (stampReprint && !roll) stampBesideTitle(doc, headerTop);
	if (stampReprint && roll) stampBand(doc);

	drawKeyValueRows(doc, whoRows(record, opts.facts?.ownerNames ?? [], paidAt), {
		columns: roll ? 1 : 2
	});
	doc.y += 2;

	if (roll) rollTable(doc, r);
	else a5Table(doc, r);

	if (roll) {
		drawWorkings(doc, r, true, payment.receiptNo, false);
		rollFooterBlock(doc, record, opts);
	} else {
		// Method, cashier, seal and QR right under the amounts: a long working (a year of arrears)
		// may run onto a second page, but never pushes what makes it a receipt off the first.
		a5FooterBlock(doc, record, opts);
		drawWorkings(doc, r, false, payment.receiptNo, stampReprint);
	}

	// 作废 is meant to cover the receipt: a voided receipt must not pass for a valid one.
	if (record.void) stampEveryPage(doc, '作废');

	const printed =
		opts.reprintNo > 0 && opts.printedAt
			? `　补打时间 ${formatDateTimeLocal(opts.printedAt, community.timeZone)}`
			: '';
	const why = opts.reprintNo > 0 && opts.reprintReason ? `　补打原因 ${opts.reprintReason}` : '';
	drawFooter(doc, `本票据为缴费凭证，请妥善保管；扫描二维码可查验真伪${printed}${why}`);
	return pdfToBuffer(doc);
}

/** 房号, 业主, 缴款人 (marked 代缴 when someone else paid for the owner) and the time. */
function whoRows(
	record: PaymentRecord,
	ownerNames: string[],
	paidAt: { date: string; time: string }
): [string, string][] {
	const payer = record.payment.payerName.trim();
	const proxy = paidByProxy(payer, ownerNames);
	const rows: [string, string][] = [['房号', record.unitCode ?? '—']];
	if (ownerNames.length) rows.push(['业主', ownerNames.join('、')]);
	rows.push(
		['缴款人', proxy ? `${payer}（代缴）` : payer],
		['收款时间', `${formatDateZh(paidAt.date)} ${paidAt.time}`]
	);
	return rows;
}

/** The 作废 mark on every page, so no page of a long receipt passes for a valid original. */
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

const STAMP_TILT = (18 * Math.PI) / 180;

/** Width and height of the tilted 补打 stamp at `size` (its box as drawStamp draws it, rotated). */
function stampExtent(doc: Pdf, size: number): { w: number; h: number } {
	const fs = pdfSpec(doc).fontSize;
	doc.fontSize(size);
	const boxW = doc.widthOfString('补打') + size * 0.8;
	const boxH = size * 1.5;
	doc.fontSize(fs);
	return {
		w: boxW * Math.cos(STAMP_TILT) + boxH * Math.sin(STAMP_TILT),
		h: boxW * Math.sin(STAMP_TILT) + boxH * Math.cos(STAMP_TILT)
	};
}

/** A5: in the header, between the left margin and the title (no figures there). */
function stampBesideTitle(doc: Pdf, headerTop: number): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	doc.fontSize(fontSize * 1.75);
	const titleLeft = left + (width - doc.widthOfString(RECEIPT_TITLE)) / 2;
	doc.fontSize(fontSize);
	const size = fontSize * 2.2;
	const { w, h } = stampExtent(doc, size);
	const bandTop = headerTop;
	const bandBottom = Math.max(doc.y, headerTop + h);
	drawStamp(doc, '补打', {
		cx: Math.min(left + w / 2 + fontSize, titleLeft - w / 2 - fontSize),
		cy: (bandTop + bandBottom) / 2,
		size
	});
}

/** Roll: a band of its own under the header; the rest of the receipt prints below it. */
function stampBand(doc: Pdf): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	const size = fontSize * 2.6;
	const { h } = stampExtent(doc, size);
	const top = doc.y;
	drawStamp(doc, '补打', { cx: left + width / 2, cy: top + h / 2 + 2, size });
	doc.y = top + h + 4;
}

function drawNumber(doc: Pdf, receiptNo: string): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width, top } = contentBox(doc);
	const { x, y } = doc;
	doc.fontSize(fontSize * 1.15).fillColor(RED);
	const text = `No. ${receiptNo}`;
	doc.text(text, left + width - doc.widthOfString(text), top + fontSize * 1.9, {
		lineBreak: false
	});
	doc.fontSize(fontSize).fillColor('#000000');
	doc.x = x;
	doc.y = y;
}

// ---------------------------------------------------------------- tables

/** A line's name as printed: lines that explain the line above are indented. */
const lineName = (l: ReceiptLine) => (l.sub ? `　${l.nameZh}` : l.nameZh);
/** Signed amount: a waiver or credit prints with a minus sign. */
const signed = (fen: number) => (fen < 0 ? `-${amt(-fen)}` : amt(fen));

/** "其中押金（可退）2,100.00元" when a receipt holds deposits beside other money. */
function depositNote(r: ReceiptLayout): string {
	return r.depositFen > 0 && r.depositFen !== r.totalFen
		? `其中押金（可退）${amt(r.depositFen)}元`
		: '';
}

/**
 * One amount column: every line (principal, late fee, waiver, credit, deposit, charge) carries
 * its own signed amount and the lines sum to 合计, whatever the payment was for.
 */
function a5Table(doc: Pdf, r: ReceiptLayout): void {
	const columns: TableColumn[] = [
		{ header: '收费项目', width: 2.8 },
		{ header: '收费期间', width: 3.5, align: 'center' },
		{ header: '计费说明', width: 7.2 },
		{ header: '金额（元）', width: 2.0, align: 'right' }
	];
	const rows = r.lines.map((l) => [lineName(l), l.period || '—', l.noteZh, signed(l.amountFen)]);
	rows.push(['合计', depositNote(r), amt(r.totalFen)]);
	rows.push(['金额（大写）', toChineseUppercase(r.totalFen), formatYuan(r.totalFen)]);
	drawTable(doc, { columns, rows });
}

/**
 * The roll is 72 mm wide: each line prints its name with the amount at the right, then its
 * period and note on a full-width line.
 */
function rollTable(doc: Pdf, r: ReceiptLayout): void {
	const columns: TableColumn[] = [
		{ header: '收费项目', width: 2.6 },
		{ header: '金额（元）', width: 1, align: 'right' }
	];
	const rows: string[][] = [];
	for (const l of r.lines) {
		rows.push([lineName(l), signed(l.amountFen)]);
		const indent = l.sub ? '　　' : '　';
		const more = [l.period, l.noteZh].filter(Boolean).map((t) => indent + t);
		if (more.length) rows.push([more.join('\n')]);
	}
	drawTable(doc, { columns, rows });
	const kv: [string, string][] = [['合计', formatYuan(r.totalFen)]];
	const dep = depositNote(r);
	if (dep) kv.push(['其中押金（可退）', formatYuan(r.depositFen)]);
	kv.push(['大写', toChineseUppercase(r.totalFen)]);
	drawKeyValueRows(doc, kv, { columns: 1 });
}

/**
 * 滞纳金计算: one entry per bill, e.g. "2026年03月物业服务费：逾期26天 × ¥256.80 × 3‰ = ¥20.03".
 * Two columns on A5 when there are several bills; rows that do not fit continue on a new page
 * under "票据号 SF-… 滞纳金计算（续）" (with room for the 补打 stamp beside it on a reprint).
 */
function drawWorkings(
	doc: Pdf,
	r: ReceiptLayout,
	roll: boolean,
	receiptNo: string,
	stampReprint: boolean
): void {
	if (r.workings.length === 0) return;
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	const fs = fontSize * (roll ? 0.85 : 0.8);
	const rate = r.ratePerMille ?? 3;
	const heading = `滞纳金计算（逾期每日按应缴金额的${rate}‰计收）：`;
	doc.y += roll ? 0 : fontSize * 0.3;
	doc.fontSize(fs).fillColor('#000000');
	doc.text(heading, left, doc.y, { width });
	const entries = r.workings.map((w) =>
		(roll
			? [w.label, ...w.lines.map((l) => '  ' + l)]
			: [`${w.label}：${w.lines.join('；')}`]
		).join('\n')
	);
	const cols = !roll && entries.length > 2 ? 2 : 1;
	const colWidth = width / cols;
	const textWidth = colWidth - fs * 1.5;
	doc.fillColor(MUTED);
	for (let i = 0; i < entries.length; i += cols) {
		const row = entries.slice(i, i + cols);
		const height = Math.max(...row.map((e) => doc.heightOfString(e, { width: textWidth })));
		if (!roll && doc.y + height > contentBox(doc).maxY) {
			doc.addPage();
			const top = doc.y;
			doc
				.fontSize(fs)
				.fillColor('#000000')
				.text(`票据号 ${receiptNo}　${heading.replace('：', '（续）：')}`, left, top, {
					width: width * 0.7
				});
			if (stampReprint) {
				// The stamp sits at the right of the heading, in a band the workings start below.
				const size = fontSize * 2.2;
				const { w, h } = stampExtent(doc, size);
				drawStamp(doc, '补打', { cx: left + width - w / 2 - fontSize, cy: top + h / 2, size });
				doc.y = Math.max(doc.y, top + h + 2);
			}
			doc.fontSize(fs).fillColor(MUTED);
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

const cashierText = (record: PaymentRecord) =>
	`${record.cashier.displayName}（工号 ${record.cashier.workNo}）`;

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
	doc.text(codeLine, left + width - Math.max(cw, qr) + Math.max(0, (qr - cw) / 2), top + qr + 2, {
		lineBreak: false
	});
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
	doc.text(`验证码 ${formatVerifyCode(record.payment.verifyCode)}`, left, top + qr + 3, {
		width,
		align: 'center'
	});
	doc.fontSize(fontSize).fillColor('#000000');
	doc.x = left;
}
