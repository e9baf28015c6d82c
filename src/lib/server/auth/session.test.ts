import { describe, it, expect, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { sessions, staffUsers } from '../db/schema';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	pruneExpiredSessions,
	RESIDENT_POLICY,
	residentPolicy,
	staffPolicy,
	validateSession,
	type SessionPolicy
} from './session';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const STAFF = staffPolicy(30, 12);
const policyFor = (kind: 'staff' | 'resident'): SessionPolicy =>
	kind === 'staff' ? STAFF : RESIDENT_POLICY;

let db: Db;
let f: Fixture;
beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
});

const staffSession = (now = T0) =>
	createSession(db, { kind: 'staff', userId: f.clerkId }, STAFF, now);
const check = (token: string, now: number) => validateSession(db, token, policyFor, now);
const row = (token: string) =>
	db
		.select()
		.from(sessions)
		.where(eq(sessions.id, token.split('.')[0]))
		.get();

describe('create and validate', () => {
	it('a new staff session identifies its user', () => {
		const { token, expiresAt } = staffSession();
		expect(expiresAt).toBe(T0 + 12 * HOUR);
		const s = check(token, T0 + 1000);
		expect(s?.kind).toBe('staff');
		if (s?.kind !== 'staff') throw new Error('expected staff');
		expect(s.user).toMatchObject({
			id: f.clerkId,
			username: 'clerk',
			role: 'clerk',
			communityId: f.communityId
		});
	});

	it('the token carries ≥ 120 random bits and only a SHA-256 of the secret is stored', () => {
		const { token } = staffSession();
		const [id, secret] = token.split('.');
		expect(secret.length * 5).toBeGreaterThanOrEqual(120); // base32: 5 bits a character
		const r = row(token)!;
		expect(r.id).toBe(id);
		expect(r.secretHash).toMatch(/^[0-9a-f]{64}$/);
		expect(r.secretHash).not.toContain(secret);
	});

	it('every session gets a new token', () => {
		const tokens = new Set(Array.from({ length: 20 }, () => staffSession().token));
		expect(tokens.size).toBe(20);
	});

	it('a resident session identifies its unit', () => {
		const { token } = createSession(
			db,
			{ kind: 'resident', unitId: f.unitIds[0] },
			RESIDENT_POLICY,
			T0
		);
		const s = check(token, T0 + 1000);
		expect(s?.kind).toBe('resident');
		if (s?.kind !== 'resident') throw new Error('expected resident');
		expect(s.resident).toEqual({
			unitId: f.unitIds[0],
			unitCode: '1-1-101',
			communityId: f.communityId
		});
	});
});

describe('tampered and malformed tokens', () => {
	it('a changed secret is refused, and does not end the real session', () => {
		const { token } = staffSession();
		const [id, secret] = token.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(check(`${id}.${flipped}`, T0 + 1000)).toBeNull();
		expect(check(`${id}.`, T0 + 1000)).toBeNull();
		expect(check(token, T0 + 2000)).not.toBeNull();
	});

	it.each(
		[
			'',
			'garbage',
			'a.b.c',
			'.',
			'x'.repeat(5000),
			'x'.repeat(65) + '.y',
			"' OR 1=1 --.x",
			'nosuchid.secret'
		].map((bad) => ({
			bad,
			shown: bad.length > 40 ? `${bad.length} characters` : JSON.stringify(bad)
		}))
	)('$shown is refused', ({ bad }) => {
		staffSession();
		expect(check(bad, T0 + 1000)).toBeNull();
	});

	it("one session's secret does not open another session", () => {
		const a = staffSession().token.split('.');
		const b = staffSession().token.split('.');
		expect(check(`${a[0]}.${b[1]}`, T0 + 1000)).toBeNull();
	});
});

