import { describe, expect, it } from 'vitest';
import {
	CONSENT_MAX_AGE_MS,
	KEY_STATES,
	LOAN_ERROR_FIELD,
	RETURN_ERROR_FIELD,
	checkDisposition,
	checkKey,
	checkLoan,
	checkReturn,
	defaultExpectedReturn,
	holderRole,
	isOverdue,
	isPlausibleIdCard,
	keyState,
	normaliseIdNumber,
	normaliseTag,
	overdueMinutes,
	type KeyState,
	type LoanContext,
	type LoanInput,
	type ReturnContext,
	type ReturnInput
} from './keys';

const NOW = Date.parse('2026-11-23T01:00:00Z'); // 09:00 in Shanghai
const MIN = 60_000;
const H = 3600_000;
const OWNER_ID = '330100198001010000';
const AUTH_ID = '33010019850202001X';

function loan(over: Partial<LoanInput> = {}): LoanInput {
	return {
		borrowerIdNumber: '330102199003120417',
		borrowerCompany: '链家地产',
		borrowerRelation: '中介',
		purpose: 'viewing',
		purposeNote: '',
		consent: { phone: '13800000001', atMs: NOW - 5 * MIN, byStaffId: 1, answer: 'agreed' },
		escortStaffId: null,
		collateral: { idType: 'id_card', idNumber: '330102199003120417' },
		expectedReturnAt: NOW + 2 * H,
		...over
	};
}

function ctx(over: Partial<LoanContext> = {}): LoanContext {
	return {
		nowMs: NOW,
		keyKind: 'unit',
		keyState: 'in_cabinet',
		holders: [
			{ idNumber: OWNER_ID, role: 'owner' },
			{ idNumber: AUTH_ID, role: 'authorised' }
		],
		staffIds: [1, 2, 3],
		...over
	};
}

const errorsOf = (i: LoanInput, c: LoanContext = ctx()) => {
	const r = checkLoan(i, c);
	return r.ok ? [] : r.errors;
};

describe('key state', () => {
	it('is lent while a loan is open, whatever the register says', () => {
		expect(keyState('active', true)).toBe('lent');
		expect(keyState('active', false)).toBe('in_cabinet');
		expect(keyState('lost', false)).toBe('lost');
		expect(keyState('returned_to_owner', false)).toBe('returned_to_owner');
	});
	it('covers every state', () => {
		const seen = new Set<KeyState>([
			keyState('active', true),
			keyState('active', false),
			keyState('lost', false),
			keyState('returned_to_owner', false)
		]);
		expect([...seen].sort()).toEqual([...KEY_STATES].sort());
	});
});

describe('normalising', () => {
	it('tags: trimmed, no spaces, upper case', () => {
		expect(normaliseTag('  k-0 01 ')).toBe('K-001');
	});
	it('ID numbers: no spaces, upper-case X', () => {
		expect(normaliseIdNumber(' 3301 0019850202001x ')).toBe(AUTH_ID);
	});
	it('plausible mainland ID cards', () => {
		expect(isPlausibleIdCard('33010019850202001x')).toBe(true);
		expect(isPlausibleIdCard('330100800101000')).toBe(true);
		expect(isPlausibleIdCard('3301001985020200')).toBe(false);
		expect(isPlausibleIdCard('33010019850202001Y')).toBe(false);
	});
});

describe('times', () => {
	it('default expected return is now + the configured hours', () => {
		expect(defaultExpectedReturn(NOW, 2)).toBe(NOW + 2 * H);
		expect(defaultExpectedReturn(NOW, 0.25)).toBe(NOW + 15 * MIN);
	});
	it('overdue: expected return passed and not returned', () => {
		expect(isOverdue({ expectedReturnAt: NOW - 1, returned: false }, NOW)).toBe(true);
		expect(isOverdue({ expectedReturnAt: NOW, returned: false }, NOW)).toBe(false);
		expect(isOverdue({ expectedReturnAt: NOW - H, returned: true }, NOW)).toBe(false);
		expect(overdueMinutes(NOW - 61 * MIN - 5, NOW)).toBe(61);
		expect(overdueMinutes(NOW + H, NOW)).toBe(0);
	});
});

