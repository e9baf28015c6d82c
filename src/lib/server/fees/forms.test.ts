import { describe, it, expect } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { readPaymentForm } from './form';
import { billingRunSchema, rateSchema } from './forms';
import { parseForm } from '../forms';
import { MAX_RATE_FEN } from '../../domain/billing';

const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
	return f;
};
const ok = {
	bill: ['11', '12'],
	late: ['3'],
	prepay: '2',
	method: 'cash',
	tendered: '500',
	payerName: ' 王五 ',
	idem: 'abcdefgh-1234'
};

describe('fee payment form', () => {
	it('reads bills, prepay, the method and the payer', () => {
		const r = readPaymentForm(form(ok), false);
		expect(r).toMatchObject({
			ok: true,
			data: {
				billIds: [11, 12],
				lateIds: [3],
				prepay: 2,
				method: 'cash',
				tenderedFen: 50000,
				methodRef: '',
				bank: '',
				payerName: '王五',
				idempotencyKey: 'abcdefgh-1234',
				expectedTotalFen: undefined
			}
		});
		expect(readPaymentForm(form({ ...ok, expectedTotal: '12345' }), true)).toMatchObject({
			ok: true,
			data: { expectedTotalFen: 12345 }
		});
	});

	it('names the fields as the shared method fields do and refuses a missing reference', () => {
		expect(readPaymentForm(form({ ...ok, method: 'wechat', tendered: '' }), false)).toMatchObject({
			ok: false,
			errors: { methodRef: m.ledger_ref_required() }
		});
		expect(
			readPaymentForm(form({ ...ok, method: 'wechat', methodRef: 'W1' }), false)
		).toMatchObject({
			ok: true,
			data: { methodRef: 'W1', tenderedFen: null }
		});
	});

	it('refuses bad prepay, a missing payer, and tampered bills, key or total (form-level)', () => {
		const r = readPaymentForm(form({ ...ok, prepay: '37', payerName: '', tendered: 'abc' }), false);
		expect(r).toMatchObject({
			ok: false,
			errors: {
				prepay: m.fees_error_bad_prepay(),
				payerName: m.fees_error_payer_missing(),
				tendered: m.ledger_amount_invalid()
			},
			values: { prepay: '37' }
		});
		expect(readPaymentForm(form({ ...ok, payerName: 'x'.repeat(101) }), false)).toMatchObject({
			ok: false,
			errors: { payerName: m.fees_error_payer_too_long() }
		});
		for (const bad of [{ bill: ['1x'] }, { late: ['-1'] }, { idem: 'short' }]) {
			expect(readPaymentForm(form({ ...ok, ...bad }), false)).toEqual(
				expect.objectContaining({ ok: false, errors: { _form: m.fees_error_form() } })
			);
		}
		expect(readPaymentForm(form(ok), true)).toMatchObject({
			ok: false,
			errors: { _form: m.fees_error_form() }
		});
		expect(readPaymentForm(form({ ...ok, expectedTotal: '1.5' }), true)).toMatchObject({
			ok: false,
			errors: { _form: m.fees_error_form() }
		});
	});
});

describe('billing run and rate forms', () => {
	const fd = (fields: Record<string, string>) => form(fields);
	it('the run month: valid, from 2000, next month at the latest', () => {
		expect(
			parseForm(
				billingRunSchema('2026-11'),
				fd({ month: ' 2026-12 ', confirmed: '1', building: '3' })
			)
		).toEqual({ ok: true, data: { month: '2026-12', confirmed: true, building: '3' } });
		expect(parseForm(billingRunSchema('2026-11'), fd({ month: '2026-11' }))).toMatchObject({
			ok: true,
			data: { confirmed: false, building: '' }
		});
		for (const month of ['2027-01', '1999-12', '2026-13', 'abc', ''])
			expect(parseForm(billingRunSchema('2026-11'), fd({ month }))).toMatchObject({
				ok: false,
				errors: { month: m.fees_billing_bad_month() }
			});
	});
	it('a rate: item id, a month from this one on, a positive amount within the maximum', () => {
		expect(
			parseForm(rateSchema('2026-11'), fd({ item: '4', from: '2026-11', rate: '2.50' }))
		).toEqual({ ok: true, data: { item: 4, from: '2026-11', rate: 250 } });
		expect(
			parseForm(rateSchema('2026-11'), fd({ item: 'x', from: '2026-10', rate: '0' }))
		).toMatchObject({
			ok: false,
			errors: {
				item: expect.any(String),
				from: m.fees_rates_past_month(),
				rate: m.ledger_amount_zero()
			}
		});
		expect(
			parseForm(
				rateSchema('2026-11'),
				fd({ item: '4', from: '11/2026', rate: String(MAX_RATE_FEN / 100 + 1) })
			)
		).toMatchObject({
			ok: false,
			errors: { from: m.fees_billing_bad_month(), rate: m.fees_rates_too_large() }
		});
	});
});
