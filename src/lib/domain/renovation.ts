/**
 * Renovation (装修手续), DOMAIN.md §4: the application's documents, the state machine and the
 * worker-pass rules. Pure: no I/O, no clock (callers pass "today"). Every transition the server
 * records goes through `checkTransition`, so an illegal move is refused in one place.
 */
import { daysBetween } from '../dates';

export const RENOVATION_STATES = [
	'submitted', // 已申请: waiting for the design review
	'approved', // 审批通过: may sign the agreement and pay
	'rejected', // 审批不通过 (final)
	'paid', // 已签协议并缴费
	'permit_issued', // 已发施工许可证
	'in_progress', // 施工中
	'inspection_failed', // 验收不合格: items to fix, then re-inspection
	'inspection_passed', // 验收合格: the deposit may be settled
	'deposit_settled', // 保证金已退
	'closed' // 已结案 (final)
] as const;
export type RenovationState = (typeof RENOVATION_STATES)[number];

/** States in which work may be going on (the board of renovations in progress). */
export const ACTIVE_STATES: readonly RenovationState[] = [
	'paid',
	'permit_issued',
	'in_progress',
	'inspection_failed',
	'inspection_passed',
	'deposit_settled'
];
export const FINAL_STATES: readonly RenovationState[] = ['rejected', 'closed'];

export const RENOVATION_ACTIONS = [
	'approve',
	'reject',
	'pay',
	'issue_permit',
	'start',
	'inspect_pass',
	'inspect_fail',
	'settle_deposit',
	'close',
	'extend_permit',
	'update_documents'
] as const;
export type RenovationAction = (typeof RENOVATION_ACTIONS)[number];

export type StaffRole = 'clerk' | 'manager' | 'admin';
/** Who asks: head office (issue 22) only reads, so it takes no step. */
type ActingRole = StaffRole | 'head_office';
const RANK: Record<ActingRole, number> = { head_office: 0, clerk: 1, manager: 2, admin: 3 };

interface TransitionRule {
	from: readonly RenovationState[];
	/** `null`: the state stays (an event is still recorded). */
	to: RenovationState | null;
	role: StaffRole;
}

/** Who may move what from where. The design review (审批) is a manager's decision. */
export const TRANSITIONS: Record<RenovationAction, TransitionRule> = {
	approve: { from: ['submitted'], to: 'approved', role: 'manager' },
	reject: { from: ['submitted'], to: 'rejected', role: 'manager' },
	pay: { from: ['approved'], to: 'paid', role: 'clerk' },
	issue_permit: { from: ['paid'], to: 'permit_issued', role: 'clerk' },
	start: { from: ['permit_issued'], to: 'in_progress', role: 'clerk' },
	inspect_pass: {
		from: ['in_progress', 'inspection_failed'],
		to: 'inspection_passed',
		role: 'clerk'
	},
	inspect_fail: {
		from: ['in_progress', 'inspection_failed'],
		to: 'inspection_failed',
		role: 'clerk'
	},
	settle_deposit: { from: ['inspection_passed'], to: 'deposit_settled', role: 'clerk' },
	close: { from: ['deposit_settled'], to: 'closed', role: 'clerk' },
	extend_permit: {
		from: ['permit_issued', 'in_progress', 'inspection_failed'],
		to: null,
		role: 'clerk'
	},
	// Documents may still arrive while the review is pending (and are then frozen).
	update_documents: { from: ['submitted'], to: null, role: 'clerk' }
};

export type TransitionError =
	| 'illegal_transition'
	| 'role_forbidden'
	| 'reason_required'
	| 'documents_incomplete'
	| 'agreement_required'
	| 'inspection_items_required'
	| 'passes_outstanding'
	| 'before_start_date'
	| 'bad_end_date';

export interface TransitionContext {
	role: ActingRole;
	/** Rejection reason / approval note / inspection note. */
	reason?: string;
	/** Documents still missing from the checklist (approval needs none missing). */
	missingDocuments?: readonly string[];
	agreementSigned?: boolean;
	/** Items to fix, for a failed inspection (at least one). */
	inspectionItems?: readonly string[];
	/** Worker passes not yet returned/settled (closing needs none). */
	outstandingPasses?: number;
	today?: string;
	/** First day work may start (the permit's first day). */
	startDate?: string;
	/** Extending: the current and the new last day of the permit. */
	currentEnd?: string;
	newEnd?: string;
}

export type TransitionResult =
	{ ok: true; to: RenovationState } | { ok: false; error: TransitionError };