describe('checkKey (register)', () => {
	const unitKey = {
		kind: 'unit' as const,
		unitFound: true,
		description: '入户门',
		depositConsentDate: '2026-11-20',
		depositConsentMethod: 'written' as const
	};
	const c = { today: '2026-11-23', tagTaken: false };
	it('accepts a unit key with deposit consent up to today', () => {
		expect(checkKey(unitKey, c)).toEqual([]);
		expect(checkKey({ ...unitKey, depositConsentDate: '2026-11-23' }, c)).toEqual([]);
	});
	it('refuses a taken tag', () => {
		expect(checkKey(unitKey, { ...c, tagTaken: true })).toEqual(['tag_taken']);
	});
	it('a unit key needs a unit that exists', () => {
		expect(checkKey({ ...unitKey, unitFound: null }, c)).toEqual(['unit_required']);
		expect(checkKey({ ...unitKey, unitFound: false }, c)).toEqual(['unit_not_found']);
	});
	it('a unit key needs the owner deposit consent, date and how, not in the future', () => {
		expect(checkKey({ ...unitKey, depositConsentDate: null }, c)).toEqual([
			'deposit_consent_required'
		]);
		expect(checkKey({ ...unitKey, depositConsentMethod: null }, c)).toEqual([
			'deposit_consent_required'
		]);
		expect(checkKey({ ...unitKey, depositConsentDate: '2026-11-24' }, c)).toEqual([
			'deposit_consent_future'
		]);
	});
	it('a common-area key says what it opens and needs no consent', () => {
		const common = {
			kind: 'common' as const,
			unitFound: null,
			description: '配电房',
			depositConsentDate: null,
			depositConsentMethod: null
		};
		expect(checkKey(common, c)).toEqual([]);
		expect(checkKey({ ...common, description: '  ' }, c)).toEqual(['area_required']);
	});
	it('reports every problem at once', () => {
		expect(
			checkKey({ ...unitKey, unitFound: false, depositConsentDate: null }, { ...c, tagTaken: true })
		).toEqual(['tag_taken', 'unit_not_found', 'deposit_consent_required']);
	});
});

describe('checkDisposition', () => {
	const base = { today: '2026-11-23', kind: 'unit' as const };
	const none = { depositConsentDate: null, depositConsentMethod: null };
	it('never while the key is lent', () => {
		expect(
			checkDisposition(
				{ target: 'lost', ...none },
				{ ...base, state: 'lent', disposition: 'active' }
			)
		).toEqual(['key_lent']);
	});
	it('refuses a no-op', () => {
		expect(
			checkDisposition({ target: 'lost', ...none }, { ...base, state: 'lost', disposition: 'lost' })
		).toEqual(['no_change']);
	});
	it('lost and handed back from the cabinet; a lost key found again', () => {
		expect(
			checkDisposition(
				{ target: 'lost', ...none },
				{ ...base, state: 'in_cabinet', disposition: 'active' }
			)
		).toEqual([]);
		expect(
			checkDisposition(
				{ target: 'returned_to_owner', ...none },
				{ ...base, state: 'in_cabinet', disposition: 'active' }
			)
		).toEqual([]);
		expect(
			checkDisposition(
				{ target: 'active', ...none },
				{ ...base, state: 'lost', disposition: 'lost' }
			)
		).toEqual([]);
	});
	it('a unit key handed back returns only with a new deposit consent', () => {
		const c = {
			...base,
			state: 'returned_to_owner' as const,
			disposition: 'returned_to_owner' as const
		};
		expect(checkDisposition({ target: 'active', ...none }, c)).toEqual([
			'deposit_consent_required'
		]);
		expect(
			checkDisposition(
				{ target: 'active', depositConsentDate: '2026-11-24', depositConsentMethod: 'written' },
				c
			)
		).toEqual(['deposit_consent_future']);
		expect(
			checkDisposition(
				{ target: 'active', depositConsentDate: '2026-11-23', depositConsentMethod: 'written' },
				c
			)
		).toEqual([]);
		expect(checkDisposition({ target: 'active', ...none }, { ...c, kind: 'common' })).toEqual([]);
	});
});

