import { describe, it, expect, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, sessions, staffUsers } from '../db/schema';
import { parseForm } from '../forms';
import { verifyPassword } from '../auth/password';
import { createSession, staffPolicy, validateSession } from '../auth/session';
import {
	createStaff,
	createStaffSchema,
	listStaff,
	resetPasswordSchema,
	resetStaffPassword,
	setStaffActive,
	staffErrorMessage,
	type Actor
} from './staff';
import { adminOverview } from './overview';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const POLICY = staffPolicy(30, 12);

let db: Db;
let f: Fixture;
let admin: Actor;
beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	admin = { id: f.adminId, communityId: f.communityId, role: 'admin' };
});

const user = (id: number) => db.select().from(staffUsers).where(eq(staffUsers.id, id)).get()!;
const audits = () => db.select().from(auditLog).all();
const signIn = (userId: number) => createSession(db, { kind: 'staff', userId }, POLICY, T0).token;
const alive = (token: string) => validateSession(db, token, () => POLICY, T0 + 1000) !== null;

/** Test names show long inputs by their length. */
const short = (v: string) =>
	v.length > 40 ? `${v.slice(0, 8)}…(${v.length} chars)` : JSON.stringify(v);

const good = {
	username: 'Clerk3',
	displayName: '赵敏',
	workNo: 'c003',
	role: 'clerk',
	password: 'Start-1234'
};

/** A clerk of the other community: no action here may touch it. */
const strangerInOtherCommunity = (username = 'stranger') =>
	db
		.insert(staffUsers)
		.values({
			communityId: f.otherCommunityId,
			username,
			displayName: 'x',
			workNo: 'X1',
			role: 'clerk',
			passwordHash: 'old',
			createdAt: T0
		})
		.returning()
		.get();

describe('createStaffSchema', () => {
	it('normalises a good form: username lower-case, work number upper-case, names trimmed', () => {
		const r = parseForm(createStaffSchema, { ...good, displayName: '  赵敏 ' });
		expect(r).toEqual({
			ok: true,
			data: {
				username: 'clerk3',
				displayName: '赵敏',
				workNo: 'C003',
				role: 'clerk',
				password: 'Start-1234'
			}
		});
	});

	it('reports every missing field as required', () => {
		const r = parseForm(createStaffSchema, {});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		for (const k of ['username', 'displayName', 'workNo', 'password'])
			expect(r.errors[k]).toBeTruthy();
		expect(r.errors.displayName).toBe(m.validation_required());
	});

	it.each(
		[
			['username', 'x'.repeat(10_000), m.validation_too_long({ max: 32 })],
			['username', "' OR 1=1 --", m.validation_username_format()],
			['username', 'a', m.validation_username_format()],
			['username', '李四', m.validation_username_format()],
			['username', '-dash', m.validation_username_format()],
			['displayName', '<script>alert(1)</script>', m.validation_no_markup()],
			['displayName', '张\u0000三', m.validation_no_markup()],
			['displayName', '名'.repeat(41), m.validation_too_long({ max: 40 })],
			['displayName', '   ', m.validation_required()],
			['workNo', 'C 001', m.validation_work_no_format()],
			['workNo', "1'--", m.validation_work_no_format()],
			['role', 'root', m.validation_invalid()],
			['password', 'short7!', m.validation_password_short({ min: 8 })],
			['password', 'x'.repeat(10_000), m.validation_too_long({ max: 200 })]
		].map(([field, value, message]) => ({ field, value, message, shown: short(value) }))
	)('$field = $shown is refused with a clear message', ({ field, value, message }) => {
		const r = parseForm(createStaffSchema, { ...good, [field]: value });
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors[field]).toBe(message);
			// A 10 000-character paste is not echoed back in full.
			expect((r.values[field] ?? '').length).toBeLessThanOrEqual(2000);
		}
	});

	it('accepts the password as typed (spaces kept)', () => {
		const r = parseForm(createStaffSchema, { ...good, password: ' pass word ' });
		expect(r.ok && r.data.password).toBe(' pass word ');
	});

	it('the reset form needs an id and a long enough password', () => {
		expect(parseForm(resetPasswordSchema, { id: '3', newPassword: 'Long-enough' })).toEqual({
			ok: true,
			data: { id: 3, newPassword: 'Long-enough' }
		});
		const r = parseForm(resetPasswordSchema, { id: 'abc', newPassword: '1234' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['id', 'newPassword']);
	});
});

