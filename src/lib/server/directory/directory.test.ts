import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture, codeOf, clerkOf } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, directoryPeople, directoryPresence } from '../db/schema';
import { DirectoryError, listDirectory, presenceHistory, savePerson, setPresence } from '.';

const T = Date.parse('2026-11-23T02:00:00Z');
const H = 3_600_000;
const input = (workNo: string, name = '李静') => ({
	name,
	workNo,
	position: '客服专员',
	department: '客服部',
	extension: '801',
	sort: 0,
	active: true
});

describe('staff directory', () => {
	let db: Db;
	let f: Fixture;
	let manager: { id: number; communityId: number; role: 'manager' };
	let clerk: { id: number; communityId: number; role: 'clerk' };
	beforeEach(() => {
		db = createTestDb();
		f = createFixture(db);
		manager = { id: f.managerId, communityId: f.communityId, role: 'manager' };
		clerk = clerkOf(f);
	});
	const code = codeOf(DirectoryError);

	it('adds and edits people in place, keeping what they were in the audit', () => {
		const id = savePerson(db, manager, null, input('KF001'), T);
		savePerson(db, manager, id, { ...input('KF001', '李静怡'), extension: '802' }, T + 1);
		expect(listDirectory(db, f.communityId, T + 2)).toMatchObject([
			{ id, name: '李静怡', extension: '802', presence: 'on_duty', changedBy: null }
		]);
		const rows = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.targetType, 'directory_person'))
			.all();
		expect(rows.map((r) => r.action)).toEqual(['directory.create', 'directory.update']);
		expect(JSON.parse(rows[1].detail).before.name).toBe('李静');
	});

	it('refuses a work number already taken in the community, and another community’s person', () => {
		const id = savePerson(db, manager, null, input('KF001'), T);
		savePerson(db, manager, null, input('KF002', '王'), T);
		expect(code(() => savePerson(db, manager, null, input('KF001', '张'), T))).toBe(
			'work_no_taken'
		);
		expect(code(() => savePerson(db, manager, id, input('KF002'), T))).toBe('work_no_taken');
		const other = { id: f.managerId, communityId: f.otherCommunityId, role: 'manager' as const };
		expect(code(() => savePerson(db, other, id, input('KF003'), T))).toBe('not_found');
		expect(
			code(() => setPresence(db, other, id, { status: 'out', untilMs: null, note: '' }, T))
		).toBe('not_found');
		// Another community may use the same number.
		expect(savePerson(db, other, null, input('KF001'), T)).toBeGreaterThan(0);
		expect(db.select().from(directoryPeople).all()).toHaveLength(3);
	});

	it('records 去向 changes by anyone, with who and when, and ends an absence by itself', () => {
		const id = savePerson(db, manager, null, input('KF001'), T);
		setPresence(db, clerk, id, { status: 'out', untilMs: T + 2 * H, note: '去3栋查看漏水' }, T + H);
		expect(listDirectory(db, f.communityId, T + H + 1)[0]).toMatchObject({
			presence: 'out',
			untilMs: T + 2 * H,
			note: '去3栋查看漏水',
			changedBy: 'clerk',
			changedAt: T + H
		});
		expect(listDirectory(db, f.communityId, T + 2 * H)[0]).toMatchObject({
			presence: 'on_duty',
			note: ''
		});
		setPresence(db, clerk, id, { status: 'leave', untilMs: null, note: '' }, T + 3 * H);
		expect(presenceHistory(db, id).map((e) => e.status)).toEqual(['leave', 'out']);
	});

	it('refuses an end time in the past or for being on duty, writing nothing', () => {
		const id = savePerson(db, manager, null, input('KF001'), T);
		expect(
			code(() => setPresence(db, clerk, id, { status: 'out', untilMs: T - 1, note: '' }, T))
		).toBe('until_past');
		expect(
			code(() => setPresence(db, clerk, id, { status: 'on_duty', untilMs: T + H, note: '' }, T))
		).toBe('until_on_duty');
		expect(db.select().from(directoryPresence).all()).toHaveLength(0);
	});

	it('keeps the 去向 log insert-only', () => {
		const id = savePerson(db, manager, null, input('KF001'), T);
		setPresence(db, clerk, id, { status: 'out', untilMs: null, note: '' }, T);
		expect(() => db.update(directoryPresence).set({ status: 'on_duty' }).run()).toThrow();
		expect(() => db.delete(directoryPresence).run()).toThrow();
	});

	it('lists only active people for the hall when asked', () => {
		savePerson(db, manager, null, input('KF001'), T);
		savePerson(db, manager, null, { ...input('KF002', '旧'), active: false }, T);
		expect(listDirectory(db, f.communityId, T, { activeOnly: true }).map((p) => p.workNo)).toEqual([
			'KF001'
		]);
		expect(listDirectory(db, f.communityId, T)).toHaveLength(2);
	});
});
