import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { staffUsers } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from './password';
import { addressBlock, clearFailures, releaseAttempt, reserveAttempt } from './rate-limit';
import { audit, auditFailure } from '../audit';
import { decideStaffAttempt, STAFF_LIMITS } from '$lib/domain/access-limits';

export type LoginResult =
	| { ok: true; user: typeof staffUsers.$inferSelect }
	| { ok: false; reason: 'empty' | 'too_long' | 'invalid' }
	| { ok: false; reason: 'limited'; minutes: number }
	| { ok: false; reason: 'slow'; seconds: number };

export const MAX_CREDENTIAL_LENGTH = 200;

const LOOKBACK_MS = Math.max(
	STAFF_LIMITS.accountAddress.windowMs,
	STAFF_LIMITS.address.windowMs,
	STAFF_LIMITS.accountSlow.windowMs
);

/** The limit buckets of one sign-in attempt (see STAFF_LIMITS). */
export function loginBuckets(username: string, address: string) {
	const name = username.trim().toLowerCase();
	const block = addressBlock(address);
	return {
		accountAddress: `login:acct-addr:${name}|${block}`,
		address: `login:ip:${block}`,
		account: `login:acct:${name}`
	};
}

/**
 * Checks staff credentials. The attempt is counted before the password hash is checked; a wrong
 * password from an address block refuses that block (per account, and per block overall), while
 * many wrong passwords for an account from everywhere only slow that account down.
 */
export async function checkLogin(
	db: Db,
	username: string,
	password: string,
	address: string,
	now = Date.now()
): Promise<LoginResult> {
	const name = username.trim();
	if (!name || !password) return { ok: false, reason: 'empty' };
	if (name.length > MAX_CREDENTIAL_LENGTH || password.length > MAX_CREDENTIAL_LENGTH)
		return { ok: false, reason: 'too_long' };
	const buckets = loginBuckets(name, address);
	const { decision, ids } = reserveAttempt(
		db,
		buckets,
		LOOKBACK_MS,
		(t) => decideStaffAttempt(t, now),
		() => ['accountAddress', 'address', 'account'],
		now
	);
	if (!decision.allow) {
		auditFailure(
			db,
			{
				action: 'login.refused',
				communityId: null,
				targetType: 'address',
				targetId: addressBlock(address)
			},
			now
		);
		return decision.reason === 'limited'
			? { ok: false, reason: 'limited', minutes: decision.minutes }
			: { ok: false, reason: 'slow', seconds: decision.seconds };
	}

	// Usernames are stored lower-case; "Clerk" and "clerk" are the same person.
	const user = db
		.select()
		.from(staffUsers)
		.where(sql`lower(${staffUsers.username}) = ${name.toLowerCase()}`)
		.get();
	// Verify against a dummy hash for unknown users so the answer takes the same time.
	const good = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
	if (!user || !good || !user.active) {
		// The attempt stays counted. Unknown names are audited by address only: a name typed
		// into the wrong field may be a password.
		if (user)
			audit(
				db,
				{
					communityId: user.communityId,
					actorId: null,
					actorKind: 'system',
					action: 'login.failed',
					targetType: 'staff_user',
					targetId: user.id
				},
				now
			);
		else
			auditFailure(
				db,
				{
					action: 'login.unknown',
					communityId: null,
					targetType: 'address',
					targetId: addressBlock(address)
				},
				now
			);
		return { ok: false, reason: 'invalid' };
	}
	releaseAttempt(db, ids);
	// Earlier typos from this place no longer count; other places' guesses do.
	clearFailures(db, [buckets.accountAddress]);
	audit(
		db,
		{
			communityId: user.communityId,
			actorId: user.id,
			action: 'login',
			targetType: 'staff_user',
			targetId: user.id
		},
		now
	);
	return { ok: true, user };
}
