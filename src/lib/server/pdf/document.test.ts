import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import {
	createPdf,
	contentBox,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawQr,
	drawSignatureLines,
	drawStamp,
	drawTable,
	headerLine,
	pdfToBuffer,
	MM,
	type PdfSize
} from './document.ts';
import { isFontShared } from './font-cache.ts';
import { cjkFontBytes } from './font.ts';
import { pdfInfo, pdfText } from './pdf-text.ts';

const VERIFY_URL = 'https://fd.example.cn/r/SF-2026-000123?c=7KQ2';

async function receipt(size: PdfSize, stamp?: string): Promise<Buffer> {
	const doc = createPdf({ size, title: '缴费票据 SF-2026-000123' });
	const { left, width, top } = contentBox(doc);
	drawQr(doc, VERIFY_URL, left + width - 56, top, 56);
	drawHeader(doc, {
		communityName: '阳光花园小区',
		centreName: '客户服务中心',
		title: '缴费票据',
		subtitle: '票据号 SF-2026-000123'
	});
	drawKeyValueRows(doc, [
		['房号', '3-2-1502'],
		['缴款人', '张三'],
		['日期', '2026-04-15 10:32'],
		['缴费方式', '现金']
	]);
	drawTable(doc, {
		columns: [
			{ header: '收费项目', width: 3 },
			{ header: '期间', width: 4 },
			{ header: '本金', width: 2, align: 'right' },
			{ header: '滞纳金', width: 2, align: 'right' },
			{ header: '金额', width: 2, align: 'right' }
		],
		rows: [
			['物业服务费', '26年03月至26年03月', '256.80', '20.03', '276.83'],
			['车位物业服务费', '26年03月至26年03月', '150.00', '0.00', '150.00'],
			['合计（大写）', '人民币肆佰贰拾陆元捌角叁分', '¥426.83']
		]
	});
	drawKeyValueRows(doc, [
		['实收', '¥500.00'],
		['找零', '¥73.17'],
		['收款员', '李四（工号 0012）']
	]);
	drawSignatureLines(doc, ['收款人', '缴款人']);
	if (stamp) drawStamp(doc, stamp);
	drawFooter(doc, '扫码验证票据真伪');
	return pdfToBuffer(doc);
}

/** Words on one extracted line, columns collapsed to single spaces. */
function lines(text: string): string[] {
	return text.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
}

