import { and, eq, lt, notExists } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { auditFailure, auditBy } from '../audit';
import {
	kioskDevicePairings,
	kioskDeviceRevocations,
	kioskDevices,
	type KioskDeviceKind
} from '../db/schema';
import { releaseAttempt, reserveAttempt } from '../auth/rate-limit';
import type { Actor } from '../auth/actor';
import { decidePairingAttempt, PAIRING_LIMIT } from '../../domain/access-limits';
import {
	codeFromBytes,
	codeLive,
	codeNeedsRenewal,
	PAIRING_CODE_TTL_MS
} from '../../domain/kiosk-pairing';
import { deviceByTokenHash, type KioskDevice } from './queries';
import { KioskDeviceError } from './errors';

/** A device seen again is written at most this often (every kiosk page asks for it). */
const SEEN_EVERY_MS = 60_000;
/** Devices never paired and not seen for a day are forgotten (anyone may open the pairing screen). */
const FORGET_UNPAIRED_AFTER_MS = 86_400_000;

/** Records that the device is in use (for the counter's list), at most once a minute. */
export function touchDevice(db: Db, device: KioskDevice, now: number): boolean {
	if (now - device.lastSeenAt < SEEN_EVERY_MS) return false;
	db.update(kioskDevices).set({ lastSeenAt: now }).where(eq(kioskDevices.id, device.id)).run();
	return true;
}

/**
 * The device of this token as the kind of screen it was opened as, created when the pairing
 * screen first needs it (a screen first opened as the kiosk and then pointed at the display
 * becomes a display). Creating one also forgets devices that were never paired and have not been
 * seen for a day, so screens opened by passers-by (or scripts) do not pile up.
 */
export function ensureDevice(
	db: Db,
	tokenHash: string,
	kind: KioskDeviceKind,
	now: number
): KioskDevice {
	return tx(db, () => {
		const known = deviceByTokenHash(db, tokenHash);
		if (known && known.kind !== kind)
			db.update(kioskDevices).set({ kind }).where(eq(kioskDevices.id, known.id)).run();
		if (known) return { ...known, kind };
		db.delete(kioskDevices)
			.where(
				and(
					lt(kioskDevices.lastSeenAt, now - FORGET_UNPAIRED_AFTER_MS),
					notExists(
						db
							.select({ id: kioskDevicePairings.id })
							.from(kioskDevicePairings)
							.where(eq(kioskDevicePairings.deviceId, kioskDevices.id))
					)
				)
			)
			.run();
		db.insert(kioskDevices).values({ tokenHash, kind, createdAt: now, lastSeenAt: now }).run();
		return deviceByTokenHash(db, tokenHash)!;
	});
}

function randomCode(): string {
	for (;;) {
		const code = codeFromBytes(crypto.getRandomValues(new Uint8Array(16)));
		if (code) return code;
	}
}

/**
 * The code the unpaired screen shows: the current one while it has time left, else a new one for
 * another 15 minutes (a code another screen holds is drawn again).
 */
export function pairingCodeFor(
	db: Db,
	device: KioskDevice,
	now: number
): { code: string; expiresAt: number } {
	if (!codeNeedsRenewal(device.pairingCode, device.codeExpiresAt, now))
		return { code: device.pairingCode!, expiresAt: device.codeExpiresAt! };
	return tx(db, () => {
		for (;;) {
			const code = randomCode();
			const taken = db
				.select({ id: kioskDevices.id })
				.from(kioskDevices)
				.where(eq(kioskDevices.pairingCode, code))
				.get();
			if (taken) continue;
			const expiresAt = now + PAIRING_CODE_TTL_MS;
			db.update(kioskDevices)
				.set({ pairingCode: code, codeExpiresAt: expiresAt, lastSeenAt: now })
				.where(eq(kioskDevices.id, device.id))
				.run();
			return { code, expiresAt };
		}
	});
}

export interface PairInput {
	/** Normalised (normalisePairingCode). */
	code: string;
	name: string;
}

/**
 * Pairs the device showing `code` with the actor's community. A wrong or expired code writes
 * nothing but counts against the actor's guesses (PAIRING_LIMIT), counted before the look-up so
 * guesses sent at once cannot overrun it; the code typed is never recorded.
 */
export function pairDevice(
	db: Db,
	actor: Actor,
	input: PairInput,
	now: number
): { pairingId: number; kind: KioskDeviceKind } {
	const { decision, ids } = reserveAttempt(
		db,
		{ account: `kioskpair:${actor.id}` },
		PAIRING_LIMIT.windowMs,
		(t) => decidePairingAttempt(t.account, now),
		() => ['account'],
		now
	);
	if (!decision.allow) {
		auditFailure(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.id,
				action: 'kiosk.pair.refused',
				targetType: 'device',
				targetId: ''
			},
			now
		);
		throw new KioskDeviceError('limited', { minutes: decision.minutes });
	}
	const paired = tx(db, () => {
		const device = db
			.select({
				id: kioskDevices.id,
				kind: kioskDevices.kind,
				expiresAt: kioskDevices.codeExpiresAt
			})
			.from(kioskDevices)
			.where(eq(kioskDevices.pairingCode, input.code))
			.get();
		if (!device || !codeLive(device.expiresAt, now)) return null;
		const { id: pairingId } = db
			.insert(kioskDevicePairings)
			.values({
				deviceId: device.id,
				communityId: actor.communityId,
				name: input.name,
				pairedBy: actor.id,
				pairedAt: now
			})
			.returning({ id: kioskDevicePairings.id })
			.get();
		// The code is used up: it can pair nothing else.
		db.update(kioskDevices)
			.set({ pairingCode: null, codeExpiresAt: null })
			.where(eq(kioskDevices.id, device.id))
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'kiosk.device.paired',
				targetType: 'kiosk_device',
				targetId: device.id,
				detail: { pairingId, name: input.name, kind: device.kind }
			},
			now
		);
		return { pairingId, kind: device.kind };
	});
	if (!paired) {
		auditFailure(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.id,
				action: 'kiosk.pair.failed',
				targetType: 'device',
				targetId: ''
			},
			now
		);
		throw new KioskDeviceError('wrong_code');
	}
	releaseAttempt(db, ids);
	return paired;
}

/** Ends a pairing of the actor's community: the device shows the pairing screen again. */
export function revokePairing(db: Db, actor: Actor, pairingId: number, now: number): string {
	return tx(db, () => {
		const p = db
			.select({
				id: kioskDevicePairings.id,
				deviceId: kioskDevicePairings.deviceId,
				name: kioskDevicePairings.name,
				revoked: kioskDeviceRevocations.id
			})
			.from(kioskDevicePairings)
			.leftJoin(
				kioskDeviceRevocations,
				eq(kioskDeviceRevocations.pairingId, kioskDevicePairings.id)
			)
			.where(
				and(
					eq(kioskDevicePairings.id, pairingId),
					eq(kioskDevicePairings.communityId, actor.communityId)
				)
			)
			.get();
		if (!p) throw new KioskDeviceError('not_found');
		if (p.revoked !== null) throw new KioskDeviceError('already_revoked', { name: p.name });
		db.insert(kioskDeviceRevocations)
			.values({ pairingId, revokedBy: actor.id, revokedAt: now })
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'kiosk.device.revoked',
				targetType: 'kiosk_device',
				targetId: p.deviceId,
				detail: { pairingId, name: p.name }
			},
			now
		);
		return p.name;
	});
}
