import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '../../money';
import { MAX_DEDUCTIONS } from '../../domain/renovation-fees';
import type { ErrorMessages } from '../errors';

// What a renovation refusal's detail carries: names, numbers and dates for the message.
type D = Record<string, string & number>;

/** code → the translated message of a refused renovation write. */
const MESSAGES: Record<string, (d: D) => string> = {
	not_found: () => m.renovation_err_not_found(),
	stale_form: () => m.form_stale(),
	unit_not_found: (d) => m.renovation_err_unit_not_found({ unit: String(d.unit ?? '') }),
	open_application: (d) => m.renovation_err_open_application({ appNo: d.appNo }),
	start_in_past: () => m.renovation_err_start_in_past(),
	start_too_far: () => m.renovation_err_start_too_far(),
	end_before_start: () => m.renovation_err_end_before_start(),
	plan_too_long: () => m.renovation_err_plan_too_long(),
	applicant_name_required: () => m.renovation_err_applicant_name_required(),
	applicant_phone_required: () => m.renovation_err_applicant_phone_required(),
	relation_required: () => m.renovation_err_relation_required(),
	contractor_required: () => m.renovation_err_contractor_licence(),
	illegal_transition: () => m.renovation_err_illegal_transition(),
	role_forbidden: () => m.renovation_err_role_forbidden(),
	reason_required: () => m.renovation_err_reason_required(),
	documents_incomplete: () => m.renovation_err_documents_incomplete(),
	agreement_required: () => m.renovation_err_agreement_required(),
	inspection_items_required: () => m.renovation_err_inspection_items_required(),
	passes_outstanding: (d) => m.renovation_err_passes_outstanding({ count: Number(d.count ?? 0) }),
	before_start_date: () => m.renovation_err_before_start_date(),
	bad_end_date: () => m.renovation_err_bad_end_date(),
	fees_voided: () => m.renovation_err_fees_voided(),
	permit_until_before_start: () => m.renovation_err_permit_until_before_start(),
	too_many_workers: (d) => m.renovation_err_too_many_workers({ max: Number(d.max) }),
	pass_documents_required: (d) =>
		m.renovation_err_pass_documents_required({ row: Number(d.row), name: d.name }),
	pass_expiry_past: (d) => m.renovation_err_pass_expiry_past({ row: Number(d.row), name: d.name }),
	pass_expiry_after_permit: (d) =>
		m.renovation_err_pass_expiry_after_permit({
			row: Number(d.row),
			name: d.name,
			end: d.end
		}),
	duplicate_worker_in_form: (d) =>
		m.renovation_err_duplicate_worker_in_form({ row: Number(d.row), name: d.name }),
	duplicate_worker: (d) =>
		m.renovation_err_duplicate_worker({
			row: Number(d.row),
			name: d.name,
			passNo: d.passNo,
			unit: d.unit
		}),
	wall_area_required: () => m.renovation_err_wall_area_required(),
	wall_area_absurd: (d) => m.renovation_err_wall_area_absurd({ max: d.max }),
	wall_area_not_planned: () => m.renovation_err_wall_area_not_planned(),
	passes_not_allowed: () => m.renovation_err_passes_not_allowed(),
	no_workers: () => m.renovation_err_no_workers(),
	nothing_to_pay: () => m.renovation_err_nothing_to_pay(),
	already_settled: () => m.renovation_err_already_settled(),
	refund_before_inspection: () => m.renovation_err_refund_before_inspection(),
	nothing_held: () => m.renovation_err_nothing_held(),
	deduction_description: (d) => m.renovation_err_deduction_description({ row: Number(d.row) }),
	deduction_amount: (d) => m.renovation_err_deduction_amount({ row: Number(d.row) }),
	deduction_above_deposit: (d) =>
		m.renovation_err_deduction_above_deposit({
			deposit: formatYuan(Number(d.depositFen))
		}),
	deduction_photo_size: (d) =>
		m.renovation_err_deduction_photo_size({
			row: Number(d.row),
			name: d.name,
			mb: Number(d.maxMb)
		}),
	deduction_photo_type: (d) =>
		m.renovation_err_deduction_photo_type({ row: Number(d.row), name: d.name }),
	deduction_photo_pixels: (d) =>
		m.renovation_err_deduction_photo_pixels({
			row: Number(d.row),
			name: d.name,
			mp: Number(d.maxMp)
		}),
	deduction_photo_count: (d) => m.renovation_err_deduction_photo_count({ row: Number(d.row) }),
	too_many_deductions: () => m.renovation_err_too_many_deductions({ max: MAX_DEDUCTIONS }),
	refund_method_required: () => m.renovation_err_refund_method_required(),
	refund_ref_required: () => m.renovation_err_refund_ref_required(),
	pass_not_found: () => m.renovation_err_pass_not_found(),
	pass_already_settled: (d) => m.renovation_err_pass_already_settled({ passNo: d.passNo }),
	not_expired: (d) => m.renovation_err_not_expired({ passNo: d.passNo, expiresOn: d.expiresOn })
};

/** A form row named by the refusal (1-based in `detail.row`), 0-based for field names. */
const rowOf = (d: Record<string, unknown>) => (typeof d.row === 'number' ? d.row - 1 : null);
const inRow = (prefix: string, suffix: string) => (d: Record<string, unknown>) => {
	const row = rowOf(d);
	return row === null ? null : `${prefix}${row}_${suffix}`;
};

/** Renovation refusals (ledger refusals of its payments are the ledger's: `ledger/messages.ts`). */
export const renovationMessages: ErrorMessages = {
	// Renovation details hold only the names, numbers and dates its throws put there.
	messages: MESSAGES as unknown as ErrorMessages['messages'],
	fields: {
		unit_not_found: 'unitCode',
		open_application: 'unitCode',
		start_in_past: 'plannedStart',
		start_too_far: 'plannedStart',
		end_before_start: 'plannedEnd',
		plan_too_long: 'plannedEnd',
		wall_area_required: 'wallArea',
		wall_area_absurd: 'wallArea',
		agreement_required: 'agreement',
		duplicate_worker: inRow('w', 'id'),
		duplicate_worker_in_form: inRow('w', 'id'),
		pass_expiry_past: inRow('w', 'expiry'),
		pass_expiry_after_permit: inRow('w', 'expiry'),
		pass_documents_required: inRow('w', 'photo'),
		deduction_above_deposit: inRow('d', 'amount'),
		deduction_amount: inRow('d', 'amount'),
		deduction_description: inRow('d', 'desc'),
		deduction_photo_size: inRow('d', 'photo'),
		deduction_photo_type: inRow('d', 'photo'),
		deduction_photo_pixels: inRow('d', 'photo'),
		deduction_photo_count: inRow('d', 'photo'),
		refund_method_required: 'refundMethod',
		refund_ref_required: 'refundRef',
		reason_required: 'reason',
		inspection_items_required: 'items',
		bad_end_date: 'until',
		permit_until_before_start: 'until'
	},
	fallback: () => m.renovation_err_refused()
};
