import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { owners, unitOwners, units } from '../db/schema';
import { blockedMinutes, clearFailures, KIOSK_IDENTIFY_LIMIT, recordFailure } from './rate-limit';
import { audit } from '../audit';

export type IdentifyResult =
	| { ok: true; unitId: number; unitCode: string }
	| { ok: false; reason: 'empty' | 'invalid' | 'limited'; minutes?: number };

/** Room codes look like 3-2-1502; residents may type spaces or full-width dashes. */
export function normaliseRoomCode(input: string): string {
	return input.trim().replace(/[－—–\s]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32);
}

/**
 * A resident identifies with the room code and the last four digits of a phone on file for that
 * unit. Failures are limited per room and per kiosk (address); the answer never says which of
 * the two was wrong, so the kiosk cannot be used to find out who lives where.
 */
export function identifyResident(db: Db, communityId: number, roomInput: string, last4: string, address: string, now: number): IdentifyResult {
	const room = normaliseRoomCode(roomInput);
	const digits = last4.trim();
	if (!room || !digits) return { ok: false, reason: 'empty' };
	const buckets = [`kiosk:room:${communityId}:${room}`, `kiosk:addr:${address}`];
	const minutes = blockedMinutes(db, buckets, KIOSK_IDENTIFY_LIMIT, now);
	if (minutes > 0) return { ok: false, reason: 'limited', minutes };

	const unit = db.select().from(units).where(and(eq(units.communityId, communityId), eq(units.code, room))).get();
	const phones = unit
		? db.select({ phone: owners.phone }).from(unitOwners).innerJoin(owners, eq(owners.id, unitOwners.ownerId)).where(eq(unitOwners.unitId, unit.id)).all()
		: [];
	const match = /^\d{4}$/.test(digits) && phones.some((p) => p.phone.replace(/\D/g, '').endsWith(digits));
	if (!unit || !match) {
		recordFailure(db, buckets, now);
		return { ok: false, reason: 'invalid' };
	}
	clearFailures(db, [buckets[0]]);
	audit(db, { communityId, actorId: unit.id, actorKind: 'resident', action: 'kiosk.identify', targetType: 'unit', targetId: unit.code }, now);
	return { ok: true, unitId: unit.id, unitCode: unit.code };
}
