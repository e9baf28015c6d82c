import { describe, it, expect } from 'vitest';
import {
	ACTIVE_STATES,
	RENOVATION_ACTIONS,
	RENOVATION_STATES,
	TRANSITIONS,
	availableActions,
	checkPassExpiry,
	checkTransition,
	isOutstanding,
	missingDocuments,
	passStatus,
	permitUrgency,
	requiredDocuments,
	type RenovationAction,
	type RenovationState,
	type TransitionContext
} from './renovation';

const clerk: TransitionContext = { role: 'clerk' };
const manager: TransitionContext = { role: 'manager' };

/** Context that satisfies every guard, so only the state and role decide. */
const allGood = (role: TransitionContext['role']): TransitionContext => ({
	role,
	reason: '图纸不符合规定',
	missingDocuments: [],
	agreementSigned: true,
	inspectionItems: ['卫生间防水重做'],
	outstandingPasses: 0,
	today: '2026-11-23',
	startDate: '2026-11-23',
	currentEnd: '2026-12-31',
	newEnd: '2027-01-15'
});

describe('the happy path', () => {
	it('walks submitted → … → closed, with one failed inspection and a re-inspection', () => {
		const steps: [RenovationAction, TransitionContext, RenovationState][] = [
			['approve', manager, 'approved'],
			['pay', { ...clerk, agreementSigned: true }, 'paid'],
			['issue_permit', clerk, 'permit_issued'],
			['start', { ...clerk, today: '2026-11-23', startDate: '2026-11-23' }, 'in_progress'],
			['inspect_fail', { ...clerk, inspectionItems: ['公共走廊墙面污损'] }, 'inspection_failed'],
			['inspect_pass', clerk, 'inspection_passed'],
			['settle_deposit', clerk, 'deposit_settled'],
			['close', { ...clerk, outstandingPasses: 0 }, 'closed']
		];
		let state: RenovationState = 'submitted';
		for (const [action, ctx, expected] of steps) {
			const r = checkTransition(state, action, ctx);
			expect(r, `${state} --${action}-->`).toEqual({ ok: true, to: expected });
			state = expected;
		}
	});

	it('rejection is final', () => {
		expect(checkTransition('submitted', 'reject', { ...manager, reason: '拆改承重墙' })).toEqual({
			ok: true,
			to: 'rejected'
		});
		for (const a of RENOVATION_ACTIONS)
			expect(checkTransition('rejected', a, allGood('admin')).ok).toBe(false);
	});
});

describe('every state × action', () => {
	it('allows exactly the listed transitions (with every guard satisfied) and refuses the rest', () => {
		for (const state of RENOVATION_STATES) {
			for (const action of RENOVATION_ACTIONS) {
				const r = checkTransition(state, action, allGood('admin'));
				const rule = TRANSITIONS[action];
				if (rule.from.includes(state))
					expect(r, `${state} ${action}`).toEqual({ ok: true, to: rule.to ?? state });
				else expect(r, `${state} ${action}`).toEqual({ ok: false, error: 'illegal_transition' });
			}
		}
	});

	it('final states allow nothing', () => {
		for (const a of RENOVATION_ACTIONS) {
			expect(checkTransition('closed', a, allGood('admin'))).toEqual({
				ok: false,
				error: 'illegal_transition'
			});
		}
	});

	it('cannot skip steps: pay before approval, permit before payment, settle before inspection', () => {
		expect(checkTransition('submitted', 'pay', allGood('clerk')).ok).toBe(false);
		expect(checkTransition('approved', 'issue_permit', allGood('clerk')).ok).toBe(false);
		for (const s of ['paid', 'permit_issued', 'in_progress', 'inspection_failed'] as const) {
			expect(checkTransition(s, 'settle_deposit', allGood('clerk'))).toEqual({
				ok: false,
				error: 'illegal_transition'
			});
		}
		expect(checkTransition('inspection_passed', 'close', allGood('clerk'))).toEqual({
			ok: false,
			error: 'illegal_transition'
		});
	});
});

describe('roles', () => {
	it('only a manager (or admin) approves or rejects', () => {
		expect(checkTransition('submitted', 'approve', clerk)).toEqual({
			ok: false,
			error: 'role_forbidden'
		});
		expect(checkTransition('submitted', 'reject', { ...clerk, reason: 'x' })).toEqual({
			ok: false,
			error: 'role_forbidden'
		});
		expect(checkTransition('submitted', 'approve', { role: 'admin' }).ok).toBe(true);
	});

	it('offers the actions the role may take', () => {
		expect(availableActions('submitted', 'clerk')).toEqual(['update_documents']);
		expect(availableActions('submitted', 'manager')).toEqual([
			'approve',
			'reject',
			'update_documents'
		]);
		expect(availableActions('in_progress', 'clerk')).toEqual([
			'inspect_pass',
			'inspect_fail',
			'extend_permit'
		]);
		expect(availableActions('closed', 'admin')).toEqual([]);
	});
});

