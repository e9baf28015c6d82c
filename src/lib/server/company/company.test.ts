import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, sessions, staffUsers } from '../db/schema';
import { forgetCommunity } from '../community';
import { voidPayment } from '../ledger';
import { arrearsRegister, currentCollection, periodAsOf } from '../arrears';
import { createSession, staffPolicy, validateSession } from '../auth/session';
import {
	CompanyError,
	centreFigures,
	choicesOf,
	companyDashboard,
	createCommunity,
	endMembership,
	grantMembership,
	listCommunities,
	listMemberships,
	switchCommunity
} from '.';
import { currentOf, membershipsOf, switchRefusal } from '../../domain/memberships';
import { billingWorld } from './test-world';

const at = (date: string) => Date.parse(`${date}T02:00:00Z`);
const code = codeOf(CompanyError);

describe('memberships, pure rules', () => {
	const clerk = { communityId: 1, role: 'clerk' as const };
	const hq = { communityId: 1, role: 'head_office' as const };
	const extra = [{ communityId: 3, role: 'manager' as const }];

	it('home first, then the others; a row for home is ignored', () => {
		expect(membershipsOf(clerk, [...extra, { communityId: 1, role: 'admin' }])).toEqual([
			{ communityId: 1, role: 'clerk' },
			{ communityId: 3, role: 'manager' }
		]);
	});

	it('switching: only to a member community; head office to any that exists', () => {
		expect(switchRefusal(clerk, extra, 3, [1, 2, 3])).toBeNull();
		expect(switchRefusal(clerk, extra, 2, [1, 2, 3])).toBe('not_member');
		expect(switchRefusal(clerk, extra, 9, [1, 2, 3])).toBe('unknown_community');
		expect(switchRefusal(hq, [], 2, [1, 2, 3])).toBeNull();
		expect(switchRefusal(hq, [], 9, [1, 2, 3])).toBe('unknown_community');
	});

	it('the current community takes that membership’s role, and falls back home when it ended', () => {
		expect(currentOf(clerk, extra, 3, [1, 3])).toEqual({ communityId: 3, role: 'manager' });
		expect(currentOf(clerk, [], 3, [1, 3])).toEqual({ communityId: 1, role: 'clerk' });
		expect(currentOf(clerk, extra, null, [1, 3])).toEqual({ communityId: 1, role: 'clerk' });
		expect(currentOf(hq, [], 3, [1, 3])).toEqual({ communityId: 3, role: 'head_office' });
		expect(currentOf(hq, [], 4, [1, 3])).toEqual({ communityId: 1, role: 'head_office' });
	});
});

describe('staff in several communities', () => {
	let db: Db;
	let f: Fixture;
	let admin: { id: number; communityId: number; role: 'admin' };
	beforeEach(() => {
		forgetCommunity();
		db = createTestDb();
		f = createFixture(db);
		admin = { id: f.adminId, communityId: f.communityId, role: 'admin' };
	});
	const policy = () => staffPolicy(30, 12);
	const sessionOf = (userId: number) => {
		const { token } = createSession(db, { kind: 'staff', userId }, policy(), at('2026-11-23'));
		return token;
	};
	const who = (token: string) => {
		const s = validateSession(db, token, policy, at('2026-11-23') + 1000);
		if (s?.kind !== 'staff') throw new Error('no staff session');
		return s;
	};

	it('a one-community clerk sees no change: home, its role, no choice to make', () => {
		const s = who(sessionOf(f.clerkId));
		expect(s.user).toMatchObject({
			communityId: f.communityId,
			homeCommunityId: f.communityId,
			role: 'clerk',
			communityName: '测试小区',
			companyAdmin: false
		});
		expect(choicesOf(db, s.user)).toHaveLength(1);
	});

	it('a granted clerk switches, works there in that role, and falls back home when it ends', () => {
		grantMembership(db, admin, {
			username: 'clerk2',
			communityId: f.otherCommunityId,
			role: 'manager'
		});
		const token = sessionOf(f.clerk2Id);
		const before = who(token);
		expect(choicesOf(db, before.user).map((c) => [c.code, c.role])).toEqual([
			['T1', 'clerk'],
			['T2', 'manager']
		]);
		switchCommunity(db, before.user, before.sessionId, f.otherCommunityId);
		const after = who(token);
		expect(after.user).toMatchObject({
			communityId: f.otherCommunityId,
			role: 'manager',
			communityName: '别的小区'
		});
		const [row] = listMemberships(db);
		endMembership(db, admin, row.id);
		expect(who(token).user).toMatchObject({ communityId: f.communityId, role: 'clerk' });
		const actions = db
			.select({ action: auditLog.action })
			.from(auditLog)
			.all()
			.map((r) => r.action);
		expect(actions).toEqual([
			'staff.membership_grant',
			'staff.switch_community',
			'staff.membership_end'
		]);
	});

	it('refuses a switch to a community the user does not work in (the session is unchanged)', () => {
		const s = who(sessionOf(f.clerkId));
		expect(code(() => switchCommunity(db, s.user, s.sessionId, f.otherCommunityId))).toBe(
			'not_member'
		);
		expect(code(() => switchCommunity(db, s.user, s.sessionId, 999))).toBe('unknown_community');
		expect(db.select().from(sessions).get()?.communityId).toBeNull();
	});

	it('head office may look at any community, as head office', () => {
		db.update(staffUsers).set({ role: 'head_office' }).where(eq(staffUsers.id, f.managerId)).run();
		const token = sessionOf(f.managerId);
		const s = who(token);
		expect(choicesOf(db, s.user).map((c) => c.code)).toEqual(['T1', 'T2']);
		switchCommunity(db, s.user, s.sessionId, f.otherCommunityId);
		expect(who(token).user).toMatchObject({
			communityId: f.otherCommunityId,
			role: 'head_office'
		});
		expect(
			code(() =>
				grantMembership(db, admin, {
					username: 'manager',
					communityId: f.otherCommunityId,
					role: 'clerk'
				})
			)
		).toBe('head_office');
	});

	it('grants: unknown user, home community and a taken code are refused; nothing written', () => {
		const g = (username: string, communityId: number) =>
			code(() => grantMembership(db, admin, { username, communityId, role: 'clerk' }));
		expect(g('nobody', f.otherCommunityId)).toBe('unknown_user');
		expect(g('clerk', f.communityId)).toBe('home_community');
		expect(g('clerk', 999)).toBe('unknown_community');
		const c = (over: Partial<Parameters<typeof createCommunity>[2]>) =>
			code(() =>
				createCommunity(db, admin, {
					code: 'NEW1',
					name: '新小区',
					centreName: '新小区管理处',
					timeZone: 'Asia/Shanghai',
					...over
				})
			);
		expect(c({ code: 'T2' })).toBe('code_taken');
		expect(c({ timeZone: 'Mars/Olympus' })).toBe('bad_time_zone');
		expect(db.select().from(auditLog).all()).toEqual([]);
		const id = createCommunity(db, admin, {
			code: 'NEW1',
			name: '新小区',
			centreName: '新小区管理处',
			timeZone: 'Asia/Urumqi'
		});
		expect(db.select().from(auditLog).get()).toMatchObject({
			action: 'company.community_create',
			communityId: id,
			actorId: f.adminId
		});
	});
});

