/**
 * Import preview timings for `npm run bench` (issue 13 "Import and export"): a 20 000-row file
 * previews in ≤ 5 s. Two files on the benchmark community: 业主与住户 as .xlsx (two people per
 * unit: the owner on record, unchanged, and a new household member; 1 % malformed phones) and
 * 期初欠费 as GB18030 CSV (two months per unit, looked up among the community's 1.2 M bills).
 * Preview only: nothing is written.
 */
import ExcelJS from 'exceljs';
import { analyseImport } from '../../src/lib/server/import/service.ts';
import { TEMPLATES } from '../../src/lib/domain/import.ts';
import { timedAsync } from './report.ts';
import { encodeGb18030 } from './gb18030.ts';
import type { BenchCase, BenchContext } from './cases.ts';

const ROWS = 20_000;

async function peopleXlsx(ctx: BenchContext): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('业主与住户');
	ws.addRow(TEMPLATES.people.columns.map((c) => c.header));
	for (let i = 0; i < ROWS; i++) {
		const u = ctx.units[Math.floor(i / 2) % ctx.units.length];
		const phone = i % 100 === 99 ? '1380000' : `139${String(i).padStart(8, '0')}`;
		ws.addRow(
			i % 2 === 0
				? [u.code, u.ownerName, '业主', u.phone, '', '', '']
				: [u.code, `家属${i}`, '家庭成员', phone, '', '', '2024-01-01']
		);
	}
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function arrearsCsv(ctx: BenchContext): Uint8Array {
	const lines = [TEMPLATES.opening_bills.columns.map((c) => c.header).join(',')];
	for (let i = 0; i < ROWS; i++) {
		const u = ctx.units[Math.floor(i / 2) % ctx.units.length];
		lines.push(
			`${u.code},物业服务费,${i % 2 ? '2020-01' : '2020-02'},${(100 + (i % 50)).toFixed(2)},`
		);
	}
	// GB18030 as Excel on Chinese Windows saves it: encode through the decoder's inverse table.
	return encodeGb18030(lines.join('\r\n') + '\r\n');
}

export const importCase: BenchCase = {
	id: 'import',
	title: '导入预览 import preview, 20 000 rows',
	async run(ctx) {
		const { db, info } = ctx;
		const files = [
			{ label: '业主与住户 .xlsx', bytes: await peopleXlsx(ctx), fileName: 'people.xlsx' },
			{ label: '期初欠费 GB18030 .csv', bytes: arrearsCsv(ctx), fileName: 'arrears.csv' }
		];
		const figures = [];
		const notes: string[] = [];
		for (const f of files) {
			const [a, ms] = await timedAsync(() =>
				analyseImport(db, info.communityId, { bytes: f.bytes, fileName: f.fileName }, info.today)
			);
			figures.push({ label: `${f.label} (${a.rows} rows)`, value: ms / 1000, unit: 's', max: 5 });
			notes.push(
				`${f.label}: ${(f.bytes.length / 1024 / 1024).toFixed(1)} MB, ${a.encoding ?? 'xlsx'}, ` +
					`add ${a.add.length}, change ${a.change.length}, unchanged ${a.same}, refused ${a.refused.length}`
			);
		}
		return { figures, note: notes.join('; ') };
	}
};
