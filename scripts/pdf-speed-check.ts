/**
 * How long one receipt-sized PDF takes and how big it is.
 *   npx tsx scripts/pdf-speed-check.ts [runs]
 * Prints, per page size: the first document (the first size's includes reading and
 * parsing the font), the warm median wall time over the following runs (and the
 * median CPU time, which a busy machine disturbs less), and the PDF size.
 * Budget (DESIGN.md): ≤ 15 ms warm median, ≤ 40 KB for a receipt.
 */
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawQr,
	drawSignatureLines,
	drawStamp,
	drawTable,
	contentBox,
	pdfToBuffer,
	type PdfSize
} from '../src/lib/server/pdf/document.ts';

export async function sampleReceipt(size: PdfSize, stamp?: string): Promise<Buffer> {
	const roll = size === 'roll80';
	const doc = createPdf({ size, title: '缴费票据 SF-2026-000123' });
	const { left, width, top } = contentBox(doc);
	const qr = roll ? 72 : 56;
	if (!roll) drawQr(doc, VERIFY_URL, left + width - qr, top, qr); // top-right corner
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
	drawTable(
		doc,
		roll
			? {
					columns: [
						{ header: '项目／期间', width: 5 },
						{ header: '滞纳金', width: 2, align: 'right' },
						{ header: '金额', width: 2.4, align: 'right' }
					],
					rows: [
						['物业服务费 26年03月至26年03月', '20.03', '276.83'],
						['车位物业服务费 26年03月至26年03月', '0.00', '150.00'],
						['合计', '¥426.83']
					]
				}
			: {
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
				}
	);
	drawKeyValueRows(doc, [
		...(roll ? [['大写', '人民币肆佰贰拾陆元捌角叁分'] as [string, string]] : []),
		['实收', '¥500.00'],
		['找零', '¥73.17'],
		['收款员', '李四（工号 0012）']
	]);
	if (roll) {
		const y = doc.y + 6;
		drawQr(doc, VERIFY_URL, left + (width - qr) / 2, y, qr);
		doc.y = y + qr + 4;
	}
	drawSignatureLines(doc, ['收款人', '缴款人']);
	if (stamp) drawStamp(doc, stamp);
	drawFooter(doc, '扫码验证票据真伪　本票据由系统打印');
	return pdfToBuffer(doc);
}

const VERIFY_URL = 'https://fd.example.cn/r/SF-2026-000123?c=7KQ2';

async function main() {
	const runs = Number(process.argv[2] ?? 50);
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
	for (const size of ['A5-landscape', 'roll80', 'A4'] as PdfSize[]) {
		let t = performance.now();
		let bytes = (await sampleReceipt(size, '补打')).length;
		const first = performance.now() - t;
		const wall: number[] = [];
		const cpu: number[] = [];
		for (let i = 0; i < runs; i++) {
			t = performance.now();
			const c = process.cpuUsage();
			bytes = (await sampleReceipt(size, '补打')).length;
			const used = process.cpuUsage(c);
			wall.push(performance.now() - t);
			cpu.push((used.user + used.system) / 1000);
		}
		console.log(
			`${size.padEnd(13)} first ${first.toFixed(1)} ms  warm median ${median(wall).toFixed(2)} ms (cpu ${median(cpu).toFixed(2)} ms)  ${bytes} bytes`
		);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
