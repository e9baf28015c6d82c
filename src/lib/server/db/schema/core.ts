import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ID_TYPES, type IdType } from '../../../domain/records';

// Column shapes every area's tables repeat (issue 17), written once: the same SQL as spelled out.
// Function declarations, so the tables above their text (and in the other files) can use them.

/** The row id: INTEGER PRIMARY KEY AUTOINCREMENT. */
export function serialId() {
	return integer('id').primaryKey({ autoIncrement: true });
}

/** The community (管理处) a row belongs to. */
export function communityRef() {
	return integer('community_id')
		.notNull()
		.references(() => communities.id);
}

/** Who wrote the row and when (epoch ms). */
export function createdByAt() {
	return {
		createdBy: integer('created_by')
			.notNull()
			.references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	};
}

/** One service centre (管理处). Settings are a JSON blob validated by `settings.ts`. */
export const communities = sqliteTable('communities', {
	id: serialId(),
	code: text('code').notNull().unique(),
	name: text('name').notNull(),
	centreName: text('centre_name').notNull(),
	timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
	settings: text('settings').notNull().default('{}'),
	/**
	 * Bumped by triggers (0042) whenever this row or its setting_changes are written, so an app
	 * instance holding the settings in memory sees another instance's save on its next request.
	 */
	settingsVersion: integer('settings_version').notNull().default(0),
	createdAt: integer('created_at').notNull()
});

export const OCCUPANCY = ['not_handed_over', 'vacant_after_move_in', 'occupied'] as const;
export type Occupancy = (typeof OCCUPANCY)[number];

/** What a unit is used for (用途). */
export const UNIT_USES = ['residential', 'commercial', 'office', 'storage', 'other'] as const;
export type UnitUse = (typeof UNIT_USES)[number];

/** A unit (房屋): building-entrance-room, e.g. 3-2-1502. Area in hundredths of m². */
export const units = sqliteTable(
	'units',
	{
		id: serialId(),
		communityId: communityRef(),
		building: text('building').notNull(),
		entrance: text('entrance').notNull(),
		room: text('room').notNull(),
		code: text('code').notNull(),
		areaCenti: integer('area_centi').notNull(),
		occupancy: text('occupancy', { enum: OCCUPANCY }).notNull().default('not_handed_over'),
		handoverNoticeDate: text('handover_notice_date'),
		use: text('use', { enum: UNIT_USES }).notNull().default('residential'),
		/** 接房日期: the day the owner took the keys. */
		moveInDate: text('move_in_date'),
		parkingSpaces: integer('parking_spaces').notNull().default(0),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('units_community_code').on(t.communityId, t.code)]
);

