import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { waitMinutes, windowWaitMs, type Window } from '$lib/domain/access-limits';
import { loginAttempts } from '../db/schema';

/** The attempt times of a bucket since `since` (failed ones, and ones under way). */
export function attemptTimes(db: Db, bucket: string, since: number): number[] {
	return db
		.select({ at: loginAttempts.at })
		.from(loginAttempts)
		.where(and(eq(loginAttempts.bucket, bucket), gt(loginAttempts.at, since)))
		.all()
		.map((r) => r.at);
}

/**
 * Decides and counts in one IMMEDIATE transaction: `decide` sees the buckets' attempt times of the
 * last `lookbackMs`; when it allows, the attempt is written to `count` at once — before the slow
 * check (a password hash) runs — so attempts sent together cannot all slip under a limit, not even
 * from two server processes. Returns the decision and the ids to remove if the attempt succeeds.
 */
export function reserveAttempt<B extends string, D extends { allow: boolean }>(
	db: Db,
	buckets: Record<B, string>,
	lookbackMs: number,
	decide: (times: Record<B, number[]>) => D,
	count: (d: D) => B[],
	now: number
): { decision: D; ids: number[] } {
	return tx(db, () => {
		const times = {} as Record<B, number[]>;
		for (const k of Object.keys(buckets) as B[])
			times[k] = attemptTimes(db, buckets[k], now - lookbackMs);
		const decision = decide(times);
		// Keep the table small: nothing older than a day matters to any limit.
		db.delete(loginAttempts)
			.where(lt(loginAttempts.at, now - 86_400_000))
			.run();
		const keys = decision.allow ? count(decision) : [];
		const ids = keys.length
			? db
					.insert(loginAttempts)
					.values(keys.map((k) => ({ bucket: buckets[k], at: now })))
					.returning({ id: loginAttempts.id })
					.all()
					.map((r) => r.id)
			: [];
		return { decision, ids };
	});
}

export type Limit = Window;

/**
 * Minutes until every bucket has room for one more attempt under `limit` (0: now) — a plain
 * sliding window, for callers that record failures with `recordFailure`.
 */
export function blockedMinutes(db: Db, buckets: string[], limit: Limit, now = Date.now()): number {
	const waitMs = Math.max(
		0,
		...buckets.map((b) => windowWaitMs(attemptTimes(db, b, now - limit.windowMs), limit, now))
	);
	return waitMs > 0 ? waitMinutes(waitMs) : 0;
}

/** An attempt that succeeded no longer counts. */
export function releaseAttempt(db: Db, ids: number[]) {
	if (ids.length) db.delete(loginAttempts).where(inArray(loginAttempts.id, ids)).run();
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
	const groups = a.includes('::')
		? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
		: left;
	return (
		groups
			.slice(0, 4)
			.map((g) => g.replace(/^0+(?=.)/, ''))
			.join(':') + '::/64'
	);
}

export function recordFailure(db: Db, buckets: string[], now = Date.now()) {
	if (buckets.length === 0) return;
	db.insert(loginAttempts)
		.values(buckets.map((bucket) => ({ bucket, at: now })))
		.run();
	// Keep the table small: anything older than a day is of no use to any limit.
	db.delete(loginAttempts)
		.where(lt(loginAttempts.at, now - 86_400_000))
		.run();
}

export function clearFailures(db: Db, buckets: string[]) {
	if (buckets.length) db.delete(loginAttempts).where(inArray(loginAttempts.bucket, buckets)).run();
}

export function countFailures(db: Db, bucket: string): number {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(loginAttempts)
			.where(eq(loginAttempts.bucket, bucket))
			.get()?.n ?? 0
	);
}