describe('checkLoan', () => {
	it('lends a unit key with the owner phone consent and an ID held', () => {
		expect(checkLoan(loan(), ctx())).toEqual({ ok: true, consentBasis: 'phone' });
	});

	describe('the key must be in the cabinet', () => {
		it.each([
			['lent', 'key_lent'],
			['lost', 'key_lost'],
			['returned_to_owner', 'key_returned_to_owner']
		] as const)('%s → %s', (state, error) => {
			expect(errorsOf(loan(), ctx({ keyState: state }))).toEqual([error]);
		});
	});

	describe('borrower identity', () => {
		it('needs a company or the relation to the owner', () => {
			expect(errorsOf(loan({ borrowerCompany: ' ', borrowerRelation: '' }))).toEqual([
				'identity_incomplete'
			]);
			expect(errorsOf(loan({ borrowerCompany: '', borrowerRelation: '朋友' }))).toEqual([]);
			expect(errorsOf(loan({ borrowerCompany: '维修公司', borrowerRelation: '' }))).toEqual([]);
		});
		it('purpose "other" needs a note', () => {
			expect(errorsOf(loan({ purpose: 'other', purposeNote: ' ' }))).toEqual([
				'purpose_note_required'
			]);
			expect(errorsOf(loan({ purpose: 'other', purposeNote: '取快递' }))).toEqual([]);
			for (const purpose of ['viewing', 'repair', 'renovation'] as const)
				expect(errorsOf(loan({ purpose }))).toEqual([]);
		});
	});

	describe('owner phone consent (unit keys)', () => {
		it('is required when no call is recorded', () => {
			expect(errorsOf(loan({ consent: null }))).toEqual(['consent_required']);
		});
		it('is required when the number or the answer is missing', () => {
			expect(
				errorsOf(loan({ consent: { phone: ' ', atMs: NOW, byStaffId: 1, answer: 'agreed' } }))
			).toEqual(['consent_required']);
			expect(
				errorsOf(loan({ consent: { phone: '13800000001', atMs: NOW, byStaffId: 1, answer: null } }))
			).toEqual(['consent_required']);
		});
		it('refused or no answer: no loan', () => {
			expect(
				errorsOf(
					loan({ consent: { phone: '13800000001', atMs: NOW, byStaffId: 1, answer: 'refused' } })
				)
			).toEqual(['consent_refused']);
			expect(
				errorsOf(
					loan({ consent: { phone: '13800000001', atMs: NOW, byStaffId: 1, answer: 'no_answer' } })
				)
			).toEqual(['consent_no_answer']);
		});
		it('the call cannot be in the future (a minute of typing slack) nor too old', () => {
			const at = (atMs: number) =>
				loan({ consent: { phone: '13800000001', atMs, byStaffId: 1, answer: 'agreed' } });
			expect(errorsOf(at(NOW + MIN))).toEqual([]);
			expect(errorsOf(at(NOW + MIN + 1))).toEqual(['consent_time_future']);
			expect(errorsOf(at(NOW - CONSENT_MAX_AGE_MS))).toEqual([]);
			expect(errorsOf(at(NOW - CONSENT_MAX_AGE_MS - 1))).toEqual(['consent_time_stale']);
		});
		it('the caller must be a staff member', () => {
			expect(
				errorsOf(
					loan({ consent: { phone: '13800000001', atMs: NOW, byStaffId: 99, answer: 'agreed' } })
				)
			).toEqual(['consent_staff_unknown']);
		});
		it('is not needed when the borrower is the owner (matched by ID number)', () => {
			expect(checkLoan(loan({ consent: null, borrowerIdNumber: ` ${OWNER_ID} ` }), ctx())).toEqual({
				ok: true,
				consentBasis: 'owner'
			});
		});
		it('is not needed when the borrower is authorised on file (ID number, any case)', () => {
			expect(
				checkLoan(loan({ consent: null, borrowerIdNumber: AUTH_ID.toLowerCase() }), ctx())
			).toEqual({ ok: true, consentBasis: 'authorised' });
		});
		it('a refused call does not matter when the borrower is the owner', () => {
			expect(
				checkLoan(
					loan({
						borrowerIdNumber: OWNER_ID,
						consent: { phone: '1', atMs: NOW, byStaffId: 1, answer: 'refused' }
					}),
					ctx()
				)
			).toEqual({ ok: true, consentBasis: 'owner' });
		});
		it('an empty ID number never matches a holder with no ID on file', () => {
			const c = ctx({ holders: [{ idNumber: '', role: 'owner' }] });
			expect(errorsOf(loan({ consent: null, borrowerIdNumber: '' }), c)).toEqual([
				'consent_required'
			]);
		});
		it('residents (not owner/authorised) are not in the holders list, so they need a call', () => {
			expect(errorsOf(loan({ consent: null }), ctx({ holders: [] }))).toEqual(['consent_required']);
		});
		it('a common-area key needs no consent', () => {
			expect(checkLoan(loan({ consent: null }), ctx({ keyKind: 'common', holders: [] }))).toEqual({
				ok: true,
				consentBasis: 'not_required'
			});
		});
	});

	describe('escort or collateral', () => {
		it('neither → refused', () => {
			expect(errorsOf(loan({ escortStaffId: null, collateral: null }))).toEqual([
				'escort_or_collateral_required'
			]);
		});
		it('a collateral without a number counts as none', () => {
			expect(errorsOf(loan({ collateral: { idType: 'id_card', idNumber: '  ' } }))).toEqual([
				'escort_or_collateral_required'
			]);
			expect(errorsOf(loan({ collateral: { idType: '', idNumber: '123' } }))).toEqual([
				'escort_or_collateral_required'
			]);
		});
		it('an escort alone is enough, and so is both', () => {
			expect(errorsOf(loan({ escortStaffId: 2, collateral: null }))).toEqual([]);
			expect(errorsOf(loan({ escortStaffId: 2 }))).toEqual([]);
		});
		it('the escort must be a staff member', () => {
			expect(errorsOf(loan({ escortStaffId: 42, collateral: null }))).toEqual(['escort_unknown']);
		});
		it('applies to common-area keys too', () => {
			expect(
				errorsOf(loan({ escortStaffId: null, collateral: null }), ctx({ keyKind: 'common' }))
			).toEqual(['escort_or_collateral_required']);
		});
	});

	describe('expected return', () => {
		it('must be after now', () => {
			expect(errorsOf(loan({ expectedReturnAt: NOW }))).toEqual(['expected_return_past']);
			expect(errorsOf(loan({ expectedReturnAt: NOW - H }))).toEqual(['expected_return_past']);
			expect(errorsOf(loan({ expectedReturnAt: NOW + 1 }))).toEqual([]);
		});
	});

	it('reports every problem at once', () => {
		expect(
			errorsOf(
				loan({
					consent: null,
					collateral: null,
					expectedReturnAt: NOW - 1,
					borrowerCompany: '',
					borrowerRelation: ''
				}),
				ctx({ keyState: 'lent' })
			)
		).toEqual([
			'key_lent',
			'identity_incomplete',
			'consent_required',
			'escort_or_collateral_required',
			'expected_return_past'
		]);
	});

	it('every error has a field mapping', () => {
		expect(Object.keys(LOAN_ERROR_FIELD)).toHaveLength(14);
		expect(Object.keys(RETURN_ERROR_FIELD)).toHaveLength(6);
	});
});

