import { describe, it, expect } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/server/forms';
import { multiPaySchema, receiptSearchSchema } from './forms';

const ctx = { currentYear: 2026, cashierByWorkNo: new Map([['C001', 7]]) };
const search = (q: Record<string, string>) => parseForm(receiptSearchSchema(ctx), q);

describe('receipt search query string', () => {
	it('reads every filter, folding full-width input; empty fields filter nothing', () => {
		expect(
			search({
				no: '１２３',
				room: '２ １ ３０１',
				name: ' 张伟 ',
				phone: '0001',
				from: '2026-10-01',
				to: '2026-10-31',
				method: 'wechat',
				cashier: 'c001',
				page: '2'
			})
		).toEqual({
			ok: true,
			data: {
				no: 'SF-2026-000123',
				room: '2-1-301',
				name: '张伟',
				phone: '0001',
				from: '2026-10-01',
				to: '2026-10-31',
				method: 'wechat',
				cashier: 7,
				page: 2
			}
		});
		expect(search({})).toEqual({
			ok: true,
			data: {
				no: null,
				room: null,
				name: null,
				phone: null,
				from: null,
				to: null,
				method: null,
				cashier: null,
				page: 1
			}
		});
	});

	it('a reversed date range is refused on the end date', () => {
		const r = search({ from: '2026-11-02', to: '2026-11-01' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toEqual({ to: m.unitfile_search_reversed() });
	});

	it('an unknown cashier, a non-numeric phone tail, a bad date, method or receipt number', () => {
		const r = search({
			cashier: 'X999',
			phone: '12ab',
			from: '2026-02-30',
			method: 'bitcoin',
			no: 'abc'
		});
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.errors).toEqual({
				cashier: m.unitfile_search_unknown_cashier({ workNo: 'X999' }),
				phone: m.unitfile_search_bad_phone(),
				from: m.unitfile_search_bad_date(),
				method: m.unitfile_search_bad_method(),
				no: m.receipts_invalid_no()
			});
	});

	it('a phone tail of 3 or 12 digits, an over-long room and a bad page are refused', () => {
		for (const q of [
			{ phone: '123' },
			{ phone: '123456789012' },
			{ room: 'x'.repeat(21) },
			{ page: '0' },
			{ page: 'x' }
		] as Record<string, string>[])
			expect(search(q).ok, JSON.stringify(q)).toBe(false);
	});
});

describe('multi-unit payment form', () => {
	const idem = '0f8fad5b-d9cb-469f-a165-70867728950e';
	it('reads the ticked bills and late fees, the method and the confirmed total', () => {
		const form = new FormData();
		for (const [k, v] of [
			['bill', '11'],
			['bill', '12'],
			['late', '11'],
			['method', 'wechat'],
			['methodRef', 'WX1'],
			['payerName', '张伟'],
			['idem', idem],
			['expectedTotal', '12345']
		])
			form.append(k, v);
		const r = parseForm(multiPaySchema(true), form);
		expect(r.ok).toBe(true);
		if (r.ok)
			expect(r.data).toMatchObject({
				billIds: [11, 12],
				lateIds: [11],
				method: 'wechat',
				methodRef: 'WX1',
				payerName: '张伟',
				idempotencyKey: idem,
				expectedTotalFen: 12345
			});
	});
	it('no bill ticked, a tampered id or a stale key are refused under _form', () => {
		const r = parseForm(multiPaySchema(false), { method: 'wechat', methodRef: 'W', idem });
		expect(r.ok === false && r.errors._form).toBe(m.ledger_nothing_selected());
		const t = parseForm(multiPaySchema(false), {
			bill: '1,x',
			method: 'wechat',
			methodRef: 'W',
			idem
		});
		expect(t.ok === false && t.errors._form).toBe(m.fees_error_form());
		const k = parseForm(multiPaySchema(false), {
			bill: '1',
			method: 'wechat',
			methodRef: 'W',
			idem: 'x'
		});
		expect(k.ok === false && k.errors._form).toBe(m.form_stale());
	});
});
