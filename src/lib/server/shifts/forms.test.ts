import { describe, it, expect } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '../forms';
import { acknowledgeShiftSchema, closeShiftSchema, openShiftSchema } from './forms';
import { NOTE_MAX } from './commands';

const KEY = 'abcdefgh-1';

describe('shift forms', () => {
	it('take over: the float in yuan (blank is 0); the key is `shiftIdem` from a counter form', () => {
		expect(parseForm(openShiftSchema(false), { float: '200.5', idem: KEY })).toEqual({
			ok: true,
			data: { float: 20050, idem: KEY }
		});
		expect(
			parseForm(openShiftSchema(true), { float: '', shiftIdem: KEY, idem: 'payment-key' })
		).toEqual({ ok: true, data: { float: 0, idem: KEY } });
		expect(parseForm(openShiftSchema(false), { float: '-1', idem: '0' })).toMatchObject({
			ok: false,
			errors: { float: m.ledger_amount_negative(), idem: expect.any(String) }
		});
	});
	it('hand over: counted cash required, counts whole numbers, note capped, successor an id', () => {
		expect(
			parseForm(closeShiftSchema(), {
				shiftId: '3',
				counted: '0',
				chequeCount: '2',
				chequeTotal: '10',
				idem: KEY
			})
		).toMatchObject({
			ok: true,
			data: {
				shiftId: 3,
				counted: 0,
				chequeCount: 2,
				chequeTotal: 1000,
				cardCount: 0,
				cardTotal: 0,
				note: '',
				successor: null
			}
		});
		expect(
			parseForm(closeShiftSchema(), {
				shiftId: '3',
				counted: '',
				chequeCount: '1.5',
				note: 'x'.repeat(NOTE_MAX + 1),
				successor: 'bob',
				idem: KEY
			})
		).toMatchObject({
			ok: false,
			errors: {
				counted: m.ledger_amount_empty(),
				chequeCount: m.validation_number(),
				note: m.reports_shift_error_note_too_long({ max: NOTE_MAX }),
				successor: m.reports_shift_error_bad_successor()
			}
		});
	});
	it('acknowledge: a shift id and an optional note', () => {
		expect(parseForm(acknowledgeShiftSchema(), { shiftId: '7', note: ' ok ', idem: KEY })).toEqual({
			ok: true,
			data: { shiftId: 7, note: 'ok', idem: KEY }
		});
		expect(parseForm(acknowledgeShiftSchema(), { shiftId: '0', idem: KEY })).toMatchObject({
			ok: false,
			errors: { shiftId: expect.any(String) }
		});
	});
});
