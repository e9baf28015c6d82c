import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, sessions, staffUsers } from '../db/schema';
import { hashPassword, verifyPassword } from './password';
import { changeOwnPassword } from './password-change';
import { createSession } from './session';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const OLD = 'Old-Passw0rd';
const NEW = 'Fresh-2026-pw';
const POLICY = { idleMs: 3_600_000, absoluteMs: 43_200_000 };

let hash: string;
let db: Db;
let f: Fixture;
beforeAll(async () => {
	hash = await hashPassword(OLD);
});
beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	db.update(staffUsers).set({ passwordHash: hash }).run();
});

const me = (sessionId: string | null) => ({
	id: f.clerkId,
	communityId: f.communityId,
	role: 'clerk' as const,
	username: 'clerk',
	sessionId
});
const clerk = () => db.select().from(staffUsers).where(eq(staffUsers.id, f.clerkId)).get()!;

describe('changeOwnPassword', () => {
	it('needs the current password; then sets the new one, ends the other sessions, keeps this one and clears a forced change', async () => {
		db.update(staffUsers)
			.set({ mustChangePassword: true })
			.where(eq(staffUsers.id, f.clerkId))
			.run();
		const here = createSession(db, { kind: 'staff', userId: f.clerkId }, POLICY, T0).token.split(
			'.'
		)[0];
		createSession(db, { kind: 'staff', userId: f.clerkId }, POLICY, T0);
		const other = createSession(db, { kind: 'staff', userId: f.managerId }, POLICY, T0).token.split(
			'.'
		)[0];

		expect(
			await changeOwnPassword(db, me(here), { current: 'not-it', next: NEW, confirm: NEW }, T0)
		).toEqual({ ok: false, error: 'wrong_current' });
		expect(await verifyPassword(clerk().passwordHash, OLD)).toBe(true);

		expect(
			await changeOwnPassword(db, me(here), { current: OLD, next: NEW, confirm: NEW }, T0)
		).toEqual({ ok: true });
		expect(await verifyPassword(clerk().passwordHash, NEW)).toBe(true);
		expect(clerk().mustChangePassword).toBe(false);
		expect(
			db
				.select({ id: sessions.id })
				.from(sessions)
				.all()
				.map((s) => s.id)
				.sort()
		).toEqual([here, other].sort());
		const rows = db.select().from(auditLog).all();
		expect(rows.map((r) => r.action)).toEqual([
			'staff.password_change_failed',
			'staff.password_change'
		]);
		expect(JSON.stringify(rows)).not.toContain(NEW);
	});

	it('refuses a new password that breaks the rules, without checking the current one', async () => {
		expect(
			await changeOwnPassword(db, me(null), { current: OLD, next: 'short', confirm: 'short' }, T0)
		).toEqual({ ok: false, error: 'rules', problems: ['too_short'] });
		expect(
			await changeOwnPassword(db, me(null), { current: OLD, next: OLD, confirm: OLD }, T0)
		).toEqual({ ok: false, error: 'rules', problems: ['same_as_current'] });
	});

	it('five wrong current passwords make the account wait (a stolen session cannot guess on)', async () => {
		for (let i = 0; i < 5; i++)
			await changeOwnPassword(
				db,
				me(null),
				{ current: `wrong-${i}`, next: NEW, confirm: NEW },
				T0 + i
			);
		expect(
			await changeOwnPassword(db, me(null), { current: OLD, next: NEW, confirm: NEW }, T0 + 10)
		).toEqual({ ok: false, error: 'limited', minutes: 15 });
		expect(
			(
				await changeOwnPassword(
					db,
					me(null),
					{ current: OLD, next: NEW, confirm: NEW },
					T0 + 16 * 60_000
				)
			).ok
		).toBe(true);
	});
});
