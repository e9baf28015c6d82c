import { randomInt } from 'node:crypto';
import { and, eq, isNull, like, count } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import { getCommunity } from '../community';
import { itemClaims, itemDeposits, itemReleasePasses, itemReleases } from '../db/schema';
import { findUnitByCode } from '../keys/queries';
import { todayIn } from '../../dates';
import {
	claimByProblem,
	consentProblems,
	ID_LAST4,
	isReleaseExpired,
	mayClaim,
	slipNo,
	validUntilProblem,
	type Claimer,
	type Consent,
	type ConsentInput,
	type IdType
} from '../../domain/items';
import type { Actor } from '../auth/actor';
import { ItemError, type ItemErrorCode } from './errors';
import { sameForm } from '../form-key';

export interface DepositInput {
	/** A unit code, or '' (a visitor leaving something for a resident need not give one). */
	unit: string;
	depositorName: string;
	depositorPhone: string;
	items: string;
	itemCount: number;
	claimer: Claimer;
	claimerName: string;
	claimerPhone: string;
	/** Last day to claim (YYYY-MM-DD, the community's date). */
	claimBy: string;
	formKey: string;
}

export interface ClaimInput {
	/** The slip's number (JC…) or its 6-digit code, as the claimant shows it. */
	ref: string;
	claimantName: string;
	idType: IdType | '';
	idLast4: string;
	note: string;
}

export interface ReleaseInput extends ConsentInput {
	unit: string;
	items: string;
	itemCount: number;
	carrierName: string;
	carrierPhone: string;
	plate: string;
	/** Last day the slip is good at the gate. */
	validUntil: string;
	formKey: string;
}

const todayOf = (db: Db, communityId: number, now: number) =>
	todayIn(getCommunity(db, communityId).timeZone, now);

function unitIdOf(db: Db, communityId: number, code: string): number {
	const unit = findUnitByCode(db, communityId, code);
	if (!unit) throw new ItemError('unknown_unit', { code });
	return unit.id;
}

/** The day's next number of a register (JC20261123-001, -002 …). */
function nextNo(db: Db, communityId: number, prefix: 'JC' | 'FX', today: string): string {
	const t = prefix === 'JC' ? itemDeposits : itemReleases;
	const col = prefix === 'JC' ? itemDeposits.claimNo : itemReleases.releaseNo;
	const day = slipNo(prefix, today, 0).slice(0, -3);
	const r = db
		.select({ n: count() })
		.from(t)
		.where(and(eq(t.communityId, communityId), like(col, `${day}%`)))
		.get();
	return slipNo(prefix, today, (r?.n ?? 0) + 1);
}

/** Six digits no other goods still kept carry, so the code alone finds them. */
function freshCode(db: Db, communityId: number): string {
	for (;;) {
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		const taken = db
			.select({ id: itemDeposits.id })
			.from(itemDeposits)
			.leftJoin(itemClaims, eq(itemClaims.depositId, itemDeposits.id))
			.where(
				and(
					eq(itemDeposits.communityId, communityId),
					eq(itemDeposits.claimCode, code),
					isNull(itemClaims.id)
				)
			)
			.get();
		if (!taken) return code;
	}
}

/** Takes goods into safekeeping; returns the deposit and its slip number. Idempotent by form key. */
export function createDeposit(
	db: Db,
	actor: Actor,
	input: DepositInput,
	now = nowMs()
): { id: number; claimNo: string } {
	const c = getCommunity(db, actor.communityId);
	const today = todayIn(c.timeZone, now);
	return tx(db, () => {
		const again = db
			.select({ id: itemDeposits.id, claimNo: itemDeposits.claimNo })
			.from(itemDeposits)
			.where(sameForm(itemDeposits, actor.communityId, input.formKey))
			.get();
		if (again) return again;
		const problem = claimByProblem(input.claimBy, today, c.settings.items.keepDays);
		if (problem) throw new ItemError(problem, { days: c.settings.items.keepDays });
		if (input.claimer === 'named' && !input.claimerName)
			throw new ItemError('claimer_name_missing');
		const unitId = input.unit ? unitIdOf(db, actor.communityId, input.unit) : null;
		const claimNo = nextNo(db, actor.communityId, 'JC', today);
		const { id } = db
			.insert(itemDeposits)
			.values({
				communityId: actor.communityId,
				claimNo,
				claimCode: freshCode(db, actor.communityId),
				unitId,
				depositorName: input.depositorName,
				depositorPhone: input.depositorPhone,
				items: input.items,
				itemCount: input.itemCount,
				claimer: input.claimer,
				claimerName: input.claimer === 'named' ? input.claimerName : '',
				claimerPhone: input.claimer === 'named' ? input.claimerPhone : '',
				claimBy: input.claimBy,
				formKey: input.formKey,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: itemDeposits.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'item.deposit',
				targetType: 'item_deposit',
				targetId: id,
				detail: { claimNo, unit: input.unit, items: input.items, count: input.itemCount }
			},
			now
		);
		return { id, claimNo };
	});
}

/**
 * Hands kept goods over: found by the slip's number or code, to the depositor or the person they
 * named, after an ID check (type and last four). Claimed once.
 */