describe('the head-office dashboard on two communities', () => {
	let db: Db;
	let f: Fixture;
	let otherClerk: number;
	let otherManager: number;
	let pay: ReturnType<typeof billingWorld>['pay'];

	beforeEach(() => {
		forgetCommunity();
		db = createTestDb();
		f = createFixture(db);
		({ otherClerk, otherManager, pay } = billingWorld(db, f, ['2026-05', '2026-06']));
	});

	it('each centre shows its own figures, as the owning modules count them, and the total sums them', () => {
		const [a, b] = f.unitIds;
		// Community 1: one unit pays both months today (06-21); another paid May earlier in June.
		pay(f.communityId, b, ['2026-05'], '2026-06-03', f.clerkId);
		const today = pay(f.communityId, a, ['2026-05', '2026-06'], '2026-06-21', f.clerkId);
		// Community 2: its one unit paid June on 06-05, and that receipt was voided on 06-10.
		const other = pay(f.otherCommunityId, f.otherUnitId, ['2026-06'], '2026-06-05', otherClerk);
		voidPayment(db, {
			communityId: f.otherCommunityId,
			receiptNo: other.receiptNo,
			reason: '重复收费',
			managerId: otherManager,
			now: at('2026-06-10'),
			localDate: '2026-06-10'
		});
		const now = at('2026-06-21');
		const board = companyDashboard(db, now);
		expect(board.centres.map((c) => c.code)).toEqual(['T1', 'T2']);
		const [one, two] = board.centres;

		expect(one.todayFen).toBe(today.totalFen);
		expect(one.monthFen).toBeGreaterThan(today.totalFen);
		expect(one.voids).toBe(0);
		expect(two).toMatchObject({ todayFen: 0, monthFen: 0, voids: 1, voidedFen: other.totalFen });
		// Both receipts are SF-2026-000001 etc. of their own community: numbers repeat across centres.
		expect(other.receiptNo).toBe('SF-2026-000001');

		for (const c of board.centres) {
			const reg = arrearsRegister(db, c.communityId, '2026-06-21', '2026-06-21').totals;
			expect([c.arrearsFen, c.arrearsUnits, c.arrearsByAge]).toEqual([
				reg.totalFen,
				reg.units,
				reg.buckets
			]);
			const cur = currentCollection(db, c.communityId, periodAsOf('2026-06', '2026-06', c.asOf));
			expect([c.dueFen, c.collectedFen, c.rateBp]).toEqual([
				cur.dueFen,
				cur.collectedFen,
				cur.rateBp
			]);
			expect(c).toEqual(centreFigures(db, c.communityId, now));
		}
		// Community 2's June bill is owed again after the void: nothing collected for June.
		expect(two.collectedFen).toBe(0);
		expect(two.arrearsUnits).toBe(1);

		expect(board.total.todayFen).toBe(one.todayFen! + two.todayFen!);
		expect(board.total.arrearsFen).toBe(one.arrearsFen + two.arrearsFen);
		expect(board.total.voids).toBe(1);
		expect(board.total.dueFen).toBe(one.dueFen + two.dueFen);
	});
});

describe('the company admin’s list of communities', () => {
	it('counts each community’s units and staff (home accounts and memberships)', () => {
		forgetCommunity();
		const db = createTestDb();
		const f = createFixture(db);
		grantMembership(
			db,
			{ id: f.adminId, communityId: f.communityId, role: 'admin' },
			{ username: 'clerk', communityId: f.otherCommunityId, role: 'clerk' }
		);
		expect(listCommunities(db).map((c) => [c.code, c.units, c.staff])).toEqual([
			['T1', 3, 4],
			['T2', 1, 1]
		]);
	});
});
