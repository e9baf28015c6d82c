import type { Actor } from '../auth/actor';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { keyLoans, keyReturns, keys, type IdType } from '../db/schema';
import { auditBy } from '../audit';
import { communityToday, getCommunity } from '../community';
import {
	checkDisposition,
	checkKey,
	checkLoan,
	checkReturn,
	keyState,
	normaliseIdNumber,
	normaliseTag,
	type DepositConsentMethod,
	type DispositionError,
	type KeyDisposition,
	type KeyError,
	type KeyKind,
	type LoanError,
	type LoanInput,
	type ReturnError
} from '../../domain/keys';
import { activeStaff, findUnitByCode, unitHolders } from './queries';

/** Who is acting (one type for every area). */
export type { Actor };

export type Result<E> = { ok: true; id: number; replay?: boolean } | { ok: false; errors: E[] };

function today(db: Db, communityId: number, nowMs: number): string {
	return communityToday(getCommunity(db, communityId), new Date(nowMs));
}

/** The answer to a replayed form token (a double submit, a retry): the row it already wrote. */
function replayOf(
	db: Db,
	table: typeof keyLoans | typeof keyReturns,
	keyId: number,
	token: string
): { ok: true; id: number; replay: true } | null {
	const row = db
		.select({ id: table.id, keyId: table.keyId })
		.from(table)
		.where(eq(table.idempotencyKey, token))
		.get();
	return row && row.keyId === keyId ? { ok: true, id: row.id, replay: true } : null;
}

function staffIds(db: Db, communityId: number): number[] {
	return activeStaff(db, communityId).map((s) => s.id);
}

function hasOpenLoan(db: Db, keyId: number): boolean {
	return !!db
		.select({ id: keyLoans.id })
		.from(keyLoans)
		.leftJoin(keyReturns, eq(keyReturns.loanId, keyLoans.id))
		.where(and(eq(keyLoans.keyId, keyId), isNull(keyReturns.id)))
		.get();
}

function keyOf(db: Db, communityId: number, id: number) {
	return db
		.select()
		.from(keys)
		.where(and(eq(keys.communityId, communityId), eq(keys.id, id)))
		.get();
}

type KeyRow = NonNullable<ReturnType<typeof keyOf>>;

/**
 * A lending or a return, in one IMMEDIATE transaction: a replayed form token answers with what it
 * already wrote, before anything else is looked at; a key not of the community is not_found.
 */
function keyMove<E>(
	db: Db,
	actor: Actor,
	keyId: number,
	table: typeof keyLoans | typeof keyReturns,
	token: string,
	write: (key: KeyRow) => Result<E>
): Result<E | 'not_found'> {
	return tx(db, () => {
		const replay = replayOf(db, table, keyId, token);
		if (replay) return replay;
		const key = keyOf(db, actor.communityId, keyId);
		if (!key) return { ok: false, errors: ['not_found'] };
		return write(key);
	});
}

function tagTaken(db: Db, communityId: number, tag: string, exceptId?: number): boolean {
	const cond = and(
		eq(keys.communityId, communityId),
		eq(keys.tagNo, tag),
		exceptId === undefined ? undefined : ne(keys.id, exceptId)
	);
	return !!db.select({ id: keys.id }).from(keys).where(cond).get();
}

// ------------------------------------------------------------------------------ register

export interface NewKeyInput {
	tagNo: string;
	kind: KeyKind;
	/** Unit code (7-1-301) for a unit key. */
	unitCode: string;
	description: string;
	slot: string;
	depositConsentDate: string | null;
	depositConsentMethod: DepositConsentMethod | null;
	note: string;
}

export type RegisterError = KeyError | 'not_found';

export function createKey(
	db: Db,
	actor: Actor,
	input: NewKeyInput,
	nowMs: number
): Result<RegisterError> {
	return tx(db, () => {
		const tag = normaliseTag(input.tagNo);
		const unit =
			input.kind === 'unit' && input.unitCode.trim()
				? findUnitByCode(db, actor.communityId, input.unitCode)
				: null;
		const errors = checkKey(
			{
				kind: input.kind,
				unitFound: input.kind === 'unit' ? (input.unitCode.trim() ? !!unit : null) : null,
				description: input.description,
				depositConsentDate: input.depositConsentDate,
				depositConsentMethod: input.depositConsentMethod
			},
			{ today: today(db, actor.communityId, nowMs), tagTaken: tagTaken(db, actor.communityId, tag) }
		);
		if (errors.length) return { ok: false, errors };
		const unitKey = input.kind === 'unit';
		const row = db
			.insert(keys)
			.values({
				communityId: actor.communityId,
				tagNo: tag,
				kind: input.kind,
				unitId: unitKey ? unit!.id : null,
				description: input.description.trim(),
				slot: input.slot.trim(),
				depositConsentDate: unitKey ? input.depositConsentDate : null,
				depositConsentMethod: unitKey ? input.depositConsentMethod : null,
				note: input.note.trim(),
				createdBy: actor.id,
				createdAt: nowMs,
				updatedAt: nowMs
			})
			.returning({ id: keys.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'key.create',
				targetType: 'key',
				targetId: row.id,
				detail: {
					tagNo: tag,
					kind: input.kind,
					unitCode: unit?.code ?? null,
					slot: input.slot.trim()
				}
			},
			nowMs
		);
		return { ok: true, id: row.id };
	});
}

