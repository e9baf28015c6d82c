import { m } from '$lib/paraglide/messages.js';
import type { PassStatus, RenovationDocument, RenovationState } from '$lib/domain/renovation';
import type { RenovationItemCode } from '$lib/domain/renovation-fees';

/* Labels of the renovation pages (client and server), in the request's language. */

export function stateLabel(s: RenovationState | string): string {
	const labels: Record<RenovationState, () => string> = {
		submitted: m.renovation_state_submitted,
		approved: m.renovation_state_approved,
		rejected: m.renovation_state_rejected,
		paid: m.renovation_state_paid,
		permit_issued: m.renovation_state_permit_issued,
		in_progress: m.renovation_state_in_progress,
		inspection_failed: m.renovation_state_inspection_failed,
		inspection_passed: m.renovation_state_inspection_passed,
		deposit_settled: m.renovation_state_deposit_settled,
		closed: m.renovation_state_closed
	};
	return labels[s as RenovationState]?.() ?? s;
}

/** Badge tone of a state. */
export function stateTone(s: RenovationState | string): string {
	if (s === 'rejected' || s === 'inspection_failed') return 'danger';
	if (s === 'submitted' || s === 'approved') return 'warn';
	if (s === 'closed') return 'grey';
	return '';
}

export function documentLabel(d: RenovationDocument): string {
	return {
		design_drawings: m.renovation_doc_design_drawings,
		construction_drawings: m.renovation_doc_construction_drawings,
		contractor_qualification: m.renovation_doc_contractor_qualification,
		business_licence: m.renovation_doc_business_licence
	}[d]();
}

export function actionLabel(a: string): string {
	const labels: Record<string, () => string> = {
		submit: m.renovation_ev_submit,
		approve: m.renovation_ev_approve,
		reject: m.renovation_ev_reject,
		pay: m.renovation_ev_pay,
		issue_permit: m.renovation_ev_issue_permit,
		start: m.renovation_ev_start,
		inspect_pass: m.renovation_ev_inspect_pass,
		inspect_fail: m.renovation_ev_inspect_fail,
		settle_deposit: m.renovation_ev_settle_deposit,
		close: m.renovation_ev_close,
		extend_permit: m.renovation_ev_extend_permit,
		update_documents: m.renovation_ev_update_documents,
		pass_issue: m.renovation_ev_pass_issue,
		pass_settle: m.renovation_ev_pass_settle
	};
	return labels[a]?.() ?? a;
}

export function passStatusLabel(s: PassStatus): string {
	return {
		live: m.renovation_pass_live,
		expired: m.renovation_pass_expired,
		returned: m.renovation_pass_returned,
		lost: m.renovation_pass_lost
	}[s]();
}

export function itemLabel(code: RenovationItemCode | string): string {
	const labels: Record<string, () => string> = {
		renovation_deposit: m.renovation_item_renovation_deposit,
		pass_deposit: m.renovation_item_pass_deposit,
		pass_card_fee: m.renovation_item_pass_card_fee,
		debris_fee: m.renovation_item_debris_fee,
		wall_debris_fee: m.renovation_item_wall_debris_fee
	};
	return labels[code]?.() ?? code;
}

/** 330102********1234: enough to match a card at the counter, no more on screen. */
export function maskId(id: string): string {
	return id.length > 8 ? id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4) : id;
}
