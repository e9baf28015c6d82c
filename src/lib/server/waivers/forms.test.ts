import { describe, it, expect } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '../forms';
import { normaliseCode, waiverDecisionSchema, waiverFileSchema } from './forms';

const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
	return f;
};

describe('waiver request form', () => {
	it('reads the unit (IME-normalised), the ticked bills and the texts', () => {
		expect(
			parseForm(
				waiverFileSchema,
				form({
					unit: '３－１２０１',
					bill: ['5', '6'],
					reason: '空置',
					applicant: '李',
					phone: '1',
					key: 'k'
				})
			)
		).toEqual({
			ok: true,
			data: { unit: '3-1201', bill: [5, 6], reason: '空置', applicant: '李', phone: '1', key: 'k' }
		});
		expect(parseForm(waiverFileSchema, form({ unit: '1-101' }))).toMatchObject({
			ok: true,
			data: { bill: [], reason: '', key: '' }
		});
		expect(normaliseCode(' 1／101 ')).toBe('1-101');
	});
	it('refuses a bill id that did not come from the page', () => {
		expect(parseForm(waiverFileSchema, form({ unit: '1-101', bill: ['5', 'x'] }))).toMatchObject({
			ok: false,
			errors: { bill: m.waivers_error_bill_not_found() }
		});
	});
});

describe('waiver decision form', () => {
	const decide = (decision: 'approve' | 'reject', fields: Record<string, string>) =>
		parseForm(waiverDecisionSchema(decision), { note: '', key: 'k1', ...fields });

	it('reads the plan: the whole late fee, one amount, or an amount per bill (blank is none)', () => {
		expect(decide('approve', { mode: 'full' })).toMatchObject({
			ok: true,
			data: { plan: { mode: 'full' }, key: 'k1' }
		});
		expect(decide('approve', { mode: 'amount', amount: '12.50' })).toMatchObject({
			ok: true,
			data: { plan: { mode: 'amount', amountFen: 1250 } }
		});
		expect(
			decide('approve', { mode: 'per_bill', amt_7: '3', amt_9: ' ', other: 'x' })
		).toMatchObject({
			ok: true,
			data: {
				plan: {
					mode: 'per_bill',
					amounts: [
						{ billId: 7, amountFen: 300 },
						{ billId: 9, amountFen: 0 }
					]
				}
			}
		});
	});

	it('refuses a bad amount on its own field, a negative one in its own words', () => {
		expect(decide('approve', { mode: 'amount', amount: 'abc' })).toMatchObject({
			ok: false,
			errors: { amount: m.waivers_error_bad_amount() }
		});
		expect(decide('approve', { mode: 'per_bill', amt_7: '-1' })).toMatchObject({
			ok: false,
			errors: { amt_7: m.waivers_error_amount_negative() }
		});
		expect(decide('approve', { mode: 'all' })).toMatchObject({
			ok: false,
			errors: { mode: m.waivers_error_mode() }
		});
	});

	it('ignores the plan when rejecting', () => {
		expect(decide('reject', { mode: 'all', note: ' no ' })).toMatchObject({
			ok: true,
			data: { plan: { mode: 'full' }, note: ' no ' }
		});
	});
});