export interface EditKeyInput {
	tagNo: string;
	description: string;
	slot: string;
	depositConsentDate: string | null;
	depositConsentMethod: DepositConsentMethod | null;
	note: string;
}

const EDITABLE = [
	'tagNo',
	'description',
	'slot',
	'depositConsentDate',
	'depositConsentMethod',
	'note'
] as const;

/** Edits the register entry (not its kind or unit: that is another key). Every change is audited. */
export function updateKey(
	db: Db,
	actor: Actor,
	id: number,
	input: EditKeyInput,
	nowMs: number
): Result<RegisterError> {
	return tx(db, () => {
		const key = keyOf(db, actor.communityId, id);
		if (!key) return { ok: false, errors: ['not_found'] };
		const unitKey = key.kind === 'unit';
		const next = {
			tagNo: normaliseTag(input.tagNo),
			description: input.description.trim(),
			slot: input.slot.trim(),
			depositConsentDate: unitKey ? input.depositConsentDate : null,
			depositConsentMethod: unitKey ? input.depositConsentMethod : null,
			note: input.note.trim()
		};
		const errors = checkKey(
			{
				kind: key.kind,
				unitFound: unitKey ? true : null,
				description: next.description,
				depositConsentDate: next.depositConsentDate,
				depositConsentMethod: next.depositConsentMethod
			},
			{
				today: today(db, actor.communityId, nowMs),
				tagTaken: tagTaken(db, actor.communityId, next.tagNo, id)
			}
		);
		if (errors.length) return { ok: false, errors };
		const changes: Record<string, [unknown, unknown]> = {};
		for (const f of EDITABLE) if (key[f] !== next[f]) changes[f] = [key[f], next[f]];
		if (Object.keys(changes).length === 0) return { ok: true, id };
		db.update(keys)
			.set({ ...next, updatedAt: nowMs })
			.where(eq(keys.id, id))
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'key.update',
				targetType: 'key',
				targetId: id,
				detail: { changes }
			},
			nowMs
		);
		return { ok: true, id };
	});
}

export interface DispositionInput {
	target: KeyDisposition;
	depositConsentDate: string | null;
	depositConsentMethod: DepositConsentMethod | null;
	note: string;
}

/**
 * Puts a key in another disposition with its audit entry (from → to, then `detail`); `consent` is
 * the re-deposit's consent columns that change with it.
 */
function setDisposition(
	db: Db,
	actor: Actor,
	key: { id: number; disposition: KeyDisposition },
	to: KeyDisposition,
	nowMs: number,
	detail: Record<string, unknown>,
	consent: Pick<
		Partial<typeof keys.$inferInsert>,
		'depositConsentDate' | 'depositConsentMethod'
	> = {}
): void {
	db.update(keys)
		.set({ disposition: to, updatedAt: nowMs, ...consent })
		.where(eq(keys.id, key.id))
		.run();
	auditBy(
		db,
		actor,
		{
			action: 'key.disposition',
			targetType: 'key',
			targetId: key.id,
			detail: { from: key.disposition, to, ...detail }
		},
		nowMs
	);
}

/** Marks a key lost, handed back to its owner, or back in service (audited). */
export function changeDisposition(
	db: Db,
	actor: Actor,
	id: number,
	input: DispositionInput,
	nowMs: number
): Result<DispositionError | 'not_found'> {
	return tx(db, () => {
		const key = keyOf(db, actor.communityId, id);
		if (!key) return { ok: false, errors: ['not_found'] };
		const errors = checkDisposition(input, {
			state: keyState(key.disposition, hasOpenLoan(db, id)),
			disposition: key.disposition,
			kind: key.kind,
			today: today(db, actor.communityId, nowMs)
		});
		if (errors.length) return { ok: false, errors };
		const redeposit =
			input.target === 'active' && key.disposition === 'returned_to_owner' && key.kind === 'unit';
		const consent = redeposit
			? {
					depositConsentDate: input.depositConsentDate,
					depositConsentMethod: input.depositConsentMethod
				}
			: {};
		setDisposition(
			db,
			actor,
			key,
			input.target,
			nowMs,
			{ note: input.note.trim(), ...consent },
			consent
		);
		return { ok: true, id };
	});
}

// ------------------------------------------------------------------------------ lending

/** What the rules check (domain `LoanInput`), and who borrows it as the register records them. */
export interface LendInput extends Omit<LoanInput, 'collateral'> {
	borrowerName: string;
	borrowerIdType: IdType;
	borrowerPhone: string;
	collateral: { idType: IdType; idNumber: string } | null;
	idempotencyKey: string;
}

export type LendError = LoanError | 'not_found';

