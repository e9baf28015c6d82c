import { and, desc, eq, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import {
	kioskDevicePairings,
	kioskDeviceRevocations,
	kioskDevices,
	staffUsers,
	type KioskDeviceKind
} from '../db/schema';

export interface KioskDevice {
	id: number;
	kind: KioskDeviceKind;
	pairingCode: string | null;
	codeExpiresAt: number | null;
	lastSeenAt: number;
	/** The pairing in force (not revoked), if any. */
	pairing: { id: number; communityId: number; name: string } | null;
}

// Every kiosk page asks for its device: one statement per connection.
const byToken = prepared((db) =>
	db
		.select({
			id: kioskDevices.id,
			kind: kioskDevices.kind,
			pairingCode: kioskDevices.pairingCode,
			codeExpiresAt: kioskDevices.codeExpiresAt,
			lastSeenAt: kioskDevices.lastSeenAt,
			pairingId: kioskDevicePairings.id,
			communityId: kioskDevicePairings.communityId,
			name: kioskDevicePairings.name
		})
		.from(kioskDevices)
		.leftJoin(
			kioskDevicePairings,
			and(
				eq(kioskDevicePairings.deviceId, kioskDevices.id),
				notExists(
					db
						.select({ id: kioskDeviceRevocations.id })
						.from(kioskDeviceRevocations)
						.where(eq(kioskDeviceRevocations.pairingId, kioskDevicePairings.id))
				)
			)
		)
		.where(eq(kioskDevices.tokenHash, sql.placeholder('hash')))
		.orderBy(desc(kioskDevicePairings.id))
		.limit(1)
		.prepare()
);

/** The device a token hash names, with its pairing in force. */
export function deviceByTokenHash(db: Db, hash: string): KioskDevice | null {
	const r = byToken(db).get({ hash });
	if (!r) return null;
	return {
		id: r.id,
		kind: r.kind,
		pairingCode: r.pairingCode,
		codeExpiresAt: r.codeExpiresAt,
		lastSeenAt: r.lastSeenAt,
		pairing:
			r.pairingId !== null && r.communityId !== null
				? { id: r.pairingId, communityId: r.communityId, name: r.name ?? '' }
				: null
	};
}

export interface PairingRow {
	pairingId: number;
	name: string;
	kind: KioskDeviceKind;
	pairedAt: number;
	pairedBy: string;
	lastSeenAt: number;
	revokedAt: number | null;
	revokedBy: string | null;
}

const PAIRING_LIST_LIMIT = 200;

/** The community's kiosks and displays: those paired now, then those revoked, newest first. */
export function communityPairings(db: Db, communityId: number): PairingRow[] {
	const revoker = alias(staffUsers, 'revoker');
	const rows = db
		.select({
			pairingId: kioskDevicePairings.id,
			name: kioskDevicePairings.name,
			kind: kioskDevices.kind,
			pairedAt: kioskDevicePairings.pairedAt,
			pairedBy: staffUsers.displayName,
			lastSeenAt: kioskDevices.lastSeenAt,
			revokedAt: kioskDeviceRevocations.revokedAt,
			revokedBy: revoker.displayName
		})
		.from(kioskDevicePairings)
		.innerJoin(kioskDevices, eq(kioskDevices.id, kioskDevicePairings.deviceId))
		.innerJoin(staffUsers, eq(staffUsers.id, kioskDevicePairings.pairedBy))
		.leftJoin(kioskDeviceRevocations, eq(kioskDeviceRevocations.pairingId, kioskDevicePairings.id))
		.leftJoin(revoker, eq(revoker.id, kioskDeviceRevocations.revokedBy))
		.where(eq(kioskDevicePairings.communityId, communityId))
		.orderBy(desc(kioskDevicePairings.id))
		.limit(PAIRING_LIST_LIMIT)
		.all();
	// Paired now first: that is what the counter looks for.
	return [...rows.filter((r) => r.revokedAt === null), ...rows.filter((r) => r.revokedAt !== null)];
}