describe('guards', () => {
	it('a rejection needs a reason', () => {
		expect(checkTransition('submitted', 'reject', manager)).toEqual({
			ok: false,
			error: 'reason_required'
		});
		expect(checkTransition('submitted', 'reject', { ...manager, reason: '   ' })).toEqual({
			ok: false,
			error: 'reason_required'
		});
	});

	it('approval needs every required document', () => {
		expect(
			checkTransition('submitted', 'approve', {
				...manager,
				missingDocuments: ['construction_drawings']
			})
		).toEqual({ ok: false, error: 'documents_incomplete' });
	});

	it('payment needs the signed agreement', () => {
		expect(checkTransition('approved', 'pay', clerk)).toEqual({
			ok: false,
			error: 'agreement_required'
		});
	});

	it('work starts no earlier than the permit', () => {
		expect(
			checkTransition('permit_issued', 'start', {
				...clerk,
				today: '2026-11-22',
				startDate: '2026-11-23'
			})
		).toEqual({ ok: false, error: 'before_start_date' });
		expect(
			checkTransition('permit_issued', 'start', {
				...clerk,
				today: '2026-11-24',
				startDate: '2026-11-23'
			}).ok
		).toBe(true);
	});

	it('a failed inspection lists what to fix', () => {
		expect(
			checkTransition('in_progress', 'inspect_fail', { ...clerk, inspectionItems: [] })
		).toEqual({ ok: false, error: 'inspection_items_required' });
		expect(
			checkTransition('in_progress', 'inspect_fail', { ...clerk, inspectionItems: [' ', ''] })
		).toEqual({ ok: false, error: 'inspection_items_required' });
		expect(
			checkTransition('inspection_failed', 'inspect_fail', { ...clerk, inspectionItems: ['再次'] })
		).toEqual({ ok: true, to: 'inspection_failed' });
	});

	it('closing waits for every pass to be handed back', () => {
		expect(checkTransition('deposit_settled', 'close', { ...clerk, outstandingPasses: 2 })).toEqual(
			{ ok: false, error: 'passes_outstanding' }
		);
	});

	it('an extension moves the end later', () => {
		expect(
			checkTransition('in_progress', 'extend_permit', {
				...clerk,
				currentEnd: '2026-12-31',
				newEnd: '2026-12-31'
			})
		).toEqual({ ok: false, error: 'bad_end_date' });
		expect(
			checkTransition('in_progress', 'extend_permit', {
				...clerk,
				currentEnd: '2026-12-31',
				newEnd: '2026-12-01'
			})
		).toEqual({ ok: false, error: 'bad_end_date' });
		expect(
			checkTransition('in_progress', 'extend_permit', {
				...clerk,
				currentEnd: '2026-12-31',
				newEnd: '2027-01-31'
			})
		).toEqual({ ok: true, to: 'in_progress' });
	});
});

describe('documents', () => {
	it('自装 needs only the drawings; a contractor also its qualification and licence', () => {
		expect(requiredDocuments(true)).toEqual(['design_drawings', 'construction_drawings']);
		expect(requiredDocuments(false)).toEqual([
			'design_drawings',
			'construction_drawings',
			'contractor_qualification',
			'business_licence'
		]);
		expect(missingDocuments(true, { design_drawings: true, construction_drawings: true })).toEqual(
			[]
		);
		expect(missingDocuments(false, { design_drawings: true, construction_drawings: true })).toEqual(
			['contractor_qualification', 'business_licence']
		);
		expect(missingDocuments(false, {})).toHaveLength(4);
	});
});

describe('passes and permits', () => {
	it('a pass is live until its expiry day (inclusive), then expired, until settled', () => {
		expect(passStatus({ expiresOn: '2026-12-31', outcome: null }, '2026-12-31')).toBe('live');
		expect(passStatus({ expiresOn: '2026-12-31', outcome: null }, '2027-01-01')).toBe('expired');
		expect(passStatus({ expiresOn: '2026-12-31', outcome: 'returned' }, '2027-01-01')).toBe(
			'returned'
		);
		expect(passStatus({ expiresOn: '2026-12-31', outcome: 'lost' }, '2026-12-01')).toBe('lost');
		expect(isOutstanding('live')).toBe(true);
		expect(isOutstanding('expired')).toBe(true);
		expect(isOutstanding('returned')).toBe(false);
	});

	it('pass expiry lies between today and the permit end', () => {
		expect(checkPassExpiry('2026-11-22', '2026-11-23', '2026-12-31')).toBe('past');
		expect(checkPassExpiry('2026-11-23', '2026-11-23', '2026-12-31')).toBeNull();
		expect(checkPassExpiry('2026-12-31', '2026-11-23', '2026-12-31')).toBeNull();
		expect(checkPassExpiry('2027-01-01', '2026-11-23', '2026-12-31')).toBe('after_permit');
	});

	it('flags permits ending within the warning days, and those already over', () => {
		expect(permitUrgency('2026-12-31', '2026-11-23', 7)).toEqual({ urgency: 'ok', daysLeft: 38 });
		expect(permitUrgency('2026-11-30', '2026-11-23', 7)).toEqual({
			urgency: 'expiring',
			daysLeft: 7
		});
		expect(permitUrgency('2026-11-23', '2026-11-23', 7)).toEqual({
			urgency: 'expiring',
			daysLeft: 0
		});
		expect(permitUrgency('2026-11-22', '2026-11-23', 7)).toEqual({
			urgency: 'expired',
			daysLeft: -1
		});
		expect(permitUrgency(null, '2026-11-23', 7)).toEqual({ urgency: 'ok', daysLeft: null });
	});

	it('active states are those with money held or work under way', () => {
		expect(ACTIVE_STATES).not.toContain('submitted');
		expect(ACTIVE_STATES).not.toContain('closed');
		expect(ACTIVE_STATES).toContain('in_progress');
	});
});
