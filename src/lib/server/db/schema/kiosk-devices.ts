import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { communities, staffUsers } from './core';

export const KIOSK_DEVICE_KINDS = ['kiosk', 'display'] as const;
export type KioskDeviceKind = (typeof KIOSK_DEVICE_KINDS)[number];

/**
 * A hall kiosk or queue display (issue 22), known by a random token in its cookie (only the hash
 * is kept). Like a session row it changes: its pairing code is renewed and it is seen; which
 * community it serves is in the insert-only pairings below.
 */
export const kioskDevices = sqliteTable(
	'kiosk_devices',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		tokenHash: text('token_hash').notNull(),
		kind: text('kind', { enum: KIOSK_DEVICE_KINDS }).notNull().default('kiosk'),
		/** The code the unpaired screen shows, to be typed at the counter (null once paired). */
		pairingCode: text('pairing_code'),
		codeExpiresAt: integer('code_expires_at'),
		createdAt: integer('created_at').notNull(),
		lastSeenAt: integer('last_seen_at').notNull()
	},
	(t) => [
		uniqueIndex('kiosk_devices_token_hash').on(t.tokenHash),
		uniqueIndex('kiosk_devices_pairing_code').on(t.pairingCode)
	]
);

/** A device paired with a community at the counter, insert-only; ended by a revocation event. */
export const kioskDevicePairings = sqliteTable(
	'kiosk_device_pairings',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		deviceId: integer('device_id')
			.notNull()
			.references(() => kioskDevices.id),
		communityId: integer('community_id')
			.notNull()
			.references(() => communities.id),
		name: text('name').notNull(),
		pairedBy: integer('paired_by')
			.notNull()
			.references(() => staffUsers.id),
		pairedAt: integer('paired_at').notNull()
	},
	(t) => [
		index('kiosk_device_pairings_device').on(t.deviceId),
		index('kiosk_device_pairings_community').on(t.communityId)
	]
);

export const kioskDeviceRevocations = sqliteTable(
	'kiosk_device_revocations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pairingId: integer('pairing_id')
			.notNull()
			.references(() => kioskDevicePairings.id),
		revokedBy: integer('revoked_by')
			.notNull()
			.references(() => staffUsers.id),
		revokedAt: integer('revoked_at').notNull()
	},
	(t) => [uniqueIndex('kiosk_device_revocations_pairing').on(t.pairingId)]
);
