/**
 * Keys (钥匙管理), DOMAIN.md §6: the rules of the key register, lending at the counter and
 * returns. Pure functions over plain values (times are epoch ms, dates YYYY-MM-DD in the
 * community's zone); the server module gathers the context and writes what these allow.
 *
 * The standard: 查找业主联系电话与之联系 … 陪同访客看房;如果无法陪同,应留下访客有效身份证件,
 * 方可借出钥匙;访客走后,应及时收回钥匙,并交钥匙归位,做好相关记录。
 */

export const KEY_KINDS = ['unit', 'common'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** What the register says of a key; "lent" is not stored but derived from the loan log. */
export const KEY_DISPOSITIONS = ['active', 'lost', 'returned_to_owner'] as const;
export type KeyDisposition = (typeof KEY_DISPOSITIONS)[number];

export const KEY_STATES = ['in_cabinet', 'lent', 'lost', 'returned_to_owner'] as const;
export type KeyState = (typeof KEY_STATES)[number];

/** How the owner consented to deposit a spare key (寄存钥匙同意). */
export const DEPOSIT_CONSENT_METHODS = ['written', 'phone', 'in_person', 'other'] as const;
export type DepositConsentMethod = (typeof DEPOSIT_CONSENT_METHODS)[number];

export const LOAN_PURPOSES = ['viewing', 'repair', 'renovation', 'other'] as const;
export type LoanPurpose = (typeof LOAN_PURPOSES)[number];

export const CONSENT_ANSWERS = ['agreed', 'refused', 'no_answer'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];

/** Why a loan was allowed without, or with, the owner's phone consent. */
export const CONSENT_BASES = ['phone', 'owner', 'authorised', 'not_required'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

/** A phone consent older than this does not cover a new loan: call again. */
export const CONSENT_MAX_AGE_MS = 12 * 3600_000;

/**
 * Times typed at the counter have minute precision (datetime-local), so "now" typed a few
 * seconds late must not count as the future.
 */
export const TIME_TOLERANCE_MS = 60_000;

export function keyState(disposition: KeyDisposition, hasOpenLoan: boolean): KeyState {
	if (hasOpenLoan) return 'lent';
	return disposition === 'active' ? 'in_cabinet' : disposition;
}

/** Tag numbers are compared trimmed and upper case ("k-0101 " = "K-0101"). */
export function normaliseTag(tag: string): string {
	return tag.trim().replace(/\s+/g, '').toUpperCase();
}

/** ID numbers are compared without spaces and upper case (an 18-digit ID ends in X or x). */
export function normaliseIdNumber(id: string): string {
	return id.replace(/\s+/g, '').toUpperCase();
}

/** For print: the first and last 4 characters around a fixed run of stars ("3301****0417"). */
export function maskIdNumber(id: string): string {
	const s = normaliseIdNumber(id);
	if (s.length >= 10) return `${s.slice(0, 4)}****${s.slice(-4)}`;
	if (s.length > 4) return `****${s.slice(-2)}`;
	return s;
}

/** Mainland resident ID: 18 characters (17 digits + digit/X) or the old 15 digits. */
export function isPlausibleIdCard(id: string): boolean {
	return /^(\d{17}[\dX]|\d{15})$/.test(normaliseIdNumber(id));
}

export function defaultExpectedReturn(nowMs: number, loanHours: number): number {
	return nowMs + Math.round(loanHours * 3600_000);
}

export function isOverdue(
	loan: { expectedReturnAt: number; returned: boolean },
	nowMs: number
): boolean {
	return !loan.returned && loan.expectedReturnAt < nowMs;
}

/** Whole minutes a loan is past its expected return (0 when not overdue). */
export function overdueMinutes(expectedReturnAt: number, nowMs: number): number {
	return Math.max(0, Math.floor((nowMs - expectedReturnAt) / 60_000));
}

// ------------------------------------------------------------------------------ register

export interface KeyInput {
	kind: KeyKind;
	/** For unit keys: whether the unit code given was found (null when none was given). */
	unitFound: boolean | null;
	description: string;
	depositConsentDate: string | null;
	depositConsentMethod: DepositConsentMethod | null;
}

export interface KeyContext {
	today: string;
	tagTaken: boolean;
}

export type KeyError =
	| 'tag_taken'
	| 'unit_required'
	| 'unit_not_found'
	| 'area_required'
	| 'deposit_consent_required'
	| 'deposit_consent_future';

/**
 * A key can be registered (or edited) when its tag is free; a unit key names an existing unit
 * and carries the owner's deposit consent (date, not in the future, and how it was given); a
 * common-area key says what it opens.
 */
export function checkKey(input: KeyInput, ctx: KeyContext): KeyError[] {
	const errors: KeyError[] = [];
	if (ctx.tagTaken) errors.push('tag_taken');
	if (input.kind === 'unit') {
		if (input.unitFound === null) errors.push('unit_required');
		else if (!input.unitFound) errors.push('unit_not_found');
		if (!input.depositConsentDate || !input.depositConsentMethod)
			errors.push('deposit_consent_required');
		else if (input.depositConsentDate > ctx.today) errors.push('deposit_consent_future');
	} else if (!input.description.trim()) {
		errors.push('area_required');
	}
	return errors;
}

export type DispositionError =
	'key_lent' | 'no_change' | 'deposit_consent_required' | 'deposit_consent_future';

/**
 * Marking a key lost, handed back to its owner, or back in service. Never while it is lent (it
 * must be returned first; a borrower who lost it is recorded on the return). A unit key handed
 * back to its owner comes back only with a fresh deposit consent.
 */
export function checkDisposition(
	input: {
		target: KeyDisposition;
		depositConsentDate: string | null;
		depositConsentMethod: DepositConsentMethod | null;
	},
	ctx: { state: KeyState; disposition: KeyDisposition; kind: KeyKind; today: string }
): DispositionError[] {
	if (ctx.state === 'lent') return ['key_lent'];
	if (input.target === ctx.disposition) return ['no_change'];
	if (input.target === 'active' && ctx.disposition === 'returned_to_owner' && ctx.kind === 'unit') {
		if (!input.depositConsentDate || !input.depositConsentMethod)
			return ['deposit_consent_required'];
		if (input.depositConsentDate > ctx.today) return ['deposit_consent_future'];
	}
	return [];
}

// ------------------------------------------------------------------------------ lending

export interface LoanInput {
	borrowerIdNumber: string;
	borrowerCompany: string;
	borrowerRelation: string;
	purpose: LoanPurpose;
	purposeNote: string;
	/** The owner's phone consent as entered; null when no call was recorded. */
	consent: { phone: string; atMs: number; byStaffId: number; answer: ConsentAnswer | null } | null;
	escortStaffId: number | null;
	collateral: { idType: string; idNumber: string } | null;
	expectedReturnAt: number;
}

export interface LoanContext {
	nowMs: number;
	keyKind: KeyKind;
	keyState: KeyState;
	/** People on file for the key's unit who may take its key without a call: owners and those they authorised. */
	holders: { idNumber: string; role: 'owner' | 'authorised' }[];
	/** Active staff of the community (escort and caller must be one of them). */
	staffIds: readonly number[];
}

export type LoanError =
	| 'key_lent'
	| 'key_lost'
	| 'key_returned_to_owner'
	| 'identity_incomplete'
	| 'purpose_note_required'
	| 'consent_required'
	| 'consent_refused'
	| 'consent_no_answer'
	| 'consent_time_future'
	| 'consent_time_stale'
	| 'consent_staff_unknown'
	| 'escort_or_collateral_required'
	| 'escort_unknown'
	| 'expected_return_past';

export type LoanCheck =
	{ ok: true; consentBasis: ConsentBasis } | { ok: false; errors: LoanError[] };

/** Which form field an error belongs to (null: the form as a whole). */
export const LOAN_ERROR_FIELD: Record<LoanError, string | null> = {
	key_lent: null,
	key_lost: null,
	key_returned_to_owner: null,
	identity_incomplete: 'borrowerRelation',
	purpose_note_required: 'purposeNote',
	consent_required: 'consentAnswer',
	consent_refused: 'consentAnswer',
	consent_no_answer: 'consentAnswer',
	consent_time_future: 'consentAt',
	consent_time_stale: 'consentAt',
	consent_staff_unknown: 'consentBy',
	escort_or_collateral_required: 'collateralIdNumber',
	escort_unknown: 'escortStaffId',
	expected_return_past: 'expectedReturnAt'
};

/** The borrower is on file for the unit (matched by ID number): the owner, or a person the owner authorised. */
export function holderRole(
	idNumber: string,
	holders: LoanContext['holders']
): 'owner' | 'authorised' | null {
	const id = normaliseIdNumber(idNumber);
	if (!id) return null;
	const match = holders.filter((h) => normaliseIdNumber(h.idNumber) === id);
	if (match.some((h) => h.role === 'owner')) return 'owner';
	return match.length ? 'authorised' : null;
}

/**
 * May this key be lent to this borrower now? All the reasons it may not, at once, so the clerk
 * fixes the form in one go:
 * - the key is in the cabinet (not lent, lost or handed back);
 * - the borrower says who they are: a company, or their relation to the owner;
 * - a unit key needs the owner's phone consent — answered "agreed", given by a staff member, not
 *   in the future nor older than CONSENT_MAX_AGE_MS — unless the borrower is the owner or a
 *   person the owner authorised on file; common-area keys need none;
 * - a staff member goes along, or an ID document is held as collateral (either is enough);
 * - the expected return is after now.
 */
export function checkLoan(input: LoanInput, ctx: LoanContext): LoanCheck {
	const errors: LoanError[] = [];
	if (ctx.keyState === 'lent') errors.push('key_lent');
	else if (ctx.keyState === 'lost') errors.push('key_lost');
	else if (ctx.keyState === 'returned_to_owner') errors.push('key_returned_to_owner');

	if (!input.borrowerCompany.trim() && !input.borrowerRelation.trim())
		errors.push('identity_incomplete');
	if (input.purpose === 'other' && !input.purposeNote.trim()) errors.push('purpose_note_required');

	let consentBasis: ConsentBasis = 'not_required';
	if (ctx.keyKind === 'unit') {
		const role = holderRole(input.borrowerIdNumber, ctx.holders);
		if (role) {
			consentBasis = role;
		} else {
			consentBasis = 'phone';
			const c = input.consent;
			if (!c || !c.phone.trim() || !c.answer) errors.push('consent_required');
			else {
				if (c.answer === 'refused') errors.push('consent_refused');
				else if (c.answer === 'no_answer') errors.push('consent_no_answer');
				if (c.atMs > ctx.nowMs + TIME_TOLERANCE_MS) errors.push('consent_time_future');
				else if (c.atMs < ctx.nowMs - CONSENT_MAX_AGE_MS) errors.push('consent_time_stale');
				if (!ctx.staffIds.includes(c.byStaffId)) errors.push('consent_staff_unknown');
			}
		}
	}

	const collateral =
		input.collateral && input.collateral.idType && input.collateral.idNumber.trim()
			? input.collateral
			: null;
	if (input.escortStaffId === null && !collateral) errors.push('escort_or_collateral_required');
	if (input.escortStaffId !== null && !ctx.staffIds.includes(input.escortStaffId))
		errors.push('escort_unknown');

	if (input.expectedReturnAt <= ctx.nowMs) errors.push('expected_return_past');

	return errors.length ? { ok: false, errors } : { ok: true, consentBasis };
}

// ------------------------------------------------------------------------------ return

export interface ReturnInput {
	returnedAt: number;
	receivedBy: number;
	/** The borrower lost the key: nothing goes back in the slot. */
	lost: boolean;
	slotConfirmed: boolean;
	collateralReturned: boolean;
}

export interface ReturnContext {
	nowMs: number;
	/** The key's open loan, if any. */
	openLoan: { lentAt: number; collateralHeld: boolean } | null;
	staffIds: readonly number[];
}

export type ReturnError =
	| 'key_not_lent'
	| 'return_time_future'
	| 'return_time_before_loan'
	| 'receiver_unknown'
	| 'slot_not_confirmed'
	| 'collateral_not_returned';

export const RETURN_ERROR_FIELD: Record<ReturnError, string | null> = {
	key_not_lent: null,
	return_time_future: 'returnedAt',
	return_time_before_loan: 'returnedAt',
	receiver_unknown: 'receivedBy',
	slot_not_confirmed: 'slotConfirmed',
	collateral_not_returned: 'collateralReturned'
};

/**
 * A return closes the key's open loan: at a time between the lending (same minute allowed) and
 * now, received by a staff member, the key confirmed back in its slot (unless the borrower lost
 * it) and any ID held as collateral handed back.
 */
export function checkReturn(input: ReturnInput, ctx: ReturnContext): ReturnError[] {
	if (!ctx.openLoan) return ['key_not_lent'];
	const errors: ReturnError[] = [];
	if (input.returnedAt > ctx.nowMs + TIME_TOLERANCE_MS) errors.push('return_time_future');
	else if (input.returnedAt + TIME_TOLERANCE_MS <= ctx.openLoan.lentAt)
		errors.push('return_time_before_loan');
	if (!ctx.staffIds.includes(input.receivedBy)) errors.push('receiver_unknown');
	if (!input.lost && !input.slotConfirmed) errors.push('slot_not_confirmed');
	if (ctx.openLoan.collateralHeld && !input.collateralReturned)
		errors.push('collateral_not_returned');
	return errors;
}