describe('createStaff', () => {
	it('creates an active account with an argon2id hash and audits it without the password', async () => {
		const data = parseForm(createStaffSchema, good);
		if (!data.ok) throw new Error('bad fixture');
		const r = await createStaff(db, admin, data.data, T0);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const u = user(r.id);
		expect(u).toMatchObject({
			username: 'clerk3',
			displayName: '赵敏',
			workNo: 'C003',
			role: 'clerk',
			active: true,
			communityId: f.communityId,
			createdAt: T0
		});
		expect(u.passwordHash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(u.passwordHash, 'Start-1234')).toBe(true);
		const [a] = audits();
		expect(a).toMatchObject({
			action: 'staff.create',
			actorId: f.adminId,
			targetType: 'staff_user',
			targetId: String(r.id),
			communityId: f.communityId,
			at: T0
		});
		expect(a.detail).not.toContain('Start-1234');
	});

	it('refuses a username already taken, whatever its case, and writes nothing', async () => {
		const before = db.select().from(staffUsers).all().length;
		const r = await createStaff(
			db,
			admin,
			{ ...good, username: 'CLERK', workNo: 'C009', role: 'clerk' },
			T0
		);
		expect(r).toEqual({ ok: false, error: 'username_taken' });
		expect(db.select().from(staffUsers).all()).toHaveLength(before);
		expect(audits()).toHaveLength(0);
	});

	it('refuses a username taken in another community (sign-in is by username alone)', async () => {
		strangerInOtherCommunity('elsewhere');
		expect(
			await createStaff(db, admin, { ...good, username: 'elsewhere', role: 'clerk' }, T0)
		).toEqual({ ok: false, error: 'username_taken' });
	});

	it('refuses a work number used in the same community but allows it in another', async () => {
		// The fixture's clerk has work number CLERK.
		expect(
			await createStaff(
				db,
				admin,
				{ ...good, username: 'newbie', workNo: 'CLERK', role: 'clerk' },
				T0
			)
		).toEqual({ ok: false, error: 'work_no_taken' });
		const other = { id: f.adminId, communityId: f.otherCommunityId, role: 'admin' } as const;
		expect(
			(
				await createStaff(
					db,
					other,
					{ ...good, username: 'newbie', workNo: 'CLERK', role: 'clerk' },
					T0
				)
			).ok
		).toBe(true);
	});
});

describe('resetStaffPassword', () => {
	it("sets the new password and ends all of that person's sessions", async () => {
		const a = signIn(f.clerkId);
		const b = signIn(f.clerkId);
		const others = signIn(f.managerId);
		expect(await resetStaffPassword(db, admin, f.clerkId, 'Brand-New-1', T0)).toEqual({ ok: true });
		expect(await verifyPassword(user(f.clerkId).passwordHash, 'Brand-New-1')).toBe(true);
		expect(alive(a)).toBe(false);
		expect(alive(b)).toBe(false);
		expect(alive(others)).toBe(true);
		expect(audits().map((x) => x.action)).toEqual(['staff.password_reset']);
	});

	it('an admin resetting their own password keeps the session they are using', async () => {
		const mine = signIn(f.adminId);
		const elsewhere = signIn(f.adminId);
		const r = await resetStaffPassword(
			db,
			{ ...admin, sessionId: mine.split('.')[0] },
			f.adminId,
			'Brand-New-1',
			T0
		);
		expect(r.ok).toBe(true);
		expect(alive(mine)).toBe(true);
		expect(alive(elsewhere)).toBe(false);
	});

	it("cannot touch another community's account", async () => {
		const stranger = strangerInOtherCommunity();
		expect(await resetStaffPassword(db, admin, stranger.id, 'Brand-New-1', T0)).toEqual({
			ok: false,
			error: 'not_found'
		});
		expect(user(stranger.id).passwordHash).toBe('old');
		expect(await resetStaffPassword(db, admin, 99999, 'Brand-New-1', T0)).toEqual({
			ok: false,
			error: 'not_found'
		});
		expect(audits()).toHaveLength(0);
	});
});

