import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '../../money';
import { MAX_DEDUCTIONS } from '../../domain/renovation-fees';
import { LedgerError } from '../ledger';
import { ledgerErrorMessage } from '../ledger/method-form';
import { RenovationError } from './errors';

/** The translated message for a refused renovation write (or a refused ledger posting). */
export function renovationErrorMessage(e: unknown): string | null {
	if (e instanceof LedgerError) return ledgerErrorMessage(e);
	if (!(e instanceof RenovationError)) return null;
	const d = e.detail as Record<string, string & number>;
	switch (e.code) {
		case 'not_found':
			return m.renovation_err_not_found();
		case 'stale_form':
			return m.form_stale();
		case 'unit_not_found':
			return m.renovation_err_unit_not_found({ unit: String(d.unit ?? '') });
		case 'open_application':
			return m.renovation_err_open_application({ appNo: d.appNo });
		case 'start_in_past':
			return m.renovation_err_start_in_past();
		case 'start_too_far':
			return m.renovation_err_start_too_far();
		case 'end_before_start':
			return m.renovation_err_end_before_start();
		case 'plan_too_long':
			return m.renovation_err_plan_too_long();
		case 'applicant_name_required':
			return m.renovation_err_applicant_name_required();
		case 'applicant_phone_required':
			return m.renovation_err_applicant_phone_required();
		case 'relation_required':
			return m.renovation_err_relation_required();
		case 'contractor_required':
			return m.renovation_err_contractor_licence();
		case 'illegal_transition':
			return m.renovation_err_illegal_transition();
		case 'role_forbidden':
			return m.renovation_err_role_forbidden();
		case 'reason_required':
			return m.renovation_err_reason_required();
		case 'documents_incomplete':
			return m.renovation_err_documents_incomplete();
		case 'agreement_required':
			return m.renovation_err_agreement_required();
		case 'inspection_items_required':
			return m.renovation_err_inspection_items_required();
		case 'passes_outstanding':
			return m.renovation_err_passes_outstanding({ count: Number(d.count ?? 0) });
		case 'before_start_date':
			return m.renovation_err_before_start_date();
		case 'bad_end_date':
			return m.renovation_err_bad_end_date();
		case 'fees_voided':
			return m.renovation_err_fees_voided();
		case 'permit_until_before_start':
			return m.renovation_err_permit_until_before_start();
		case 'too_many_workers':
			return m.renovation_err_too_many_workers({ max: Number(d.max) });
		case 'pass_documents_required':
			return m.renovation_err_pass_documents_required({ row: Number(d.row), name: d.name });
		case 'pass_expiry_past':
			return m.renovation_err_pass_expiry_past({ row: Number(d.row), name: d.name });
		case 'pass_expiry_after_permit':
			return m.renovation_err_pass_expiry_after_permit({
				row: Number(d.row),
				name: d.name,
				end: d.end
			});
		case 'duplicate_worker_in_form':
			return m.renovation_err_duplicate_worker_in_form({ row: Number(d.row), name: d.name });
		case 'duplicate_worker':
			return m.renovation_err_duplicate_worker({
				row: Number(d.row),
				name: d.name,
				passNo: d.passNo,
				unit: d.unit
			});
		case 'wall_area_required':
			return m.renovation_err_wall_area_required();
		case 'wall_area_absurd':
			return m.renovation_err_wall_area_absurd({ max: d.max });
		case 'wall_area_not_planned':
			return m.renovation_err_wall_area_not_planned();
		case 'passes_not_allowed':
			return m.renovation_err_passes_not_allowed();
		case 'no_workers':
			return m.renovation_err_no_workers();
		case 'nothing_to_pay':
			return m.renovation_err_nothing_to_pay();
		case 'already_settled':
			return m.renovation_err_already_settled();
		case 'refund_before_inspection':
			return m.renovation_err_refund_before_inspection();
		case 'nothing_held':
			return m.renovation_err_nothing_held();
		case 'deduction_description':
			return m.renovation_err_deduction_description({ row: Number(d.row) });
		case 'deduction_amount':
			return m.renovation_err_deduction_amount({ row: Number(d.row) });
		case 'deduction_above_deposit':
			return m.renovation_err_deduction_above_deposit({
				deposit: formatYuan(Number(d.depositFen))
			});
		case 'deduction_photo_size':
			return m.renovation_err_deduction_photo_size({
				row: Number(d.row),
				name: d.name,
				mb: Number(d.maxMb)
			});
		case 'deduction_photo_type':
			return m.renovation_err_deduction_photo_type({ row: Number(d.row), name: d.name });
		case 'deduction_photo_pixels':
			return m.renovation_err_deduction_photo_pixels({
				row: Number(d.row),
				name: d.name,
				mp: Number(d.maxMp)
			});
		case 'deduction_photo_count':
			return m.renovation_err_deduction_photo_count({ row: Number(d.row) });
		case 'too_many_deductions':
			return m.renovation_err_too_many_deductions({ max: MAX_DEDUCTIONS });
		case 'refund_method_required':
			return m.renovation_err_refund_method_required();
		case 'refund_ref_required':
			return m.renovation_err_refund_ref_required();
		case 'pass_not_found':
			return m.renovation_err_pass_not_found();
		case 'pass_already_settled':
			return m.renovation_err_pass_already_settled({ passNo: d.passNo });
		case 'not_expired':
			return m.renovation_err_not_expired({ passNo: d.passNo, expiresOn: d.expiresOn });
		default:
			return m.renovation_err_refused();
	}
}

