import { describe, expect, it } from 'vitest';
import { parseJournalQuery, parseReconcileDay, reconcileFormSchema } from './forms';
import { parseForm } from '../forms';

const ctx = { cashierByWorkNo: new Map([['C001', 3]]), buildings: ['1', '2'] };
const q = (qs: string) => parseJournalQuery(new URL(`http://x/journal?${qs}`), '2026-12-06', ctx);

describe('parseJournalQuery', () => {
	it('defaults to this month up to today, in time order', () => {
		const r = q('');
		expect(r).toMatchObject({
			ok: true,
			query: {
				filter: { from: '2026-12-01', to: '2026-12-06', method: null, kind: null },
				order: { sort: 'time', dir: 'asc' },
				page: 1
			}
		});
	});

	it('reads every filter: the receipt search’s shared ones and its own', () => {
		const r = q(
			'from=2026-11-01&to=2026-11-30&method=wechat&cashier=c001&building=2&room=2-1&kind=void&min=10&max=1,000.5&sort=amount&page=2'
		);
		expect(r).toMatchObject({
			ok: true,
			query: {
				filter: {
					method: 'wechat',
					cashierId: 3,
					building: '2',
					room: '2-1',
					kind: 'void',
					minFen: 1000,
					maxFen: 100050
				},
				order: { sort: 'amount', dir: 'desc' },
				page: 2
			}
		});
	});

	it('refuses reversed and over-long ranges, unknown building, method or cashier, bad amounts', () => {
		const refused = (qs: string) => {
			const r = q(qs);
			expect(r.ok).toBe(false);
			return r.ok ? '' : r.message;
		};
		expect(refused('from=2026-11-30&to=2026-11-01')).toMatch(/起始日期不能晚于截止日期|start date/);
		expect(refused('from=2025-01-01&to=2026-01-02')).toMatch(/366/);
		expect(q('from=2025-01-01&to=2026-01-01').ok).toBe(true); // 366 days
		expect(refused('building=9')).toMatch(/9/);
		expect(refused('method=bitcoin')).toBeTruthy();
		expect(refused('cashier=X999')).toMatch(/X999/);
		expect(refused('min=abc')).toBeTruthy();
		expect(refused('min=20&max=10')).toBeTruthy();
		expect(refused('kind=refund')).toBeTruthy();
		expect(refused('sort=owner')).toBeTruthy();
		expect(refused('from=2026-13-01')).toBeTruthy();
	});
});

describe('reconcile forms', () => {
	it('takes only non-cash methods and days up to today', () => {
		const d = (qs: string) => parseReconcileDay(new URL(`http://x/?${qs}`), '2026-12-06');
		expect(d('')).toEqual({ ok: true, date: '2026-12-06', method: 'wechat' });
		expect(d('date=2026-12-01&method=card')).toEqual({
			ok: true,
			date: '2026-12-01',
			method: 'card'
		});
		expect(d('method=cash').ok).toBe(false);
		expect(d('method=cheque').ok).toBe(false);
		expect(d('date=2026-12-07').ok).toBe(false);
		expect(d('date=yesterday').ok).toBe(false);
	});

	it('reads a negative total, carried lines and ticks; refuses forged ones', () => {
		const key = 'k'.repeat(20);
		const ok = parseForm(reconcileFormSchema, {
			total: '-12.30',
			lines: JSON.stringify([{ line: 2, time: '', ref: 'A', amountFen: 100 }]),
			tick: 'p1,v1',
			ticks: 'given',
			formKey: key
		});
		expect(ok.ok && ok.data.total).toBe(-1230);
		expect(ok.ok && [...ok.data.tick]).toEqual(['p1', 'v1']);
		for (const bad of [
			{ total: '1.234' },
			{ lines: '{"x":1}' },
			{ lines: '[{"line":0,"time":"","ref":"","amountFen":1}]' },
			{ tick: 'p1;DROP' },
			{ ticks: 'maybe' },
			{ formKey: 'short' }
		]) {
			const r = parseForm(reconcileFormSchema, { ticks: 'auto', formKey: key, ...bad });
			expect(r.ok, JSON.stringify(bad)).toBe(false);
		}
	});
});
