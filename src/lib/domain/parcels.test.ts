import { describe, expect, it } from 'vitest';
import {
	handoverProblem,
	intakeProblem,
	isParcelOverdue,
	mayCollect,
	normaliseTracking,
	overdueBeforeDay,
	splitPersons,
	standingAuthorisation
} from './parcels';

describe('parcels, pure rules', () => {
	it('is overdue after more than N calendar days waiting, across a month end', () => {
		expect(isParcelOverdue('waiting', '2026-11-28', '2026-12-05', 7)).toBe(false);
		expect(isParcelOverdue('waiting', '2026-11-28', '2026-12-06', 7)).toBe(true);
		expect(isParcelOverdue('waiting', '2026-01-31', '2026-02-08', 7)).toBe(true);
		expect(isParcelOverdue('waiting', '2026-02-28', '2026-03-03', 3)).toBe(false);
		expect(isParcelOverdue('waiting', '2026-02-28', '2026-03-04', 3)).toBe(true);
		expect(isParcelOverdue('collected', '2026-11-01', '2026-12-06', 7)).toBe(false);
		// The SQL's cut: taken in before this day is overdue today.
		expect(overdueBeforeDay('2026-12-06', 7)).toBe('2026-11-29');
	});

	it('lets the owners and the named persons collect, nobody else', () => {
		const named = splitPersons('王五、赵六, 王五；');
		expect(named).toEqual(['王五', '赵六']);
		expect(mayCollect('张伟', ['张伟'], named)).toBe(true);
		expect(mayCollect(' 赵 六', ['张伟'], named)).toBe(true);
		expect(mayCollect('李四', ['张伟'], named)).toBe(false);
		expect(mayCollect('', [''], [])).toBe(false);
	});

	it('takes the newest authorisation not withdrawn as standing', () => {
		expect(
			standingAuthorisation([
				{ id: 1, atMs: 1, withdrawn: false },
				{ id: 2, atMs: 2, withdrawn: true }
			])?.id
		).toBe(1);
		expect(standingAuthorisation([{ id: 2, atMs: 2, withdrawn: true }])).toBeNull();
	});

	it('refuses intake without authorisation unless a phone confirmation is noted in full', () => {
		const call = { phone: '13800000001', calledMs: 1, answeredBy: '张伟' };
		expect(intakeProblem(true, null, false)).toBeNull();
		expect(intakeProblem(false, null, false)).toBe('no_authorisation');
		expect(intakeProblem(false, { ...call, answeredBy: ' ' }, false)).toBe('no_authorisation');
		expect(intakeProblem(false, { ...call, calledMs: null }, false)).toBe('no_authorisation');
		expect(intakeProblem(false, call, false)).toBeNull();
		expect(intakeProblem(true, null, true)).toBe('duplicate_tracking');
		expect(normaliseTracking(' sf 1234 ')).toBe('SF1234');
	});

	it('refuses a hand-over twice, without an ID, or to someone not authorised', () => {
		const ok = { collected: false, idType: 'id_card', idLast4: '123X', allowed: true };
		expect(handoverProblem(ok)).toBeNull();
		expect(handoverProblem({ ...ok, collected: true })).toBe('already_collected');
		expect(handoverProblem({ ...ok, idType: '' })).toBe('id_missing');
		expect(handoverProblem({ ...ok, idLast4: '12' })).toBe('id_missing');
		expect(handoverProblem({ ...ok, allowed: false })).toBe('not_authorised_collector');
	});
});