describe('createPdf + form helpers', () => {
	it('writes a receipt whose Chinese text and amounts extract with pdftotext', async () => {
		const pdf = await receipt('A5-landscape', '作废');
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.length).toBeLessThan(40 * 1024); // subset font, compressed

		const text = pdfText(pdf);
		for (const s of [
			'阳光花园小区',
			'客户服务中心',
			'缴费票据',
			'票据号 SF-2026-000123',
			'房号：3-2-1502',
			'缴款人：张三',
			'收款员：李四（工号 0012）',
			'扫码验证票据真伪'
		]) {
			expect(text).toContain(s);
		}
		const rows = lines(text);
		expect(rows).toContain('物业服务费 26年03月至26年03月 256.80 20.03 276.83');
		expect(rows).toContain('车位物业服务费 26年03月至26年03月 150.00 0.00 150.00');
		expect(rows).toContain('合计（大写） 人民币肆佰贰拾陆元捌角叁分 ¥426.83');
		expect(rows).toContain('收费项目 期间 本金 滞纳金 金额');
		// The stamp is text, extracted once and in one piece.
		expect(text.match(/作废/g)).toHaveLength(1);

		const info = pdfInfo(pdf);
		expect(info).toMatchObject({ pages: 1, width: 595.28, height: 419.53 });
	});

	it('gives each size its page: A4 portrait, A5 landscape, 80 mm roll trimmed to its content', async () => {
		expect(pdfInfo(await receipt('A4'))).toMatchObject({ width: 595.28, height: 841.89 });
		const roll = pdfInfo(await receipt('roll80', '补打'));
		expect(roll.pages).toBe(1);
		expect(roll.width).toBeCloseTo(80 * MM, 1);
		expect(roll.height).toBeGreaterThan(100 * MM); // everything drawn is inside …
		expect(roll.height).toBeLessThan(250 * MM); // … and no metre of blank paper follows
		const text = pdfText(await receipt('roll80', '补打'));
		expect(text).toContain('补打');
		expect(text).toContain('扫码验证票据真伪');
	});

	it('breaks long tables across pages, repeating the header row and numbering the pages', async () => {
		const doc = createPdf({ size: 'A5-landscape', title: '欠费清单' });
		drawHeader(doc, {
			communityName: '阳光花园小区',
			centreName: '客户服务中心',
			title: '欠费清单'
		});
		const rows = Array.from({ length: 60 }, (_, i) => [
			`${i + 1}-1-${1001 + i}`,
			'王五',
			`${(i + 1) * 10}.00`
		]);
		drawTable(doc, {
			columns: [
				{ header: '房号', width: 2 },
				{ header: '业主', width: 2 },
				{ header: '欠费金额', width: 1, align: 'right' }
			],
			rows
		});
		drawFooter(doc, '阳光花园小区');
		const pdf = await pdfToBuffer(doc);
		const pages = pdfText(pdf)
			.split('\f')
			.filter((p) => p.trim());
		expect(pages.length).toBeGreaterThan(1);
		expect(pdfInfo(pdf).pages).toBe(pages.length);
		pages.forEach((page, i) => {
			expect(lines(page)).toContain('房号 业主 欠费金额');
			// pdftotext drops the thin spaces between digits and ideographs
			expect(page.replace(/\s/g, '')).toContain(`第${i + 1}页/共${pages.length}页`);
		});
		const all = lines(pages.join('\n'));
		for (const [room, owner, amount] of rows) expect(all).toContain(`${room} ${owner} ${amount}`);
	});

	it('draws a QR code whose modules match qrcode’s matrix', async () => {
		const doc = createPdf({ size: 'A4', title: 'qr' });
		const { modules } = QRCode.create(VERIFY_URL, { errorCorrectionLevel: 'M' });
		const n = modules.size;
		const module = 4; // pt
		drawQr(doc, VERIFY_URL, 72, 72, n * module);
		const pdf = await pdfToBuffer(doc);

		// Rasterise at 144 dpi (8 px per module) and sample every module's centre.
		const dir = mkdtempSync(join(tmpdir(), 'qr-'));
		try {
			const file = join(dir, 'qr.pdf');
			writeFileSync(file, pdf);
			const px = 2; // pixels per pt at 144 dpi
			const pgm = execFileSync('pdftoppm', [
				'-gray',
				'-r',
				'144',
				'-x',
				String(72 * px),
				'-y',
				String(72 * px),
				'-W',
				String(n * module * px),
				'-H',
				String(n * module * px),
				file
			]);
			const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 32))!;
			const w = Number(header[1]);
			const pixels = pgm.subarray(header[0].length);
			let mismatches = 0;
			for (let r = 0; r < n; r++) {
				for (let c = 0; c < n; c++) {
					const x = Math.floor((c + 0.5) * module * px);
					const y = Math.floor((r + 0.5) * module * px);
					const dark = pixels[y * w + x] < 128;
					if (dark !== Boolean(modules.get(r, c))) mismatches++;
				}
			}
			expect(mismatches).toBe(0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('keeps each document’s text mapping its own although the parsed font is shared', async () => {
		// 金 and the Kangxi radical ⾦ share one glyph; fontkit remembers the first code
		// point a glyph was looked up with. An earlier document must not change what a
		// later one extracts as.
		const first = createPdf({ size: 'A4', title: 'a' });
		first.text('⾦额 •');
		await pdfToBuffer(first);
		const second = createPdf({ size: 'A4', title: 'b' });
		second.text('金额 ·');
		const text = pdfText(await pdfToBuffer(second));
		expect(text).toContain('金额 ·');
	});

	// The gate for a pdfkit upgrade (pdfkit is pinned to an exact version for this): font-cache.ts
	// patches pdfkit and fontkit internals. If they moved, documents silently fall back to parsing
	// the font each time (correct, 3× slower); this fails so the upgrade is looked at, together
	// with the text-mapping test above.
	it('shares one parsed font across documents (pdfkit internals as font-cache.ts expects)', () => {
		createPdf({ size: 'A4', title: 'probe' });
		expect(isFontShared()).toBe(true);
	});

	it('reads the font file once per process', () => {
		expect(cjkFontBytes()).toBe(cjkFontBytes());
		expect(cjkFontBytes().length).toBeGreaterThan(1_000_000);
	});
});

describe('headerLine', () => {
	it('names a centre called after its community once', () => {
		expect(headerLine('鹿鸣溪谷', '鹿鸣溪谷管理处客户服务中心')).toBe('鹿鸣溪谷管理处客户服务中心');
	});
	it('keeps both names when the centre is named otherwise', () => {
		expect(headerLine('恒信花园', '客户服务中心')).toBe('恒信花园　客户服务中心');
		expect(headerLine('荷香苑', '荷香管理处')).toBe('荷香苑　荷香管理处');
	});
});
