import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { loginAttempts } from '../db/schema';

export interface Limit {
	max: number;
	windowMs: number;
}

export const STAFF_LOGIN_LIMIT: Limit = { max: 10, windowMs: 15 * 60_000 };
export const KIOSK_IDENTIFY_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000 };

/**
 * Sliding-window limit on failed attempts. Each bucket (e.g. `login:user:clerk`, `login:ip:1.2.3.4`)
 * counts its own failures; the oldest failure leaving the window frees a slot, so nobody is
 * locked out for good. Returns the minutes until the next attempt is allowed, or 0.
 */
export function blockedMinutes(db: Db, buckets: string[], limit: Limit, now = Date.now()): number {
	const since = now - limit.windowMs;
	let waitMs = 0;
	for (const bucket of buckets) {
		const rows = db
			.select({ at: loginAttempts.at })
			.from(loginAttempts)
			.where(and(eq(loginAttempts.bucket, bucket), gte(loginAttempts.at, since)))
			.orderBy(loginAttempts.at)
			.all();
		if (rows.length >= limit.max) {
			const freeAt = rows[rows.length - limit.max].at + limit.windowMs;
			waitMs = Math.max(waitMs, freeAt - now);
		}
	}
	return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 60_000)) : 0;
}

/**
 * The address block a failure counts against: an IPv4 address itself (counter PCs on one office
 * LAN must not lock each other out), an IPv6 /64 (one host can pick any address in its /64).
 */
export function addressBlock(address: string): string {
	const a = address.trim().toLowerCase().replace(/%.*$/, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
	if (mapped) return mapped[1];
	if (!a.includes(':')) return a;
	const [head, tail = ''] = a.split('::');
	const left = head ? head.split(':') : [];
	const right = a.includes('::') && tail ? tail.split(':') : [];
	const groups = a.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
	return groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':') + '::/64';
}

export function recordFailure(db: Db, buckets: string[], now = Date.now()) {
	if (buckets.length === 0) return;
	db.insert(loginAttempts)
		.values(buckets.map((bucket) => ({ bucket, at: now })))
		.run();
	// Keep the table small: anything older than a day is of no use to any limit.
	db.delete(loginAttempts).where(lt(loginAttempts.at, now - 86_400_000)).run();
}

export function clearFailures(db: Db, buckets: string[]) {
	if (buckets.length) db.delete(loginAttempts).where(inArray(loginAttempts.bucket, buckets)).run();
}

export function countFailures(db: Db, bucket: string): number {
	return db.select({ n: sql<number>`count(*)` }).from(loginAttempts).where(eq(loginAttempts.bucket, bucket)).get()?.n ?? 0;
}