/** Whether `action` may be taken in `state` by `ctx.role`, and the state it leads to. */
export function checkTransition(
	state: RenovationState,
	action: RenovationAction,
	ctx: TransitionContext
): TransitionResult {
	const rule = TRANSITIONS[action];
	if (!rule || !rule.from.includes(state)) return { ok: false, error: 'illegal_transition' };
	if (RANK[ctx.role] < RANK[rule.role]) return { ok: false, error: 'role_forbidden' };
	switch (action) {
		case 'reject':
			if (!ctx.reason?.trim()) return { ok: false, error: 'reason_required' };
			break;
		case 'approve':
			if ((ctx.missingDocuments?.length ?? 0) > 0)
				return { ok: false, error: 'documents_incomplete' };
			break;
		case 'pay':
			if (!ctx.agreementSigned) return { ok: false, error: 'agreement_required' };
			break;
		case 'start':
			if (ctx.today && ctx.startDate && ctx.today < ctx.startDate)
				return { ok: false, error: 'before_start_date' };
			break;
		case 'inspect_fail':
			if (!ctx.inspectionItems?.some((i) => i.trim()))
				return { ok: false, error: 'inspection_items_required' };
			break;
		case 'close':
			if ((ctx.outstandingPasses ?? 0) > 0) return { ok: false, error: 'passes_outstanding' };
			break;
		case 'extend_permit':
			if (!ctx.newEnd || !ctx.currentEnd || ctx.newEnd <= ctx.currentEnd)
				return { ok: false, error: 'bad_end_date' };
			break;
	}
	return { ok: true, to: rule.to ?? state };
}

/** The actions that are possible from `state` for `role` (guards not yet applied): the buttons to offer. */
export function availableActions(state: RenovationState, role: ActingRole): RenovationAction[] {
	return RENOVATION_ACTIONS.filter(
		(a) => TRANSITIONS[a].from.includes(state) && RANK[role] >= RANK[TRANSITIONS[a].role]
	);
}

// ---------------------------------------------------------------- documents

export const RENOVATION_DOCUMENTS = [
	'design_drawings',
	'construction_drawings',
	'contractor_qualification',
	'business_licence'
] as const;
export type RenovationDocument = (typeof RENOVATION_DOCUMENTS)[number];

/** 装修设计图纸、施工图 always; 施工队伍资质证明、营业执照复印件 only when a contractor does the work (not 自装). */
export function requiredDocuments(selfRenovation: boolean): RenovationDocument[] {
	return selfRenovation ? ['design_drawings', 'construction_drawings'] : [...RENOVATION_DOCUMENTS];
}

export function missingDocuments(
	selfRenovation: boolean,
	received: Partial<Record<RenovationDocument, boolean>>
): RenovationDocument[] {
	return requiredDocuments(selfRenovation).filter((d) => !received[d]);
}

// ---------------------------------------------------------------- worker passes

export const PASS_OUTCOMES = ['returned', 'expired', 'lost'] as const;
export type PassOutcome = (typeof PASS_OUTCOMES)[number];

/**
 * A worker pass (出入证) is outstanding until its deposit is settled. An outstanding pass past its
 * expiry date is `expired` (its deposit can be refunded against the receipt and the pass).
 */
export type PassStatus = 'live' | 'expired' | PassOutcome;

export function passStatus(
	pass: { expiresOn: string; outcome: PassOutcome | null },
	today: string
): PassStatus {
	if (pass.outcome) return pass.outcome;
	return today > pass.expiresOn ? 'expired' : 'live';
}

export function isOutstanding(status: PassStatus): boolean {
	return status === 'live' || status === 'expired';
}

/** Pass expiry: not in the past, and not after the permit's last day. */
export function checkPassExpiry(
	expiresOn: string,
	today: string,
	permitEnd: string
): 'past' | 'after_permit' | null {
	if (expiresOn < today) return 'past';
	if (expiresOn > permitEnd) return 'after_permit';
	return null;
}

// ---------------------------------------------------------------- permit expiry

export type PermitUrgency = 'ok' | 'expiring' | 'expired';

/** How close the permit's last day is: expired after it, expiring within `warnDays` days of it (inclusive). */
export function permitUrgency(
	validUntil: string | null,
	today: string,
	warnDays: number
): { urgency: PermitUrgency; daysLeft: number | null } {
	if (!validUntil) return { urgency: 'ok', daysLeft: null };
	const daysLeft = daysBetween(today, validUntil);
	return { urgency: daysLeft < 0 ? 'expired' : daysLeft <= warnDays ? 'expiring' : 'ok', daysLeft };
}