describe('expiry and renewal', () => {
	it('idle for the whole idle time (30 min) ends the session and removes its row', () => {
		const { token } = staffSession();
		expect(check(token, T0 + 30 * MIN - 1)).not.toBeNull();
		const { token: t2 } = staffSession();
		expect(check(t2, T0 + 30 * MIN)).toBeNull();
		expect(row(t2)).toBeUndefined();
	});

	it('use renews the idle clock: lastSeenAt moves forward', () => {
		const { token } = staffSession();
		expect(check(token, T0 + 20 * MIN)).not.toBeNull();
		expect(row(token)!.lastSeenAt).toBe(T0 + 20 * MIN);
		// 20 + 20 = 40 minutes after sign-in, but only 20 idle: still valid.
		expect(check(token, T0 + 40 * MIN)).not.toBeNull();
		expect(row(token)!.lastSeenAt).toBe(T0 + 40 * MIN);
	});

	it('requests within a few seconds do not rewrite the row', () => {
		const { token } = staffSession();
		check(token, T0 + 3000);
		expect(row(token)!.lastSeenAt).toBe(T0);
	});

	it('the absolute lifetime (12 h) ends even a busy session', () => {
		const { token } = staffSession();
		for (let t = T0 + 20 * MIN; t < T0 + 12 * HOUR; t += 20 * MIN)
			expect(check(token, t)).not.toBeNull();
		expect(check(token, T0 + 12 * HOUR)).toBeNull();
		expect(row(token)).toBeUndefined();
	});

	it('a shorter policy set after sign-in applies to existing sessions', () => {
		const { token } = staffSession();
		const strict = staffPolicy(5, 1);
		expect(validateSession(db, token, () => strict, T0 + 6 * MIN)).toBeNull();
	});

	it('resident policy: the kiosk idle setting plus a margin, absolute 10 min', () => {
		// The kiosk screen resets (and posts the sign-out) after the community's idle seconds; the
		// server must still know the session then, or the sign-out is taken for a staff one.
		expect(residentPolicy(60)).toEqual({ idleMs: 90_000, absoluteMs: 10 * MIN });
		expect(residentPolicy(10).idleMs).toBe(40_000);
		expect(residentPolicy(600).idleMs).toBe(630_000);
		expect(RESIDENT_POLICY).toEqual(residentPolicy(60));
		const atReset = createSession(
			db,
			{ kind: 'resident', unitId: f.unitIds[1] },
			RESIDENT_POLICY,
			T0
		).token;
		expect(check(atReset, T0 + 61_000)).not.toBeNull();
		const longer = () =>
			createSession(db, { kind: 'resident', unitId: f.unitIds[1] }, residentPolicy(300), T0).token;
		expect(validateSession(db, longer(), () => residentPolicy(300), T0 + 301_000)).not.toBeNull();
		expect(validateSession(db, longer(), () => residentPolicy(300), T0 + 331_000)).toBeNull();
		const mk = () =>
			createSession(db, { kind: 'resident', unitId: f.unitIds[1] }, RESIDENT_POLICY, T0).token;
		const idle = mk();
		expect(check(idle, T0 + 59_000)).not.toBeNull();
		expect(check(idle, T0 + 59_000 + 90_000)).toBeNull();
		const busy = mk();
		for (let t = T0 + 30_000; t < T0 + 10 * MIN; t += 30_000) expect(check(busy, t)).not.toBeNull();
		expect(check(busy, T0 + 10 * MIN)).toBeNull();
	});

	it('pruneExpiredSessions removes only rows past their expiry', () => {
		const old = staffSession(T0 - 13 * HOUR).token;
		const fresh = staffSession().token;
		pruneExpiredSessions(db, T0);
		expect(row(old)).toBeUndefined();
		expect(row(fresh)).toBeDefined();
	});
});

describe('revocation', () => {
	it('invalidateSession ends one session', () => {
		const { token } = staffSession();
		const other = staffSession().token;
		invalidateSession(db, token.split('.')[0]);
		expect(check(token, T0 + 1000)).toBeNull();
		expect(check(other, T0 + 1000)).not.toBeNull();
	});

	it("invalidateUserSessions ends all of one user's sessions and nobody else's", () => {
		const a = staffSession().token;
		const b = staffSession().token;
		const managers = createSession(db, { kind: 'staff', userId: f.managerId }, STAFF, T0).token;
		invalidateUserSessions(db, f.clerkId);
		expect(check(a, T0 + 1000)).toBeNull();
		expect(check(b, T0 + 1000)).toBeNull();
		expect(check(managers, T0 + 1000)).not.toBeNull();
	});

	it("a deactivated user's session is refused and removed", () => {
		const { token } = staffSession();
		db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, f.clerkId)).run();
		expect(check(token, T0 + 1000)).toBeNull();
		expect(row(token)).toBeUndefined();
	});

	it('a role change shows on the next request (roles are read fresh, not from the cookie)', () => {
		const { token } = staffSession();
		db.update(staffUsers).set({ role: 'manager' }).where(eq(staffUsers.id, f.clerkId)).run();
		const s = check(token, T0 + 1000);
		expect(s?.kind === 'staff' && s.user.role).toBe('manager');
	});
});