/** The form field a refusal belongs to, so the page can mark it. */
export function renovationErrorField(e: unknown): string | null {
	if (e instanceof LedgerError) {
		return e.code === 'tendered_short'
			? 'tendered'
			: e.code === 'method_ref_missing'
				? 'methodRef'
				: e.code === 'bank_missing'
					? 'bank'
					: null;
	}
	if (!(e instanceof RenovationError)) return null;
	const row = typeof e.detail.row === 'number' ? e.detail.row - 1 : null;
	switch (e.code) {
		case 'unit_not_found':
		case 'open_application':
			return 'unitCode';
		case 'start_in_past':
		case 'start_too_far':
			return 'plannedStart';
		case 'end_before_start':
		case 'plan_too_long':
			return 'plannedEnd';
		case 'wall_area_required':
		case 'wall_area_absurd':
			return 'wallArea';
		case 'agreement_required':
			return 'agreement';
		case 'duplicate_worker':
		case 'duplicate_worker_in_form':
			return row === null ? null : `w${row}_id`;
		case 'pass_expiry_past':
		case 'pass_expiry_after_permit':
			return row === null ? null : `w${row}_expiry`;
		case 'pass_documents_required':
			return row === null ? null : `w${row}_photo`;
		case 'deduction_above_deposit':
		case 'deduction_amount':
			return row === null ? null : `d${row}_amount`;
		case 'deduction_description':
			return row === null ? null : `d${row}_desc`;
		case 'deduction_photo_size':
		case 'deduction_photo_type':
		case 'deduction_photo_pixels':
		case 'deduction_photo_count':
			return row === null ? null : `d${row}_photo`;
		case 'refund_method_required':
			return 'refundMethod';
		case 'refund_ref_required':
			return 'refundRef';
		case 'reason_required':
			return 'reason';
		case 'inspection_items_required':
			return 'items';
		case 'bad_end_date':
		case 'permit_until_before_start':
			return 'until';
		default:
			return null;
	}
}

/**
 * Message and field of a refusal, for a form whose rows (workers `w{i}_…`, deductions `d{i}_…`)
 * may have skipped blank rows: `rows` maps the n-th parsed row back to its form row.
 */
export function describeRefusal(
	e: unknown,
	rows: number[] = []
): { message: string; field: string | null } | null {
	if (e instanceof RenovationError && typeof e.detail.row === 'number' && rows.length) {
		const formRow = rows[e.detail.row - 1];
		if (formRow !== undefined) e.detail = { ...e.detail, row: formRow + 1 };
	}
	const message = renovationErrorMessage(e);
	return message === null ? null : { message, field: renovationErrorField(e) };
}
