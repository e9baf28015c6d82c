import { randomBytes, scryptSync } from 'node:crypto';
import { and, count, eq, gte, lt } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import { getCommunity } from '../community';
import { visitorExits, visitors, type IdType } from '../db/schema';
import { findUnitByCode } from '../keys/queries';
import { normaliseIdNumber } from '../../domain/keys';
import {
	dayEndMs,
	idNumberProblem,
	maskVisitorId,
	slipNo as slipNoOf
} from '../../domain/visitors';
import { addDays, localToEpochMs, todayIn } from '../../dates';
import type { Actor } from '../auth/actor';
import { VisitorError } from './errors';
import { visitsWithIdHash } from './queries';
import { sameForm } from '../form-key';

export interface VisitorInput {
	name: string;
	idType: IdType;
	/** As typed; only its mask and hash are kept. */
	idNumber: string;
	unit: string;
	hostName: string;
	purpose: string;
	partySize: number;
	confirmPhone: string;
	confirmAnsweredBy: string;
	/** The resident confirmed on the phone; without it the visitor is not let in. */
	confirmed: boolean;
	/** One per form shown: a second submit of the same form returns the first registration. */
	formKey: string;
}

/**
 * The number's fingerprint for recognising a repeat visitor. An ID number has little entropy
 * (region, birth date, a sequence), so a plain hash would give it back by trying them all: scrypt
 * makes that slow, and the community in the salt keeps the fingerprints of two communities apart.
 */
export function idHashOf(communityId: number, idType: IdType, idNumber: string): string {
	return scryptSync(
		`${idType}:${normaliseIdNumber(idNumber)}`,
		`frontdesk-visitor:${communityId}`,
		32
	).toString('hex');
}

export interface Registered {
	id: number;
	slipNo: string;
	token: string;
	/** Earlier visits with the same ID number (0: first time). */
	earlierVisits: number;
}

/** Registers a visitor let in now (做好登记，予以放行). Idempotent by form key. */
export function registerVisitor(
	db: Db,
	actor: Actor,
	input: VisitorInput,
	now = nowMs()
): Registered {
	const tz = getCommunity(db, actor.communityId).timeZone;
	// Hashed outside the transaction: scrypt takes tens of milliseconds, the write lock should not.
	const idHash = idHashOf(actor.communityId, input.idType, input.idNumber);
	return tx(db, () => {
		const again = db
			.select({ id: visitors.id, slipNo: visitors.slipNo, token: visitors.token })
			.from(visitors)
			.where(sameForm(visitors, actor.communityId, input.formKey))
			.get();
		if (again)
			return { ...again, earlierVisits: visitsWithIdHash(db, actor.communityId, idHash, again.id) };
		if (!input.confirmed) throw new VisitorError('not_confirmed');
		const problem = idNumberProblem(input.idType, input.idNumber);
		if (problem) throw new VisitorError(problem);
		const unit = findUnitByCode(db, actor.communityId, input.unit);
		if (!unit) throw new VisitorError('unknown_unit', { code: input.unit });

		const today = todayIn(tz, now);
		const dayStart = localToEpochMs(today, '00:00', tz);
		const nextDay = localToEpochMs(addDays(today, 1), '00:00', tz);
		const n = db
			.select({ n: count() })
			.from(visitors)
			.where(
				and(
					eq(visitors.communityId, actor.communityId),
					gte(visitors.inAt, dayStart),
					lt(visitors.inAt, nextDay)
				)
			)
			.get();
		const slipNo = slipNoOf(today, (n?.n ?? 0) + 1);
		// 128 random bits: the slip's QR address cannot be guessed from another slip.
		const token = randomBytes(16).toString('base64url');
		const { id } = db
			.insert(visitors)
			.values({
				communityId: actor.communityId,
				slipNo,
				token,
				name: input.name,
				idType: input.idType,
				idMasked: maskVisitorId(input.idNumber),
				idHash,
				unitId: unit.id,
				hostName: input.hostName,
				purpose: input.purpose,
				partySize: input.partySize,
				confirmPhone: input.confirmPhone,
				confirmAnsweredBy: input.confirmAnsweredBy,
				inAt: now,
				validUntil: dayEndMs(now, tz),
				formKey: input.formKey,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: visitors.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'visitor.register',
				targetType: 'visitor',
				targetId: id,
				detail: { slipNo, unit: input.unit, host: input.hostName, party: input.partySize }
			},
			now
		);
		return {
			id,
			slipNo,
			token,
			earlierVisits: visitsWithIdHash(db, actor.communityId, idHash, id)
		};
	});
}

/** Records that a visitor left (登记离开). Once: a second leaving is refused. */
export function recordLeaving(
	db: Db,
	actor: Actor,
	by: { id: number } | { token: string },
	now = nowMs()
): { id: number; slipNo: string; name: string } {
	return tx(db, () => {
		const v = db
			.select({ id: visitors.id, slipNo: visitors.slipNo, name: visitors.name })
			.from(visitors)
			.where(
				and(
					eq(visitors.communityId, actor.communityId),
					'id' in by ? eq(visitors.id, by.id) : eq(visitors.token, by.token)
				)
			)
			.get();
		if (!v) throw new VisitorError('not_found');
		const left = db
			.select({ id: visitorExits.id })
			.from(visitorExits)
			.where(eq(visitorExits.visitorId, v.id))
			.get();
		if (left) throw new VisitorError('already_left');
		db.insert(visitorExits).values({ visitorId: v.id, createdBy: actor.id, createdAt: now }).run();
		auditBy(
			db,
			actor,
			{
				action: 'visitor.leave',
				targetType: 'visitor',
				targetId: v.id,
				detail: { slipNo: v.slipNo }
			},
			now
		);
		return v;
	});
}
