import { describe, it, expect } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '../forms';
import { chargeSchema, feeItemSchema, paidServiceSchema } from './forms';

const item = {
	nameZh: ' 电梯费 ',
	nameEn: 'Lift fee',
	basis: 'per_unit',
	appliesTo: 'all',
	rate: '30',
	from: '2026-11'
};
const charge = {
	unit: '3-1-601',
	choice: 'item:12',
	quantity: '2',
	price: '20',
	key: 'abcdefgh-1234'
};

describe('fee item form', () => {
	it('reads a new item, its scope lists and its first rate in fen', () => {
		const r = parseForm(feeItemSchema('2026-11'), {
			...item,
			appliesTo: 'units',
			units: '3-1-401，3-1-402  3-1-401',
			lateFee: 'on'
		});
		expect(r).toMatchObject({
			ok: true,
			data: {
				nameZh: '电梯费',
				rate: 3000,
				units: ['3-1-401', '3-1-402'],
				lateFee: true,
				vacancy: false
			}
		});
	});
	it('refuses an empty name, bad amounts, a past month and a scope naming nothing', () => {
		const errors = (over: Record<string, string>) => {
			const r = parseForm(feeItemSchema('2026-11'), { ...item, ...over });
			return r.ok ? {} : r.errors;
		};
		expect(errors({ nameZh: '  ' })).toEqual({ nameZh: m.validation_required() });
		expect(errors({ rate: '-1' })).toEqual({ rate: m.ledger_amount_negative() });
		expect(errors({ rate: '0' })).toEqual({ rate: m.ledger_amount_zero() });
		expect(errors({ rate: '1.234' })).toEqual({ rate: m.ledger_amount_decimals() });
		expect(errors({ rate: '10000.01' })).toEqual({ rate: m.charges_price_too_large() });
		expect(errors({ from: '2026-10' })).toEqual({ from: m.fees_rates_past_month() });
		expect(errors({ basis: 'per_galaxy' })).toEqual({ basis: m.validation_invalid() });
		expect(errors({ code: 'Bad Code' })).toEqual({ code: m.charges_code_invalid() });
		expect(errors({ appliesTo: 'buildings' })).toEqual({
			buildings: m.charges_scope_buildings_missing()
		});
	});
});

describe('charge form', () => {
	it('reads the choice, quantity and price (empty price: the usual one)', () => {
		expect(parseForm(chargeSchema(false), charge)).toMatchObject({
			ok: true,
			data: { choice: { kind: 'item', feeItemId: 12 }, quantity: 2, price: 2000 }
		});
		expect(
			parseForm(chargeSchema(true), {
				...charge,
				choice: 'service:3',
				quantity: '',
				price: '',
				expected: '4000'
			})
		).toMatchObject({
			ok: true,
			data: { choice: { kind: 'service', serviceId: 3 }, quantity: 1, price: null, expected: 4000 }
		});
	});
	it('refuses bad amounts, quantities and choices with translated messages', () => {
		const errors = (over: Record<string, string>, confirmed = false) => {
			const r = parseForm(chargeSchema(confirmed), { ...charge, ...over });
			return r.ok ? {} : r.errors;
		};
		expect(errors({ price: '-20' })).toEqual({ price: m.ledger_amount_negative() });
		expect(errors({ price: '0' })).toEqual({ price: m.ledger_amount_zero() });
		expect(errors({ price: '20.001' })).toEqual({ price: m.ledger_amount_decimals() });
		expect(errors({ quantity: '0' })).toEqual({
			quantity: m.charges_quantity_invalid({ max: 999 })
		});
		expect(errors({ quantity: '1.5' })).toEqual({
			quantity: m.charges_quantity_invalid({ max: 999 })
		});
		expect(errors({ choice: 'item:' })).toEqual({ choice: m.charges_choice_missing() });
		expect(errors({ unit: '' })).toEqual({ unit: m.validation_required() });
		expect(errors({ key: 'x' })).toEqual({ key: m.charges_form_stale() });
		expect(errors({}, true)).toEqual({ expected: m.charges_form_stale() });
	});
});

describe('paid service form', () => {
	it('reads a priced line and a line priced on site; refuses a bad price', () => {
		const line = { id: '', nameZh: '疏通马桶', unitZh: '次', price: '50', active: 'on', sort: '2' };
		expect(parseForm(paidServiceSchema, line)).toMatchObject({
			ok: true,
			data: { id: null, price: 5000, active: true, sort: 2 }
		});
		expect(parseForm(paidServiceSchema, { ...line, id: '7', price: ' ' })).toMatchObject({
			ok: true,
			data: { id: 7, price: null }
		});
		const r = parseForm(paidServiceSchema, { ...line, price: '-1', nameZh: '' });
		expect(r.ok ? {} : r.errors).toEqual({
			nameZh: m.validation_required(),
			price: m.ledger_amount_negative()
		});
	});
});
