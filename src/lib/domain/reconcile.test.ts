import { describe, it, expect } from 'vitest';
import {
	MAX_STATEMENT_LINES,
	parseStatement,
	reconcile,
	type ReconcileEntry,
	type StatementLine
} from './reconcile';

const receipt = (id: number, amountFen: number, ref = '', at = id): ReconcileEntry => ({
	key: `p${id}`,
	kind: 'receipt',
	receiptNo: `SF-2026-${String(id).padStart(6, '0')}`,
	ref,
	amountFen,
	at
});
const voidOf = (r: ReconcileEntry, at: number): ReconcileEntry => ({
	...r,
	key: r.key.replace('p', 'v'),
	kind: 'void',
	amountFen: -r.amountFen,
	at
});
const line = (n: number, amountFen: number, ref = ''): StatementLine => ({
	line: n,
	time: '',
	ref,
	amountFen
});

describe('reconcile', () => {
	it('pairs by exact reference first, any case and spaces, whatever the order', () => {
		const a = receipt(1, 10000, '4200001234');
		const b = receipt(2, 10000, 'wx-99');
		const r = reconcile([a, b], [line(2, 10000, ' WX-99 '), line(3, 10000, '4200001234')]);
		expect(r.pairs.map((p) => [p.entry.key, p.line?.line, p.by])).toEqual([
			['p1', 3, 'ref'],
			['p2', 2, 'ref']
		]);
		expect(r.openEntries).toEqual([]);
		expect(r.openLines).toEqual([]);
		expect(r.differenceFen).toBe(0);
	});

	it('a reference pair with another amount shows its difference, and the day’s total differs', () => {
		const r = reconcile([receipt(1, 12300, 'T1')], [line(2, 12000, 'T1')]);
		expect(r.pairs[0]).toMatchObject({ by: 'ref', differenceFen: -300 });
		expect(r.entriesFen).toBe(12300);
		expect(r.statementFen).toBe(12000);
		expect(r.differenceFen).toBe(-300);
	});

	it('pairs by amount only when no reference matches: ¥88.00 with no number on the receipt', () => {
		const r = reconcile([receipt(1, 8800)], [line(2, 8800, '420000777')]);
		expect(r.pairs.map((p) => p.by)).toEqual(['amount']);
		expect(r.differenceFen).toBe(0);
	});

	it('duplicates: two receipts of ¥100 and one line of ¥100 leave the later receipt open', () => {
		const early = receipt(1, 10000, '', 1000);
		const late = receipt(2, 10000, '', 2000);
		const r = reconcile([late, early], [line(2, 10000)]);
		expect(r.pairs.map((p) => p.entry.key)).toEqual(['p1']);
		expect(r.openEntries.map((e) => e.key)).toEqual(['p2']);
		expect(r.differenceFen).toBe(-10000);
	});

	it('duplicates: two lines of ¥50 and one receipt leave the later line open', () => {
		const r = reconcile([receipt(1, 5000)], [line(2, 5000), line(3, 5000)]);
		expect(r.pairs[0].line?.line).toBe(2);
		expect(r.openLines.map((l) => l.line)).toEqual([3]);
		expect(r.differenceFen).toBe(5000);
	});

	it('a void pairs with the provider’s refund under the same number, by sign', () => {
		const a = receipt(1, 20000, 'T7', 1);
		const v = voidOf(a, 5);
		const r = reconcile([a, v], [line(2, 20000, 'T7'), line(3, -20000, 'T7')]);
		expect(r.pairs.map((p) => [p.entry.key, p.line?.line])).toEqual([
			['p1', 2],
			['v1', 3]
		]);
		expect(r.entriesFen).toBe(0);
		expect(r.differenceFen).toBe(0);
	});

	it('a void the provider never refunded stays open, and the day is ¥200 over', () => {
		const a = receipt(1, 20000, 'T7', 1);
		const r = reconcile([a, voidOf(a, 5)], [line(2, 20000, 'T7')]);
		expect(r.openEntries.map((e) => e.key)).toEqual(['v1']);
		expect(r.differenceFen).toBe(20000);
	});

	it('an empty statement leaves every receipt open; an entered total gives the difference', () => {
		const r = reconcile([receipt(1, 10000), receipt(2, 2550)], []);
		expect(r.pairs).toEqual([]);
		expect(r.openEntries).toHaveLength(2);
		expect(r.statementFen).toBe(0);
		expect(r.differenceFen).toBe(-12550);
		const entered = reconcile([receipt(1, 10000), receipt(2, 2550)], [], 12550);
		expect(entered.differenceFen).toBe(0);
	});

	it('no receipts and an empty statement agree', () => {
		const r = reconcile([], []);
		expect(r).toMatchObject({ entriesFen: 0, statementFen: 0, differenceFen: 0, pairs: [] });
	});

	it('ticks are the final word: an untick frees the line, a tick without a line is manual', () => {
		const a = receipt(1, 10000, 'T1');
		const b = receipt(2, 3000);
		const r = reconcile([a, b], [line(2, 10000, 'T1')], null, new Set(['p2']));
		expect(r.pairs.map((p) => [p.entry.key, p.by, p.line])).toEqual([['p2', 'manual', null]]);
		expect(r.openEntries.map((e) => e.key)).toEqual(['p1']);
		expect(r.openLines.map((l) => l.line)).toEqual([2]);
		// The difference is about money, not ticks.
		expect(r.differenceFen).toBe(-3000);
	});
});

