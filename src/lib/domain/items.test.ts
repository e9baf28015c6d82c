import { describe, expect, it } from 'vitest';
import {
	claimByProblem,
	consentProblems,
	defaultClaimBy,
	depositState,
	isDepositOverdue,
	isReleaseExpired,
	mayClaim,
	releaseState,
	slipNo,
	validUntilProblem,
	type ConsentInput
} from './items';

const consent = (over: Partial<ConsentInput> = {}): ConsentInput => ({
	consent: 'phone',
	consentBy: '张先生',
	consentPhone: '13800001111',
	consentIdType: '',
	consentIdLast4: '',
	consentNote: '',
	...over
});

describe('safekeeping', () => {
	it('is kept until one claim, then claimed for good', () => {
		expect(depositState([])).toBe('kept');
		expect(depositState([1])).toBe('claimed');
	});

	it('is overdue while kept past its claim date, never once claimed', () => {
		expect(isDepositOverdue('kept', '2026-11-23', '2026-11-23')).toBe(false);
		expect(isDepositOverdue('kept', '2026-11-22', '2026-11-23')).toBe(true);
		expect(isDepositOverdue('claimed', '2026-11-01', '2026-11-23')).toBe(false);
	});

	it('takes a claim date from today up to the longest keep', () => {
		expect(claimByProblem('2026-11-22', '2026-11-23', 30)).toBe('claim_by_past');
		expect(claimByProblem('2026-11-23', '2026-11-23', 30)).toBeNull();
		expect(claimByProblem('2026-12-23', '2026-11-23', 30)).toBeNull();
		expect(claimByProblem('2026-12-24', '2026-11-23', 30)).toBe('claim_by_too_far');
		expect(defaultClaimBy('2026-11-23', 30)).toBe('2026-11-30');
		expect(defaultClaimBy('2026-11-23', 3)).toBe('2026-11-26');
	});

	it('hands goods only to the depositor or the person named (spaces do not count)', () => {
		const own = { claimer: 'depositor' as const, depositorName: '王 芳', claimerName: '' };
		expect(mayClaim(own, '王芳')).toBe(true);
		expect(mayClaim(own, '李四')).toBe(false);
		const named = { claimer: 'named' as const, depositorName: '王芳', claimerName: '李四' };
		expect(mayClaim(named, '李四')).toBe(true);
		expect(mayClaim(named, '王芳')).toBe(false);
	});

	it('numbers slips by day', () => {
		expect(slipNo('JC', '2026-11-23', 3)).toBe('JC20261123-003');
		expect(slipNo('FX', '2026-11-23', 12)).toBe('FX20261123-012');
	});
});

describe('release', () => {
	it('passes once', () => {
		expect(releaseState([])).toBe('pending');
		expect(releaseState([1])).toBe('passed');
	});

	it('expires after its last valid day unless passed', () => {
		expect(isReleaseExpired('pending', '2026-11-23', '2026-11-23')).toBe(false);
		expect(isReleaseExpired('pending', '2026-11-22', '2026-11-23')).toBe(true);
		expect(isReleaseExpired('passed', '2026-11-22', '2026-11-23')).toBe(false);
	});

	it('is valid from today up to 30 days', () => {
		expect(validUntilProblem('2026-11-22', '2026-11-23')).toBe('valid_past');
		expect(validUntilProblem('2026-11-23', '2026-11-23')).toBeNull();
		expect(validUntilProblem('2026-12-24', '2026-11-23')).toBe('valid_too_far');
	});

	it('needs the owner’s consent, complete for the way it was given', () => {
		expect(consentProblems(consent({ consent: '' }))).toBe('no_consent');
		expect(consentProblems(consent())).toEqual([]);
		expect(consentProblems(consent({ consentPhone: '', consentBy: '' }))).toEqual([
			'consentBy',
			'consentPhone'
		]);
		expect(consentProblems(consent({ consent: 'in_person', consentIdLast4: '12' }))).toEqual([
			'consentIdType',
			'consentIdLast4'
		]);
		expect(
			consentProblems(
				consent({ consent: 'in_person', consentIdType: 'id_card', consentIdLast4: '123X' })
			)
		).toEqual([]);
		expect(consentProblems(consent({ consent: 'written', consentBy: '' }))).toEqual([
			'consentNote'
		]);
		expect(
			consentProblems(consent({ consent: 'written', consentNote: '签字同意书已留存' }))
		).toEqual([]);
	});
});
