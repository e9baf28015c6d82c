import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { decodeText, parseCsv, readUpload, MAX_UPLOAD_BYTES } from './read';
import { exportRegister, templateRows, writeSheet } from './export';
import { createTestDb } from '../db/test-db';
import { createFixture } from '../db/fixtures';

const enc = (s: string) => new TextEncoder().encode(s);

async function readError(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		return (e as { error: unknown }).error;
	}
	throw new Error('expected a refusal');
}

describe('decoding', () => {
	it('a GB18030 CSV (as Excel on Chinese Windows saves it) is detected and decoded', async () => {
		// "房号,姓名\r\n1-1-101,张伟\r\n" in GB18030: 房 B7BF 号 BAC5 姓 D0D5 名 C3FB 张 D5C5 伟 CEB0
		const bytes = Uint8Array.from([
			0xb7, 0xbf, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0x31, 0x2d, 0x31, 0x2d,
			0x31, 0x30, 0x31, 0x2c, 0xd5, 0xc5, 0xce, 0xb0, 0x0d, 0x0a
		]);
		expect(decodeText(bytes).encoding).toBe('gb18030');
		const grid = await readUpload(bytes, 'people.CSV');
		expect(grid).toEqual({
			format: 'csv',
			encoding: 'gb18030',
			rows: [
				['房号', '姓名'],
				['1-1-101', '张伟']
			]
		});
	});
	it('UTF-8 with a BOM: the BOM is dropped', async () => {
		const grid = await readUpload(enc('\uFEFF房号,姓名\n1-1-101,"张,伟"\n'), 'a.csv');
		expect(grid.encoding).toBe('utf-8');
		expect(grid.rows).toEqual([
			['房号', '姓名'],
			['1-1-101', '张,伟']
		]);
	});
	it('the admin may override the guess', () => {
		const bytes = enc('房号');
		expect(decodeText(bytes, 'gb18030').encoding).toBe('gb18030');
		expect(decodeText(bytes, 'gb18030').text).not.toBe('房号');
	});
	it('CSV: quotes, doubled quotes, line breaks in cells, our formula guard undone', () => {
		expect(parseCsv('a,"b ""c""","d\r\ne"\r\n\'=1,x')).toEqual([
			['a', 'b "c"', 'd\r\ne'],
			['=1', 'x']
		]);
	});
});

describe('bad files', () => {
	it('wrong type, empty, too large', async () => {
		expect(await readError(readUpload(enc('x'), 'a.pdf'))).toEqual({ code: 'bad_type' });
		expect(await readError(readUpload(enc('%PDF-1.4\0'), 'a.csv'))).toEqual({ code: 'bad_type' });
		expect(await readError(readUpload(enc('not a zip'), 'a.xlsx'))).toEqual({ code: 'bad_type' });
		expect(await readError(readUpload(new Uint8Array(0), 'a.csv'))).toEqual({ code: 'empty' });
		expect(await readError(readUpload(enc('\r\n\r\n'), 'a.csv'))).toEqual({ code: 'empty' });
		expect(await readError(readUpload(new Uint8Array(MAX_UPLOAD_BYTES + 1), 'a.csv'))).toEqual({
			code: 'too_large',
			maxMb: 10
		});
	});
	it('formula cells and merged cells in an .xlsx are refused with the cell', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('s');
		ws.addRow(['房号', '金额']);
		ws.addRow(['1-1-101', { formula: 'A1*2', result: 4 }]);
		const formula = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
		expect(await readError(readUpload(formula, 'f.xlsx'))).toEqual({ code: 'formula', cell: 'B2' });

		const wb2 = new ExcelJS.Workbook();
		const ws2 = wb2.addWorksheet('s');
		ws2.addRow(['楼栋', '单元']);
		ws2.addRow(['1', '1']);
		ws2.addRow(['', '2']);
		ws2.mergeCells('A2:A3');
		const merged = new Uint8Array((await wb2.xlsx.writeBuffer()) as ArrayBuffer);
		expect(await readError(readUpload(merged, 'm.xlsx'))).toEqual({
			code: 'merged',
			cells: 'A2:A3'
		});
	});
});

describe('xlsx cells', () => {
	it('dates, numbers, rich text and empty cells become the texts the templates parse', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('房屋');
		ws.addRow(['楼栋', '单元', '房号', '建筑面积', '交房通知日期']);
		ws.addRow([
			3,
			'2',
			{ richText: [{ text: '15' }, { text: '02' }] },
			89.5,
			new Date(Date.UTC(2024, 5, 1))
		]);
		ws.getCell('E2').numFmt = 'yyyy-mm-dd';
		ws.addRow(['4', null, '101']);
		const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
		const grid = await readUpload(bytes, 'u.xlsx');
		expect(grid.rows.slice(1)).toEqual([
			['3', '2', '1502', '89.5', '2024-06-01'],
			['4', '', '101']
		]);
	});
});

describe('export, read back', () => {
	it('an .xlsx written by the export reads back cell for cell', async () => {
		const db = createTestDb();
		const f = createFixture(db);
		const bytes = await exportRegister(db, f.communityId, 'units', 'xlsx');
		const grid = await readUpload(bytes, 'units.xlsx');
		expect(grid.format).toBe('xlsx');
		expect(grid.rows[0]).toEqual([
			'楼栋',
			'单元',
			'房号',
			'建筑面积',
			'用途',
			'状态',
			'交房通知日期',
			'接房日期'
		]);
		expect(grid.rows[1]).toEqual(['1', '1', '101', '90.00', '住宅', '已入住', '2024-06-01', '']);
		expect(grid.rows).toHaveLength(4);
	});
	it('a CSV export has a BOM and reads back as UTF-8', async () => {
		const bytes = await writeSheet('people', templateRows('people'), 'csv');
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const grid = await readUpload(bytes, 'people.csv');
		expect(grid.rows).toEqual(templateRows('people'));
	});
});
