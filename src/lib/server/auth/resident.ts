import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { units } from '../db/schema';
import { currentUnitTies } from '../records/ties';
import { IDENTIFYING_ROLES } from '../../domain/records';
import {
	addressBlock,
	attemptTimes,
	clearFailures,
	releaseAttempt,
	reserveAttempt
} from './rate-limit';
import { audit, auditFailure } from '../audit';
import {
	decideKioskAttempt,
	KIOSK_LIMITS,
	kioskAddressDelayMs,
	kioskAfterFailure,
	phoneEntryKind
} from '$lib/domain/access-limits';

export type IdentifyResult =
	| { ok: true; unitId: number; unitCode: string }
	| { ok: false; reason: 'empty' }
	/** Wrong: `mode` is what to ask next (4 digits or the full number), `triesLeft` before that changes. */
	| { ok: false; reason: 'invalid'; mode: 'short' | 'full'; triesLeft: number }
	/** The room is being guessed: only the full phone number is taken now. */
	| { ok: false; reason: 'need_full' }
	| { ok: false; reason: 'limited'; minutes: number };

/** Room codes look like 3-2-1502; residents may type spaces or full-width dashes. */
export function normaliseRoomCode(input: string): string {
	return input
		.trim()
		.replace(/[－—–\s]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 32);
}

function identifyBuckets(communityId: number, room: string, address: string) {
	const block = addressBlock(address);
	return {
		roomShort: `kiosk:room4:${communityId}:${room}`,
		roomFullAddress: `kiosk:roomfull:${communityId}:${room}|${block}`,
		address: `kiosk:addr:${block}`
	};
}

const LOOKBACK_MS = Math.max(
	KIOSK_LIMITS.roomShort.windowMs,
	KIOSK_LIMITS.roomFullAddress.windowMs,
	KIOSK_LIMITS.addressSlowWindowMs
);

/**
 * How long to pause before answering this address (many recent failures from it). A pause, never
 * a refusal: the hall kiosk's one address is shared by every resident.
 */
export function identifyDelayMs(db: Db, address: string, now: number): number {
	return kioskAddressDelayMs(
		attemptTimes(db, `kiosk:addr:${addressBlock(address)}`, now - KIOSK_LIMITS.addressSlowWindowMs),
		now
	);
}

/**
 * A resident identifies with the room code and the last four digits of a phone on file for that
 * unit — or, while the room is being guessed, the full phone number (KIOSK_LIMITS). The answer
 * never says which of the two was wrong, so the kiosk cannot be used to find out who lives where;
 * rooms that do not exist are counted and answered the same way.
 */
export function identifyResident(
	db: Db,
	communityId: number,
	roomInput: string,
	phoneInput: string,
	address: string,
	now: number
): IdentifyResult {
	const room = normaliseRoomCode(roomInput);
	const digits = phoneInput.replace(/[\s-]/g, '');
	const given = phoneEntryKind(digits);
	if (!room || !given) return { ok: false, reason: 'empty' };
	const buckets = identifyBuckets(communityId, room, address);
	const { decision, ids } = reserveAttempt(
		db,
		buckets,
		LOOKBACK_MS,
		(t) => decideKioskAttempt(t, given, now),
		() => [given === 'short' ? 'roomShort' : 'roomFullAddress', 'address'],
		now
	);
	if (!decision.allow) {
		auditFailure(
			db,
			{
				communityId,
				action: 'kiosk.identify.refused',
				targetType: 'unit',
				targetId: room,
				detail: { reason: decision.reason }
			},
			now
		);
		if (decision.reason === 'need_full') return { ok: false, reason: 'need_full' };
		return { ok: false, reason: 'limited', minutes: decision.minutes };
	}

	const unit = db
		.select()
		.from(units)
		.where(and(eq(units.communityId, communityId), eq(units.code, room)))
		.get();
	// People tied to the unit today: a past owner's (or ended tenant's) phone no longer opens it,
	// nor does an emergency contact's, who does not live there.
	const phones = unit ? currentUnitTies(db, unit.id, IDENTIFYING_ROLES, new Date(now)) : [];
	const match = phones.some((p) => p.phone.replace(/\D/g, '').endsWith(digits));
	if (!unit || !match) {
		// Counts only: the digits typed are never recorded.
		auditFailure(
			db,
			{
				communityId,
				action: 'kiosk.identify.failed',
				targetType: 'unit',
				targetId: room,
				detail: { entry: given }
			},
			now
		);
		const t = {
			roomShort: attemptTimes(db, buckets.roomShort, now - LOOKBACK_MS),
			roomFullAddress: attemptTimes(db, buckets.roomFullAddress, now - LOOKBACK_MS),
			address: []
		};
		return { ok: false, reason: 'invalid', ...kioskAfterFailure(t, given, now) };
	}
	releaseAttempt(db, ids);
	clearFailures(db, [buckets.roomFullAddress]);
	audit(
		db,
		{
			communityId,
			actorId: unit.id,
			actorKind: 'resident',
			action: 'kiosk.identify',
			targetType: 'unit',
			targetId: unit.code
		},
		now
	);
	return { ok: true, unitId: unit.id, unitCode: unit.code };
}