describe('parseStatement', () => {
	it('reads 时间,交易单号,金额 with refunds and blank rows', () => {
		const r = parseStatement([
			['时间', '交易单号', '金额'],
			['2026-12-01 09:30:00', '420000001', '100.00'],
			['', '', ''],
			['2026-12-01 10:00:00', '420000002', '¥1,234.5'],
			['2026-12-01 11:00:00', '420000001', '-100']
		]);
		expect(r).toEqual({
			ok: true,
			lines: [
				{ line: 2, time: '2026-12-01 09:30:00', ref: '420000001', amountFen: 10000 },
				{ line: 4, time: '2026-12-01 10:00:00', ref: '420000002', amountFen: 123450 },
				{ line: 5, time: '2026-12-01 11:00:00', ref: '420000001', amountFen: -10000 }
			]
		});
	});

	it('takes the English header in any order, time optional', () => {
		const r = parseStatement([
			['Amount', 'Reference'],
			['12.30', 'A1']
		]);
		expect(r).toEqual({ ok: true, lines: [{ line: 2, time: '', ref: 'A1', amountFen: 1230 }] });
	});

	it('refuses a file without the columns, a bad amount (with its line), an empty file', () => {
		expect(parseStatement([['a', 'b', 'c']])).toEqual({
			ok: false,
			code: 'statement_header',
			line: 1
		});
		expect(
			parseStatement([
				['时间', '交易单号', '金额'],
				['', 'X', '12.345']
			])
		).toEqual({ ok: false, code: 'statement_amount', line: 2 });
		expect(
			parseStatement([
				['时间', '交易单号', '金额'],
				['', 'X', '0']
			])
		).toMatchObject({ code: 'statement_amount' });
		expect(parseStatement([])).toEqual({ ok: false, code: 'statement_empty' });
		expect(parseStatement([['时间', '交易单号', '金额']])).toEqual({
			ok: false,
			code: 'statement_empty'
		});
	});

	it('refuses markup in a cell and too many lines', () => {
		expect(
			parseStatement([
				['交易单号', '金额'],
				['<script>', '1']
			])
		).toEqual({ ok: false, code: 'statement_cell', line: 2 });
		const many = [
			['交易单号', '金额'],
			...Array.from({ length: MAX_STATEMENT_LINES + 1 }, () => ['x', '1'])
		];
		expect(parseStatement(many)).toEqual({ ok: false, code: 'statement_too_many' });
	});
});
