import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { refusal, translateError } from './refusal';
import { LedgerError } from './ledger';
import { MoveInError } from './movein';
import { QueueError } from './queue';
import { ShiftError } from './shifts';
import { WaiverError } from './waivers';
import { RenovationError } from './renovation';
import { BackupError } from './backup';

describe('refusal: one way from an area error to a translated failure', () => {
	it('answers with the status of the code, its message and its field', () => {
		const f = refusal(new ShiftError('note_required'), { values: { note: '' } });
		expect(f.status).toBe(400);
		expect(f.data).toEqual({
			message: m.reports_shift_error_note_required(),
			errors: { note: m.reports_shift_error_note_required() },
			values: { note: '' }
		});
		expect(translateError(new ShiftError('not_found'))!.status).toBe(404);
		expect(translateError(new ShiftError('already_open'))!.status).toBe(409);
	});

	it('lets the step choose the wording where one code reads differently', () => {
		expect(translateError(new ShiftError('not_yours'), { step: 'acknowledge' })!.message).toBe(
			m.reports_shift_error_own_shift()
		);
		expect(translateError(new ShiftError('not_yours'))!.message).toBe(
			m.reports_shift_error_not_yours()
		);
		// The fees page words a reused key its own way; the field is named alike on every form.
		expect(
			translateError(new LedgerError('idempotency_conflict'), { step: 'payment' })!.message
		).toBe(m.fees_error_conflict());
		expect(translateError(new LedgerError('idempotency_conflict'))!.message).toBe(m.form_stale());
		expect(
			translateError(new LedgerError('method_ref_missing'), { step: 'payment' })!.errors
		).toEqual({ methodRef: m.ledger_ref_required() });
	});

	it('marks every field of several broken rules, the first code as the summary', () => {
		const e = new WaiverError('reason_missing', {
			errors: ['reason_missing', 'applicant_missing']
		});
		const t = translateError(e, { step: 'file' })!;
		expect(t.status).toBe(400);
		expect(t.message).toBe(m.waivers_error_reason_missing());
		expect(Object.keys(t.errors)).toEqual(['reason', 'applicant']);
	});

	it('fills the message from the detail, the route and the time zone', () => {
		expect(
			translateError(new LedgerError('own_receipt'), { detail: { cashier: '王芳' } })!.message
		).toBe(m.receipts_voids_own_receipt({ cashier: '王芳' }));
		expect(translateError(new QueueError('phone_waiting', 'A001'))).toMatchObject({
			status: 429,
			message: m.kiosk_queue_err_phone_waiting({ no: 'A001' })
		});
		const at = Date.UTC(2026, 10, 23, 1, 30);
		expect(
			translateError(new MoveInError('item_already_received', { at, byName: '李四' }), {
				timeZone: 'Asia/Shanghai'
			})!.message
		).toContain('09:30');
	});

	it('falls back to the area’s general message for a code without its own', () => {
		expect(translateError(new RenovationError('no_such_code'))).toMatchObject({
			status: 409,
			message: m.renovation_err_refused()
		});
	});

	it('rethrows what is not a refusal with messages (a 500, as it should be)', () => {
		const boom = new Error('boom');
		expect(() => refusal(boom)).toThrow(boom);
		expect(translateError(new BackupError('no database'))).toBeNull();
	});
});
