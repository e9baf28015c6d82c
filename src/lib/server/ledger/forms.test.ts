import { describe, it, expect } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '../forms';
import { methodSchema, parseMethodFields, amountMessage } from './forms';

const IDEM = '123e4567-e89b-12d3-a456-426614174000';
const fd = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};
const parse = (fields: Record<string, string>) => parseMethodFields(fd({ idem: IDEM, ...fields }));
const errorsOf = (fields: Record<string, string>) => {
	const r = parse(fields);
	return r.ok ? {} : r.errors;
};

describe('payment-method fields (discriminated union on method)', () => {
	it('cash: the amount received, parsed to fen; reference and bank dropped', () => {
		expect(
			parse({ method: 'cash', tendered: '120.50', methodRef: 'x', bank: 'y', payerName: ' 张三 ' })
		).toEqual({
			ok: true,
			data: {
				method: 'cash',
				tenderedFen: 12050,
				methodRef: '',
				bank: '',
				payerName: '张三',
				idempotencyKey: IDEM
			}
		});
	});

	it('cash: missing, zero, negative, three decimals, non-numeric or huge amounts are refused with the amount message', () => {
		expect(errorsOf({ method: 'cash' })).toEqual({ tendered: m.ledger_amount_empty() });
		expect(errorsOf({ method: 'cash', tendered: '' })).toEqual({
			tendered: m.ledger_amount_empty()
		});
		expect(errorsOf({ method: 'cash', tendered: '0' })).toEqual({
			tendered: m.ledger_amount_zero()
		});
		expect(errorsOf({ method: 'cash', tendered: '-5' })).toEqual({
			tendered: m.ledger_amount_negative()
		});
		expect(errorsOf({ method: 'cash', tendered: '1.005' })).toEqual({
			tendered: m.ledger_amount_decimals()
		});
		expect(errorsOf({ method: 'cash', tendered: '12abc' })).toEqual({
			tendered: amountMessage('not_a_number')
		});
		expect(errorsOf({ method: 'cash', tendered: '1e9' })).toEqual({
			tendered: m.ledger_amount_invalid()
		});
		expect(errorsOf({ method: 'cash', tendered: '999999999999' })).toEqual({
			tendered: m.ledger_amount_too_large()
		});
	});

	it.each(['cheque', 'card', 'wechat', 'alipay'] as const)(
		'%s: needs a reference (trimmed), bank ignored',
		(method) => {
			expect(parse({ method, methodRef: ' R-1 ', bank: 'ICBC' })).toMatchObject({
				ok: true,
				data: { method, tenderedFen: null, methodRef: 'R-1', bank: '' }
			});
			expect(errorsOf({ method })).toEqual({ methodRef: m.ledger_ref_required() });
			expect(errorsOf({ method, methodRef: '   ' })).toEqual({
				methodRef: m.ledger_ref_required()
			});
		}
	);

	it('transfer: needs bank and reference', () => {
		expect(parse({ method: 'transfer', methodRef: 'T9', bank: ' 工商银行 ' })).toMatchObject({
			ok: true,
			data: { method: 'transfer', methodRef: 'T9', bank: '工商银行' }
		});
		expect(errorsOf({ method: 'transfer' })).toEqual({
			bank: m.ledger_bank_required(),
			methodRef: m.ledger_ref_required()
		});
		expect(errorsOf({ method: 'transfer', bank: 'B' })).toEqual({
			methodRef: m.ledger_ref_required()
		});
	});

	it('an unknown or missing method is refused on the method field only', () => {
		expect(errorsOf({ method: 'bitcoin', tendered: '5' })).toEqual({
			method: m.ledger_method_required()
		});
		expect(errorsOf({})).toEqual({ method: m.ledger_method_required() });
	});

	it('over-long reference, bank and payer are refused, even where the method ignores them', () => {
		const long = 'x'.repeat(101);
		expect(errorsOf({ method: 'card', methodRef: long })).toEqual({
			methodRef: m.validation_too_long({ max: 100 })
		});
		expect(errorsOf({ method: 'cash', tendered: '1', bank: long })).toEqual({
			bank: m.validation_too_long({ max: 100 })
		});
		expect(errorsOf({ method: 'card', methodRef: 'r', payerName: long })).toEqual({
			payerName: m.validation_too_long({ max: 100 })
		});
	});

	it('a missing or malformed one-time key is a stale form, reported with the field errors', () => {
		const r = parseMethodFields(fd({ method: 'card', idem: 'nope' }));
		expect(r).toMatchObject({
			ok: false,
			errors: { _form: m.form_stale(), methodRef: m.ledger_ref_required() },
			values: { method: 'card', idem: 'nope' }
		});
		expect(parseMethodFields(fd({ method: 'card', methodRef: 'r' }))).toMatchObject({
			ok: false,
			errors: { _form: m.form_stale() }
		});
	});

	it('the method part alone (the fee form adds its own payer and key to it)', () => {
		expect(parseForm(methodSchema, fd({ method: 'card', methodRef: 'A1' }))).toEqual({
			ok: true,
			data: { method: 'card', tenderedFen: null, methodRef: 'A1', bank: '' }
		});
		expect(parseForm(methodSchema, fd({ method: 'card', ref: 'A1' }))).toMatchObject({
			ok: false,
			errors: { methodRef: m.ledger_ref_required() }
		});
	});
});