export const OWNER_TYPES = ['individual', 'foreign', 'hk_mo_tw', 'company', 'minor'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

// Defined in the domain, so that the forms (components too) pick from this very list.
export { ID_TYPES, type IdType };

/** Owner or resident (业主/住户). */
export const owners = sqliteTable(
	'owners',
	{
		id: serialId(),
		communityId: communityRef(),
		name: text('name').notNull(),
		phone: text('phone').notNull(),
		idType: text('id_type', { enum: ID_TYPES }).notNull().default('id_card'),
		idNumber: text('id_number').notNull().default(''),
		ownerType: text('owner_type', { enum: OWNER_TYPES }).notNull().default('individual'),
		note: text('note').notNull().default(''),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		index('owners_community_name').on(t.communityId, t.name),
		index('owners_community_phone').on(t.communityId, t.phone)
	]
);

export const UNIT_OWNER_ROLES = [
	'owner',
	'co_owner',
	'household',
	'tenant',
	'emergency',
	'resident',
	'authorised'
] as const;
export type UnitOwnerRole = (typeof UNIT_OWNER_ROLES)[number];

/**
 * Who belongs to a unit, and from when to when: owners (产权人), co-owners, household members
 * (家庭居住成员), tenants (lease dates), emergency contacts, residents and people the owner authorised.
 * A tie is ended (end_date), never deleted or rewritten, so a transfer (过户) keeps the old owner on
 * the record for the bills before its date. `end_date IS NULL` means current.
 */
export const unitOwners = sqliteTable(
	'unit_owners',
	{
		id: serialId(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		ownerId: integer('owner_id')
			.notNull()
			.references(() => owners.id),
		role: text('role', { enum: UNIT_OWNER_ROLES }).notNull().default('owner'),
		startDate: text('start_date'),
		endDate: text('end_date'),
		endReason: text('end_reason')
	},
	(t) => [
		uniqueIndex('unit_owners_current')
			.on(t.unitId, t.ownerId, t.role)
			.where(sql`${t.endDate} IS NULL`),
		index('unit_owners_owner').on(t.ownerId),
		index('unit_owners_unit').on(t.unitId)
	]
);

export const SPACE_KINDS = ['surface', 'underground', 'mechanical'] as const;
export const SPACE_HOLDINGS = ['owned', 'rented'] as const;

/** A parking space (车位). Who holds it is in `parkingSpaceHoldings`, dated. */
export const parkingSpaces = sqliteTable(
	'parking_spaces',
	{
		id: serialId(),
		communityId: communityRef(),
		code: text('code').notNull(),
		areaCenti: integer('area_centi').notNull().default(0),
		kind: text('kind', { enum: SPACE_KINDS }).notNull().default('surface'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('parking_spaces_community_code').on(t.communityId, t.code)]
);

/** A unit holding a space (owned or rented) from a date; ended, never rewritten. */
export const parkingSpaceHoldings = sqliteTable(
	'parking_space_holdings',
	{
		id: serialId(),
		spaceId: integer('space_id')
			.notNull()
			.references(() => parkingSpaces.id),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		holding: text('holding', { enum: SPACE_HOLDINGS }).notNull().default('owned'),
		startDate: text('start_date').notNull(),
		endDate: text('end_date'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		index('parking_space_holdings_space').on(t.spaceId, t.startDate),
		index('parking_space_holdings_unit').on(t.unitId)
	]
);

/** A resident's vehicle (车辆), optionally on a space; registration dated like the ties above. */
export const vehicles = sqliteTable(
	'vehicles',
	{
		id: serialId(),
		communityId: communityRef(),
		plate: text('plate').notNull(),
		ownerId: integer('owner_id').references(() => owners.id),
		unitId: integer('unit_id').references(() => units.id),
		spaceId: integer('space_id').references(() => parkingSpaces.id),
		startDate: text('start_date').notNull(),
		endDate: text('end_date'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		index('vehicles_community_plate').on(t.communityId, t.plate),
		index('vehicles_unit').on(t.unitId)
	]
);

/** A community's staff roles (the home community's in staff_users, others in staff_memberships). */
export const ROLES = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Who a staff account is: a community role, or head office (reads every community, writes in none). */
export const STAFF_ROLES = [...ROLES, 'head_office'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffUsers = sqliteTable('staff_users', {
	id: serialId(),
	communityId: communityRef(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	workNo: text('work_no').notNull(),
	role: text('role', { enum: STAFF_ROLES }).notNull(),
	passwordHash: text('password_hash').notNull(),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	/** Set on accounts an admin created or reset: until changed, only the change-password page opens. */
	mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
	/** May create communities and give staff memberships (a capability beside the role, issue 22). */
	companyAdmin: integer('company_admin', { mode: 'boolean' }).notNull().default(false),
	createdAt: integer('created_at').notNull()
});

/**
 * Sessions, the Lucia way: the cookie holds `id.secret`; only SHA-256(secret) is stored and it
 * is compared in constant time. Staff sessions have a user; resident (kiosk/phone) ones a unit.
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		kind: text('kind', { enum: ['staff', 'resident'] }).notNull(),
		userId: integer('user_id').references(() => staffUsers.id),
		unitId: integer('unit_id').references(() => units.id),
		/** A staff session's current community (null: the user's home community). */
		communityId: integer('community_id').references(() => communities.id),
		createdAt: integer('created_at').notNull(),
		lastSeenAt: integer('last_seen_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('sessions_user').on(t.userId)]
);

/** Failed sign-in / identification attempts, for rate limiting. Old rows are pruned. */
export const loginAttempts = sqliteTable(
	'login_attempts',
	{
		id: serialId(),
		bucket: text('bucket').notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('login_attempts_bucket_at').on(t.bucket, t.at)]
);

/** Append-only audit log (who did what, when, to what). */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: serialId(),
		communityId: integer('community_id'),
		actorId: integer('actor_id'),
		actorKind: text('actor_kind', { enum: ['staff', 'resident', 'system'] })
			.notNull()
			.default('staff'),
		action: text('action').notNull(),
		targetType: text('target_type').notNull(),
		targetId: text('target_id').notNull(),
		detail: text('detail').notNull().default('{}'),
		at: integer('at').notNull()
	},
	(t) => [
		index('audit_target').on(t.targetType, t.targetId),
		index('audit_community_at').on(t.communityId, t.at)
	]
);
