import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { staffUsers } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from './password';
import { addressBlock, blockedMinutes, clearFailures, recordFailure, STAFF_LOGIN_LIMIT } from './rate-limit';
import { audit } from '../audit';

export type LoginResult =
	| { ok: true; user: typeof staffUsers.$inferSelect }
	| { ok: false; reason: 'empty' | 'too_long' | 'invalid' | 'limited'; minutes?: number };

export const MAX_CREDENTIAL_LENGTH = 200;

/** Checks staff credentials with per-username and per-address failure limits. */
export async function checkLogin(db: Db, username: string, password: string, address: string, now = Date.now()): Promise<LoginResult> {
	const name = username.trim();
	if (!name || !password) return { ok: false, reason: 'empty' };
	if (name.length > MAX_CREDENTIAL_LENGTH || password.length > MAX_CREDENTIAL_LENGTH) return { ok: false, reason: 'too_long' };
	const buckets = [`login:user:${name.toLowerCase()}`, `login:ip:${addressBlock(address)}`];
	const minutes = blockedMinutes(db, buckets, STAFF_LOGIN_LIMIT, now);
	if (minutes > 0) return { ok: false, reason: 'limited', minutes };

	// Usernames are stored lower-case; "Clerk" and "clerk" are the same person.
	const user = db.select().from(staffUsers).where(sql`lower(${staffUsers.username}) = ${name.toLowerCase()}`).get();
	// Verify against a dummy hash for unknown users so the answer takes the same time.
	const good = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
	if (!user || !good || !user.active) {
		recordFailure(db, buckets, now);
		if (user) audit(db, { communityId: user.communityId, actorId: null, actorKind: 'system', action: 'login.failed', targetType: 'staff_user', targetId: user.id }, now);
		return { ok: false, reason: 'invalid' };
	}
	clearFailures(db, [buckets[0]]);
	audit(db, { communityId: user.communityId, actorId: user.id, action: 'login', targetType: 'staff_user', targetId: user.id }, now);
	return { ok: true, user };
}