/**
 * Lends a key: checks the rules (domain `checkLoan`) against the key's state and the unit's
 * holders inside one IMMEDIATE transaction, so two clerks cannot lend the same key twice. A
 * replayed form token answers with the loan it already made.
 */
export function lendKey(
	db: Db,
	actor: Actor,
	keyId: number,
	input: LendInput,
	nowMs: number
): Result<LendError> {
	return keyMove(db, actor, keyId, keyLoans, input.idempotencyKey, (key) => {
		const holders = key.unitId ? unitHolders(db, key.unitId, new Date(nowMs)) : [];
		const check = checkLoan(input, {
			nowMs,
			keyKind: key.kind,
			keyState: keyState(key.disposition, hasOpenLoan(db, keyId)),
			holders,
			staffIds: staffIds(db, actor.communityId)
		});
		if (!check.ok) return { ok: false, errors: check.errors };
		const byPhone = check.consentBasis === 'phone';
		const collateral =
			input.collateral && input.collateral.idNumber.trim() ? input.collateral : null;
		const loan = db
			.insert(keyLoans)
			.values({
				communityId: actor.communityId,
				keyId,
				lentAt: nowMs,
				lentBy: actor.id,
				slot: key.slot,
				borrowerName: input.borrowerName.trim(),
				borrowerIdType: input.borrowerIdType,
				borrowerIdNumber: normaliseIdNumber(input.borrowerIdNumber),
				borrowerPhone: input.borrowerPhone.trim(),
				borrowerCompany: input.borrowerCompany.trim(),
				borrowerRelation: input.borrowerRelation.trim(),
				purpose: input.purpose,
				purposeNote: input.purposeNote.trim(),
				consentBasis: check.consentBasis,
				// Only a phone consent is recorded; an owner or authorised borrower needs none.
				consentPhone: byPhone ? input.consent!.phone.trim() : null,
				consentAt: byPhone ? input.consent!.atMs : null,
				consentBy: byPhone ? input.consent!.byStaffId : null,
				consentAnswer: byPhone ? input.consent!.answer : null,
				escortStaffId: input.escortStaffId,
				collateralIdType: collateral?.idType ?? null,
				collateralIdNumber: collateral ? normaliseIdNumber(collateral.idNumber) : null,
				expectedReturnAt: input.expectedReturnAt,
				idempotencyKey: input.idempotencyKey,
				createdAt: nowMs
			})
			.returning({ id: keyLoans.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'key.lend',
				targetType: 'key_loan',
				targetId: loan.id,
				detail: {
					keyId,
					tagNo: key.tagNo,
					borrower: input.borrowerName.trim(),
					consentBasis: check.consentBasis
				}
			},
			nowMs
		);
		return { ok: true, id: loan.id };
	});
}

export interface ReturnKeyInput {
	returnedAt: number;
	receivedBy: number;
	lost: boolean;
	slotConfirmed: boolean;
	collateralReturned: boolean;
	note: string;
	idempotencyKey: string;
}

export type ReturnKeyError = ReturnError | 'not_found';

/** Closes the key's open loan. A key the borrower lost is marked lost in the register. */
export function returnKey(
	db: Db,
	actor: Actor,
	keyId: number,
	input: ReturnKeyInput,
	nowMs: number
): Result<ReturnKeyError> {
	return keyMove(db, actor, keyId, keyReturns, input.idempotencyKey, (key) => {
		const open = db
			.select({
				id: keyLoans.id,
				lentAt: keyLoans.lentAt,
				collateralIdNumber: keyLoans.collateralIdNumber
			})
			.from(keyLoans)
			.leftJoin(keyReturns, eq(keyReturns.loanId, keyLoans.id))
			.where(and(eq(keyLoans.keyId, keyId), isNull(keyReturns.id)))
			.get();
		const collateralHeld = !!open?.collateralIdNumber;
		const errors = checkReturn(input, {
			nowMs,
			openLoan: open ? { lentAt: open.lentAt, collateralHeld } : null,
			staffIds: staffIds(db, actor.communityId)
		});
		if (errors.length || !open) return { ok: false, errors };
		const ret = db
			.insert(keyReturns)
			.values({
				communityId: actor.communityId,
				loanId: open.id,
				keyId,
				returnedAt: input.returnedAt,
				receivedBy: input.receivedBy,
				lost: input.lost,
				slot: input.lost ? null : key.slot,
				collateralReturned: collateralHeld ? input.collateralReturned : null,
				note: input.note.trim(),
				recordedBy: actor.id,
				idempotencyKey: input.idempotencyKey,
				createdAt: nowMs
			})
			.returning({ id: keyReturns.id })
			.get();
		if (input.lost) {
			setDisposition(db, actor, key, 'lost', nowMs, { loanId: open.id });
		}
		auditBy(
			db,
			actor,
			{
				action: 'key.return',
				targetType: 'key_loan',
				targetId: open.id,
				detail: { keyId, tagNo: key.tagNo, lost: input.lost }
			},
			nowMs
		);
		return { ok: true, id: ret.id };
	});
}