export function claimDeposit(
	db: Db,
	actor: Actor,
	input: ClaimInput,
	now = nowMs()
): { id: number; claimNo: string } {
	if (!input.idType || !ID_LAST4.test(input.idLast4)) throw new ItemError('id_missing');
	const ref = input.ref.trim().toUpperCase();
	return tx(db, () => {
		const base = db
			.select({
				id: itemDeposits.id,
				claimNo: itemDeposits.claimNo,
				claimer: itemDeposits.claimer,
				depositorName: itemDeposits.depositorName,
				claimerName: itemDeposits.claimerName,
				claimId: itemClaims.id
			})
			.from(itemDeposits)
			.leftJoin(itemClaims, eq(itemClaims.depositId, itemDeposits.id));
		// A code is unique only among goods still kept; a number is unique for good.
		const d = /^\d{6}$/.test(ref)
			? base
					.where(
						and(
							eq(itemDeposits.communityId, actor.communityId),
							eq(itemDeposits.claimCode, ref),
							isNull(itemClaims.id)
						)
					)
					.get()
			: base
					.where(
						and(eq(itemDeposits.communityId, actor.communityId), eq(itemDeposits.claimNo, ref))
					)
					.get();
		if (!d) throw new ItemError('not_found', { ref });
		if (d.claimId !== null) throw new ItemError('already_claimed', { claimNo: d.claimNo });
		if (!mayClaim(d, input.claimantName))
			throw new ItemError('not_claimer', { claimNo: d.claimNo });
		db.insert(itemClaims)
			.values({
				depositId: d.id,
				claimantName: input.claimantName,
				idType: input.idType as IdType,
				idLast4: input.idLast4.toUpperCase(),
				note: input.note,
				createdBy: actor.id,
				createdAt: now
			})
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'item.claim',
				targetType: 'item_deposit',
				targetId: d.id,
				detail: { claimNo: d.claimNo, claimant: input.claimantName, idType: input.idType }
			},
			now
		);
		return { id: d.id, claimNo: d.claimNo };
	});
}

const CONSENT_CODES: Record<string, ItemErrorCode> = {
	consentBy: 'consent_by_missing',
	consentPhone: 'consent_phone_missing',
	consentIdType: 'consent_id_missing',
	consentIdLast4: 'consent_id_missing',
	consentNote: 'consent_note_missing'
};

/** Allows goods out with the owner's consent; returns the release and its slip number. Idempotent by form key. */
export function createRelease(
	db: Db,
	actor: Actor,
	input: ReleaseInput,
	now = nowMs()
): { id: number; releaseNo: string } {
	const today = todayOf(db, actor.communityId, now);
	return tx(db, () => {
		const again = db
			.select({ id: itemReleases.id, releaseNo: itemReleases.releaseNo })
			.from(itemReleases)
			.where(sameForm(itemReleases, actor.communityId, input.formKey))
			.get();
		if (again) return again;
		const unitId = unitIdOf(db, actor.communityId, input.unit);
		const consent = consentProblems(input);
		if (consent === 'no_consent') throw new ItemError('no_consent');
		if (consent.length) {
			const errors = [...new Set(consent.map((f) => CONSENT_CODES[f]))];
			throw new ItemError(errors[0], { errors });
		}
		const valid = validUntilProblem(input.validUntil, today);
		if (valid) throw new ItemError(valid);
		const releaseNo = nextNo(db, actor.communityId, 'FX', today);
		const inPerson = input.consent === 'in_person';
		const { id } = db
			.insert(itemReleases)
			.values({
				communityId: actor.communityId,
				releaseNo,
				unitId,
				items: input.items,
				itemCount: input.itemCount,
				carrierName: input.carrierName,
				carrierPhone: input.carrierPhone,
				plate: input.plate.toUpperCase(),
				consent: input.consent as Consent,
				consentBy: input.consentBy,
				consentPhone: input.consent === 'phone' ? input.consentPhone : '',
				consentIdType: inPerson ? (input.consentIdType as IdType) : null,
				consentIdLast4: inPerson ? input.consentIdLast4.toUpperCase() : '',
				consentNote: input.consentNote,
				validUntil: input.validUntil,
				formKey: input.formKey,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: itemReleases.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'item.release',
				targetType: 'item_release',
				targetId: id,
				detail: { releaseNo, unit: input.unit, items: input.items, consent: input.consent }
			},
			now
		);
		return { id, releaseNo };
	});
}

/** The gate lets the goods out: recorded once, and only while the slip is valid. */
export function passRelease(db: Db, actor: Actor, id: number, note: string, now = nowMs()): void {
	const today = todayOf(db, actor.communityId, now);
	tx(db, () => {
		const r = db
			.select({
				id: itemReleases.id,
				releaseNo: itemReleases.releaseNo,
				validUntil: itemReleases.validUntil,
				passId: itemReleasePasses.id
			})
			.from(itemReleases)
			.leftJoin(itemReleasePasses, eq(itemReleasePasses.releaseId, itemReleases.id))
			.where(and(eq(itemReleases.id, id), eq(itemReleases.communityId, actor.communityId)))
			.get();
		if (!r) throw new ItemError('not_found');
		if (r.passId !== null) throw new ItemError('already_passed', { releaseNo: r.releaseNo });
		if (isReleaseExpired('pending', r.validUntil, today))
			throw new ItemError('release_expired', { releaseNo: r.releaseNo, date: r.validUntil });
		db.insert(itemReleasePasses)
			.values({ releaseId: id, note, createdBy: actor.id, createdAt: now })
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'item.pass',
				targetType: 'item_release',
				targetId: id,
				detail: { releaseNo: r.releaseNo, note }
			},
			now
		);
	});
}
