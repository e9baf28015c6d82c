import { describe, expect, it } from 'vitest';
import { BOM, csvCell, toCsv } from './csv';

// The one CSV writer (moved from tickets/csv.ts): the tickets export and the daily report use it.
describe('CSV', () => {
	it('BOM, quoting, no formulas', () => {
		const csv = toCsv([
			['工单号', '内容'],
			['BS-2026-000001', '漏水, "很急"\n请尽快'],
			['x', '=HYPERLINK("http://evil")']
		]);
		expect(csv.startsWith('\uFEFF工单号,内容\r\n')).toBe(true);
		expect(csv).toContain('"漏水, ""很急""\n请尽快"');
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
	});
	it('CRLF after every row; empty cells for null; every formula start guarded', () => {
		expect(toCsv([['a', null, undefined, 0]])).toBe(BOM + 'a,,,0\r\n');
		expect(['=1', '+1', '-1', '@x', '\tx'].map(csvCell)).toEqual([
			"'=1",
			"'+1",
			"'-1",
			"'@x",
			"'\tx"
		]);
		expect(csvCell('\rx')).toBe(`"'\rx"`);
	});
});