describe('holderRole', () => {
	it('owner wins over authorised for the same ID', () => {
		expect(
			holderRole(OWNER_ID, [
				{ idNumber: OWNER_ID, role: 'authorised' },
				{ idNumber: OWNER_ID, role: 'owner' }
			])
		).toBe('owner');
		expect(holderRole('nobody', [{ idNumber: OWNER_ID, role: 'owner' }])).toBeNull();
		expect(holderRole('  ', [{ idNumber: '', role: 'owner' }])).toBeNull();
	});
});

describe('checkReturn', () => {
	const LENT = NOW - H;
	const ret = (over: Partial<ReturnInput> = {}): ReturnInput => ({
		returnedAt: NOW,
		receivedBy: 1,
		lost: false,
		slotConfirmed: true,
		collateralReturned: true,
		...over
	});
	const rctx = (over: Partial<ReturnContext> = {}): ReturnContext => ({
		nowMs: NOW,
		openLoan: { lentAt: LENT, collateralHeld: true },
		staffIds: [1, 2],
		...over
	});

	it('closes an open loan', () => {
		expect(checkReturn(ret(), rctx())).toEqual([]);
	});
	it('refuses a key that is not lent (and nothing else matters)', () => {
		expect(checkReturn(ret({ slotConfirmed: false }), rctx({ openLoan: null }))).toEqual([
			'key_not_lent'
		]);
	});
	it('the slot must be confirmed unless the key was lost', () => {
		expect(checkReturn(ret({ slotConfirmed: false }), rctx())).toEqual(['slot_not_confirmed']);
		expect(checkReturn(ret({ slotConfirmed: false, lost: true }), rctx())).toEqual([]);
	});
	it('collateral held must be handed back; none held, nothing to hand back', () => {
		expect(checkReturn(ret({ collateralReturned: false }), rctx())).toEqual([
			'collateral_not_returned'
		]);
		expect(
			checkReturn(
				ret({ collateralReturned: false }),
				rctx({ openLoan: { lentAt: LENT, collateralHeld: false } })
			)
		).toEqual([]);
		expect(checkReturn(ret({ collateralReturned: false, lost: true }), rctx())).toEqual([
			'collateral_not_returned'
		]);
	});
	it('time between lending (same minute) and now (a minute of slack)', () => {
		expect(checkReturn(ret({ returnedAt: NOW + MIN }), rctx())).toEqual([]);
		expect(checkReturn(ret({ returnedAt: NOW + MIN + 1 }), rctx())).toEqual(['return_time_future']);
		expect(checkReturn(ret({ returnedAt: LENT - 30_000 }), rctx())).toEqual([]);
		expect(checkReturn(ret({ returnedAt: LENT - MIN }), rctx())).toEqual([
			'return_time_before_loan'
		]);
	});
	it('received by a staff member', () => {
		expect(checkReturn(ret({ receivedBy: 9 }), rctx())).toEqual(['receiver_unknown']);
	});
	it('reports every problem at once', () => {
		expect(
			checkReturn(
				ret({
					receivedBy: 9,
					slotConfirmed: false,
					collateralReturned: false,
					returnedAt: NOW + H
				}),
				rctx()
			)
		).toEqual([
			'return_time_future',
			'receiver_unknown',
			'slot_not_confirmed',
			'collateral_not_returned'
		]);
	});
});
