import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, staffUsers } from '../db/schema';
import { hashPassword } from './password';
import { checkLogin, loginBuckets, MAX_CREDENTIAL_LENGTH } from './login';
import { countFailures } from './rate-limit';
import { resetFailureAudit } from '../audit';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const PASSWORD = 'Right-Passw0rd';
const ADDR = '10.0.0.7';

let hash: string;
let db: Db;
let f: Fixture;
beforeAll(async () => {
	hash = await hashPassword(PASSWORD);
});
beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	db.update(staffUsers).set({ passwordHash: hash }).run();
	resetFailureAudit();
});

const failures = () => countFailures(db, `login:ip:${ADDR}`);
const actions = () =>
	db
		.select({ action: auditLog.action })
		.from(auditLog)
		.all()
		.map((r) => r.action);

describe('checkLogin', () => {
	it('accepts the right password, records the sign-in and clears earlier failures of that username from this address', async () => {
		const b = loginBuckets('clerk', ADDR);
		await checkLogin(db, 'clerk', 'wrong-one', ADDR, T0);
		expect(countFailures(db, b.accountAddress)).toBe(1);
		const r = await checkLogin(db, 'clerk', PASSWORD, ADDR, T0 + 1000);
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.user.id).toBe(f.clerkId);
		expect(countFailures(db, b.accountAddress)).toBe(0);
		// The address bucket keeps its count (a success does not wipe another user's guesses); the
		// successful attempt itself no longer counts anywhere.
		expect(failures()).toBe(1);
		expect(countFailures(db, b.account)).toBe(1);
		expect(actions()).toContain('login');
	});

	it('ignores case and surrounding spaces in the username', async () => {
		expect((await checkLogin(db, '  CLERK ', PASSWORD, ADDR, T0)).ok).toBe(true);
	});

	it('an unknown user gets the same answer as a wrong password, and both count', async () => {
		const unknown = await checkLogin(db, 'nobody', PASSWORD, ADDR, T0);
		const wrong = await checkLogin(db, 'clerk', 'not-the-password', ADDR, T0);
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(failures()).toBe(2);
		// The unknown name is audited by address only (it may be a password typed in the wrong field).
		expect(actions()).toEqual(['login.unknown', 'login.failed']);
		const unknownRow = db.select().from(auditLog).all()[0];
		expect(unknownRow).toMatchObject({ targetType: 'address', targetId: ADDR });
		expect(JSON.stringify(unknownRow)).not.toContain('nobody');
	});

	it('is case-sensitive about the password', async () => {
		expect((await checkLogin(db, 'clerk', PASSWORD.toLowerCase(), ADDR, T0)).ok).toBe(false);
	});

	it.each([
		['', PASSWORD],
		['clerk', ''],
		['   ', PASSWORD],
		['', '']
	])('empty fields (%j, %j) are refused without counting', async (u, p) => {
		expect(await checkLogin(db, u, p, ADDR, T0)).toEqual({ ok: false, reason: 'empty' });
		expect(failures()).toBe(0);
	});

	it.each([
		['10 000-char username', 'x'.repeat(10_000), PASSWORD],
		['10 000-char password', 'clerk', 'x'.repeat(10_000)],
		['username one over the limit', 'x'.repeat(MAX_CREDENTIAL_LENGTH + 1), PASSWORD]
	])('%s is refused before any lookup, without counting or auditing', async (_label, u, p) => {
		expect(await checkLogin(db, u, p, ADDR, T0)).toEqual({ ok: false, reason: 'too_long' });
		expect(failures()).toBe(0);
		expect(actions()).toEqual([]);
	});

	it.each([
		"' OR 1=1 --",
		"clerk' --",
		"clerk'; DROP TABLE staff_users; --",
		'" OR ""="',
		'clerk%',
		'cler_',
		'\\',
		'<script>alert(1)</script>'
	])('SQL metacharacters in the username (%j) are just characters', async (u) => {
		expect(await checkLogin(db, u, PASSWORD, ADDR, T0)).toEqual({ ok: false, reason: 'invalid' });
		expect(db.select().from(staffUsers).all()).toHaveLength(4);
	});

	it('SQL metacharacters in the password do not get anyone in', async () => {
		expect((await checkLogin(db, 'clerk', "' OR '1'='1", ADDR, T0)).ok).toBe(false);
	});

	it('a deactivated account is refused even with the right password', async () => {
		db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, f.clerkId)).run();
		expect(await checkLogin(db, 'clerk', PASSWORD, ADDR, T0)).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('10 wrong passwords from one address refuse that address for that account, even with the right password (issue 11)', async () => {
		for (let i = 0; i < 10; i++)
			expect(await checkLogin(db, 'clerk', 'wrong', ADDR, T0 + i * 1000)).toEqual({
				ok: false,
				reason: 'invalid'
			});
		expect(await checkLogin(db, 'clerk', PASSWORD, ADDR, T0 + 60_000)).toEqual({
			ok: false,
			reason: 'limited',
			minutes: 14
		});
		// The owner at their own desk is not locked out by the stranger.
		expect((await checkLogin(db, 'clerk', PASSWORD, '10.0.0.8', T0 + 60_000)).ok).toBe(true);
		expect((await checkLogin(db, 'clerk', PASSWORD, ADDR, T0 + 16 * 60_000)).ok).toBe(true);
	});

	it('wrong passwords for an account from many addresses only slow it down: the owner waits seconds, not minutes (issue 11)', async () => {
		for (let i = 0; i < 10; i++)
			await checkLogin(db, 'admin', 'wrong', `10.0.1.${i}`, T0 + i * 1000);
		// Last failure at T0+9 s: one attempt per 30 s on this account from then on.
		expect(await checkLogin(db, 'admin', PASSWORD, ADDR, T0 + 20_000)).toEqual({
			ok: false,
			reason: 'slow',
			seconds: 19
		});
		expect((await checkLogin(db, 'admin', PASSWORD, ADDR, T0 + 40_000)).ok).toBe(true);
	});

	it('40 wrong passwords sent at once are counted before hashing: no more than the limit are checked (issue 11)', async () => {
		const answers = await Promise.all(
			Array.from({ length: 40 }, (_, i) => checkLogin(db, 'manager', `wrong-${i}`, ADDR, T0))
		);
		expect(answers.filter((a) => !a.ok && a.reason === 'invalid')).toHaveLength(10);
		expect(answers.filter((a) => !a.ok && a.reason === 'limited')).toHaveLength(30);
	});

	it('an address that failed 30 times is refused for a username it has not tried', async () => {
		for (let i = 0; i < 30; i++) await checkLogin(db, `guess${i}`, 'wrong', ADDR, T0 + i * 1000);
		expect(await checkLogin(db, 'manager', PASSWORD, ADDR, T0 + 40_000)).toMatchObject({
			ok: false,
			reason: 'limited'
		});
		// The same account from another desk is fine.
		expect((await checkLogin(db, 'manager', PASSWORD, '10.0.0.8', T0 + 40_000)).ok).toBe(true);
	});

	it('IPv6 addresses in one /64 share the address limits', async () => {
		for (let i = 0; i < 10; i++)
			await checkLogin(db, 'clerk', 'wrong', `2001:db8:1:2::${i + 1}`, T0 + i * 1000);
		expect(
			await checkLogin(db, 'clerk', PASSWORD, '2001:db8:1:2::ffff', T0 + 60_000)
		).toMatchObject({ ok: false, reason: 'limited' });
		expect((await checkLogin(db, 'clerk', PASSWORD, '2001:db8:1:3::1', T0 + 60_000)).ok).toBe(true);
	});

	it('refusals are audited as counts, capped per minute', async () => {
		for (let i = 0; i < 60; i++) await checkLogin(db, 'clerk', 'wrong', ADDR, T0 + i);
		const refused = actions().filter((a) => a === 'login.refused');
		expect(refused).toHaveLength(20);
		await checkLogin(db, 'clerk', 'wrong', ADDR, T0 + 2 * 60_000);
		const more = db
			.select()
			.from(auditLog)
			.all()
			.filter((r) => r.action === 'login.refused.more');
		expect(more.map((r) => JSON.parse(r.detail))).toEqual([{ count: 30 }]);
	});
});