describe('setStaffActive', () => {
	it('deactivating ends every open session at once and is audited', () => {
		const a = signIn(f.clerkId);
		const b = signIn(f.clerkId);
		expect(setStaffActive(db, admin, f.clerkId, false, T0)).toEqual({ ok: true });
		expect(user(f.clerkId).active).toBe(false);
		expect(alive(a)).toBe(false);
		expect(alive(b)).toBe(false);
		expect(db.select().from(sessions).where(eq(sessions.userId, f.clerkId)).all()).toHaveLength(0);
		expect(audits()).toEqual([
			expect.objectContaining({
				action: 'staff.deactivate',
				actorId: f.adminId,
				targetId: String(f.clerkId)
			})
		]);
	});

	it('an admin cannot deactivate themselves', () => {
		const mine = signIn(f.adminId);
		expect(setStaffActive(db, admin, f.adminId, false, T0)).toEqual({ ok: false, error: 'self' });
		expect(user(f.adminId).active).toBe(true);
		expect(alive(mine)).toBe(true);
		expect(audits()).toHaveLength(0);
	});

	it('a repeated deactivation changes nothing and is not audited twice', () => {
		setStaffActive(db, admin, f.clerkId, false, T0);
		expect(setStaffActive(db, admin, f.clerkId, false, T0 + 1)).toEqual({ ok: true });
		expect(audits()).toHaveLength(1);
	});

	it('activating again lets the account sign in and is audited', () => {
		setStaffActive(db, admin, f.clerkId, false, T0);
		expect(setStaffActive(db, admin, f.clerkId, true, T0 + 1)).toEqual({ ok: true });
		expect(user(f.clerkId).active).toBe(true);
		expect(alive(signIn(f.clerkId))).toBe(true);
		expect(audits().map((x) => x.action)).toEqual(['staff.deactivate', 'staff.activate']);
	});

	it("cannot touch another community's account or a missing one", () => {
		const stranger = strangerInOtherCommunity();
		expect(setStaffActive(db, admin, stranger.id, false, T0)).toEqual({
			ok: false,
			error: 'not_found'
		});
		expect(user(stranger.id).active).toBe(true);
		expect(setStaffActive(db, admin, 99999, false, T0)).toEqual({ ok: false, error: 'not_found' });
	});
});

describe('listStaff and the overview', () => {
	it("lists only the community's accounts, active first, with their open sessions", () => {
		strangerInOtherCommunity();
		signIn(f.managerId);
		signIn(f.managerId);
		createSession(db, { kind: 'staff', userId: f.clerkId }, POLICY, T0 - 13 * 3_600_000); // expired: not counted
		setStaffActive(db, admin, f.clerk2Id, false, T0);
		const rows = listStaff(db, f.communityId, T0);
		expect(rows.map((r) => r.username)).toEqual(['admin', 'clerk', 'manager', 'clerk2']);
		expect(rows.find((r) => r.username === 'manager')?.openSessions).toBe(2);
		expect(rows.find((r) => r.username === 'clerk')?.openSessions).toBe(0);
		expect(rows.at(-1)?.active).toBe(false);
		expect(rows[0]).not.toHaveProperty('passwordHash');
	});

	it('counts accounts and shows the latest account and settings changes, newest first', () => {
		setStaffActive(db, admin, f.clerk2Id, false, T0);
		setStaffActive(db, admin, f.clerk2Id, true, T0 + 1000);
		setStaffActive(db, admin, f.clerkId, false, T0 + 2000);
		const o = adminOverview(db, f.communityId);
		expect(o.active).toBe(3);
		expect(o.inactive).toBe(1);
		expect(o.recent.map((r) => [r.action, r.subject, r.actor])).toEqual([
			['staff.deactivate', 'clerk', 'admin'],
			['staff.activate', 'clerk2', 'admin'],
			['staff.deactivate', 'clerk2', 'admin']
		]);
		expect(adminOverview(db, f.otherCommunityId).recent).toEqual([]);
	});
});

it('every refusal has a translated message', () => {
	expect(staffErrorMessage('self')).toBe(m.admin_staff_self_deactivate());
	expect(staffErrorMessage('username_taken')).toBe(m.validation_username_taken());
	expect(staffErrorMessage('work_no_taken')).toBe(m.validation_work_no_taken());
	expect(staffErrorMessage('not_found')).toBe(m.admin_staff_not_found());
});
