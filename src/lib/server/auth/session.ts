import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, staffUsers, units, type StaffRole } from '../db/schema';
import { getCommunity } from '../community';
import { resolveCurrent } from '../company/memberships';

export const SESSION_COOKIE = 'fd_session';

export interface SessionPolicy {
	idleMs: number;
	absoluteMs: number;
}

/**
 * How much longer the server keeps an idle resident session than the kiosk screen waits before it
 * resets (the community's kiosk idle setting). The screen's reset signs the resident out itself;
 * the margin makes sure that sign-out still finds the session (a slow network, a busy server) and
 * is not mistaken for a stray staff sign-out.
 */
export const RESIDENT_IDLE_MARGIN_MS = 30_000;
/** A resident session ends 10 minutes after identification, however busy (a kiosk is shared). */
export const RESIDENT_ABSOLUTE_MS = 10 * 60_000;

/** The resident session's limits for a community whose kiosk resets after `kioskIdleSeconds`. */
export function residentPolicy(kioskIdleSeconds: number): SessionPolicy {
	return {
		idleMs: kioskIdleSeconds * 1000 + RESIDENT_IDLE_MARGIN_MS,
		absoluteMs: RESIDENT_ABSOLUTE_MS
	};
}

/** The resident policy with the default kiosk idle time (60 s). */
export const RESIDENT_POLICY: SessionPolicy = residentPolicy(60);

export function staffPolicy(idleMinutes: number, absoluteHours: number): SessionPolicy {
	return { idleMs: idleMinutes * 60_000, absoluteMs: absoluteHours * 3_600_000 };
}

/** A random secret, base32 (`bytes` of entropy). Sessions and kiosk device tokens use it. */
export function randomString(bytes: number): string {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
}

/** What is stored of a secret: its SHA-256, hex. */
export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Creates a session and returns the cookie token `id.secret` (160-bit secret; only its hash is kept). */
export function createSession(
	db: Db,
	who: { kind: 'staff'; userId: number } | { kind: 'resident'; unitId: number },
	policy: SessionPolicy,
	now = Date.now()
): { token: string; expiresAt: number } {
	const id = randomString(15);
	const secret = randomString(20);
	const expiresAt = now + policy.absoluteMs;
	db.insert(sessions)
		.values({
			id,
			secretHash: hashSecret(secret),
			kind: who.kind,
			userId: who.kind === 'staff' ? who.userId : null,
			unitId: who.kind === 'resident' ? who.unitId : null,
			createdAt: now,
			lastSeenAt: now,
			expiresAt
		})
		.run();
	return { token: `${id}.${secret}`, expiresAt };
}

export interface StaffIdentity {
	id: number;
	username: string;
	displayName: string;
	workNo: string;
	/** The role in the current community (head office: 'head_office' everywhere). */
	role: StaffRole;
	/**
	 * The session's current community: every query and write of the app reads this one. It is the
	 * home community unless the user switched (issue 22: staff in several communities).
	 */
	communityId: number;
	/** Shown in every staff page's header. */
	communityName: string;
	homeCommunityId: number;
	/** May create communities and give memberships. */
	companyAdmin: boolean;
	/** Only the change-password page opens until this is cleared. */
	mustChangePassword?: boolean;
}

export interface ResidentIdentity {
	unitId: number;
	unitCode: string;
	communityId: number;
}

export type SessionResult =
	| { kind: 'staff'; sessionId: string; user: StaffIdentity; expiresAt: number }
	| { kind: 'resident'; sessionId: string; resident: ResidentIdentity; expiresAt: number }
	| null;

/**
 * Checks a cookie token: unknown, tampered, idle or expired tokens give null (and expired rows
 * are removed). A valid one is renewed: its idle clock restarts, never past the absolute expiry.
 */
export function validateSession(
	db: Db,
	token: string,
	policyFor: (kind: 'staff' | 'resident', communityId: number) => SessionPolicy,
	now = Date.now()
): SessionResult {
	const parts = token.split('.');
	if (parts.length !== 2 || parts[0].length > 64 || parts[1].length > 64) return null;
	const [id, secret] = parts;
	const row = db.select().from(sessions).where(eq(sessions.id, id)).get();
	if (!row) return null;
	const given = new TextEncoder().encode(hashSecret(secret));
	const stored = new TextEncoder().encode(row.secretHash);
	if (!constantTimeEqual(given, stored)) return null;

	let communityId: number;
	let result: SessionResult;
	if (row.kind === 'staff') {
		const user = row.userId
			? db.select().from(staffUsers).where(eq(staffUsers.id, row.userId)).get()
			: undefined;
		if (!user || !user.active) {
			invalidateSession(db, id);
			return null;
		}
		const current = resolveCurrent(db, user, row.communityId);
		communityId = current.communityId;
		result = {
			kind: 'staff',
			sessionId: id,
			expiresAt: row.expiresAt,
			user: {
				id: user.id,
				username: user.username,
				displayName: user.displayName,
				workNo: user.workNo,
				role: current.role,
				communityId: current.communityId,
				communityName: getCommunity(db, current.communityId).name,
				homeCommunityId: user.communityId,
				companyAdmin: user.companyAdmin,
				mustChangePassword: user.mustChangePassword
			}
		};
	} else {
		const unit = row.unitId
			? db.select().from(units).where(eq(units.id, row.unitId)).get()
			: undefined;
		if (!unit) {
			invalidateSession(db, id);
			return null;
		}
		communityId = unit.communityId;
		result = {
			kind: 'resident',
			sessionId: id,
			expiresAt: row.expiresAt,
			resident: { unitId: unit.id, unitCode: unit.code, communityId: unit.communityId }
		};
	}
	const policy = policyFor(row.kind, communityId);
	if (
		now >= row.expiresAt ||
		now - row.lastSeenAt >= policy.idleMs ||
		now - row.createdAt >= policy.absoluteMs
	) {
		invalidateSession(db, id);
		return null;
	}
	// Avoid a write on every request: only touch the row when a few seconds have passed.
	if (now - row.lastSeenAt > 5_000)
		db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run();
	return result;
}

export function invalidateSession(db: Db, sessionId: string) {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: Db, userId: number) {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function pruneExpiredSessions(db: Db, now = Date.now()) {
	db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}
