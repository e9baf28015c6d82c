import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture, codeOf, clerkOf, newFormKey } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, visitorExits, visitors } from '../db/schema';
import {
	findVisitor,
	idHashOf,
	listVisitors,
	recordLeaving,
	registerVisitor,
	visitorCounts,
	VisitorError,
	type VisitorInput
} from '.';
import { openMatters } from '../shifts';
import { visitorLogPdf } from '../pdf/visitor-log';
import { renderVisitorSlip } from '../pdf/visitor-slip';
import { pdfText as pdfToText } from '../pdf/pdf-text';

// 2026-11-23 09:00 in Shanghai.
const T = Date.parse('2026-11-23T01:00:00Z');
const H = 3_600_000;
const ID = '11010519491231002X';

describe('visitor register', () => {
	let db: Db;
	let f: Fixture;
	let clerk: { id: number; communityId: number; role: 'clerk' };
	const input = (over: Partial<VisitorInput> = {}): VisitorInput => ({
		name: '王访客',
		idType: 'id_card',
		idNumber: ID,
		unit: '1-1-101',
		hostName: '张先生',
		purpose: '探亲',
		partySize: 2,
		confirmPhone: '13800001111',
		confirmAnsweredBy: '张先生',
		confirmed: true,
		formKey: newFormKey(),
		...over
	});
	const code = codeOf(VisitorError);
	beforeEach(() => {
		db = createTestDb();
		f = createFixture(db);
		clerk = clerkOf(f);
	});

	it('registers once per form, keeps the ID masked plus a hash, never the full number', () => {
		const same = input({ formKey: 'form-once-0001' });
		const a = registerVisitor(db, clerk, same, T);
		expect(registerVisitor(db, clerk, same, T + 1000)).toEqual(a);
		expect(a.slipNo).toBe('V261123-001');
		expect(a.token).toMatch(/^[\w-]{22}$/);
		const [row] = db.select().from(visitors).all();
		expect(row).toMatchObject({ idMasked: '1101****002X', validUntil: T + 15 * H });
		expect(row.idHash).toBe(idHashOf(f.communityId, 'id_card', ID.toLowerCase()));
		expect(JSON.stringify(row)).not.toContain('19491231');
		expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain('19491231');
	});

	it('numbers the day’s slips and recognises a repeat visitor by the hash', () => {
		registerVisitor(db, clerk, input(), T);
		const b = registerVisitor(db, clerk, input({ idNumber: ID.toLowerCase() }), T + H);
		expect(b).toMatchObject({ slipNo: 'V261123-002', earlierVisits: 1 });
		const other = registerVisitor(
			db,
			clerk,
			input({ idType: 'passport', idNumber: 'E1234567' }),
			T
		);
		expect(other.earlierVisits).toBe(0);
		// The next day starts again at 001.
		expect(registerVisitor(db, clerk, input(), T + 24 * H).slipNo).toBe('V261124-001');
	});

	it('refuses an unknown unit, no confirmation and a bad ID number, writing nothing', () => {
		expect(code(() => registerVisitor(db, clerk, input({ unit: '9-9-999' }), T))).toBe(
			'unknown_unit'
		);
		expect(code(() => registerVisitor(db, clerk, input({ confirmed: false }), T))).toBe(
			'not_confirmed'
		);
		expect(
			code(() => registerVisitor(db, clerk, input({ idNumber: '110105194912310021' }), T))
		).toBe('id_invalid');
		expect(db.select().from(visitors).all()).toHaveLength(0);
		expect(db.select().from(auditLog).all()).toHaveLength(0);
	});

	it('lists who is inside, counts the overstaying, and a visitor who left cannot leave again', () => {
		const early = registerVisitor(db, clerk, input({ name: '早到' }), T);
		const late = registerVisitor(db, clerk, input({ name: '晚到' }), T + 10 * H);
		expect(
			listVisitors(db, f.communityId, { view: 'inside' }, T + 10 * H).map((v) => v.id)
		).toEqual([early.id, late.id]);
		// 12 hours after 09:00 is 21:00 — the default overstay; the 19:00 visitor is due at midnight.
		expect(visitorCounts(db, f.communityId, T + 12 * H)).toEqual({ open: 2, overdue: 1 });
		expect(listVisitors(db, f.communityId, { view: 'overdue' }, T + 12 * H)).toMatchObject([
			{ id: early.id, overdue: true, unitCode: '1-1-101', registeredBy: 'clerk' }
		]);
		expect(visitorCounts(db, f.communityId, T + 15 * H)).toEqual({ open: 2, overdue: 2 });

		recordLeaving(db, clerk, { token: early.token }, T + 13 * H);
		expect(code(() => recordLeaving(db, clerk, { id: early.id }, T + 14 * H))).toBe('already_left');
		expect(code(() => recordLeaving(db, clerk, { token: early.token }, T + 14 * H))).toBe(
			'already_left'
		);
		// The database refuses a second leaving even past the check (two counters at once).
		expect(() =>
			db
				.insert(visitorExits)
				.values({ visitorId: early.id, createdBy: clerk.id, createdAt: T + 14 * H })
				.run()
		).toThrow(/UNIQUE/);
		expect(visitorCounts(db, f.communityId, T + 13 * H)).toEqual({ open: 1, overdue: 0 });
		expect(listVisitors(db, f.communityId, { view: 'left' }, T + 13 * H)).toMatchObject([
			{ id: early.id, state: 'left', overdue: false, leftBy: 'clerk', leftMs: T + 13 * H }
		]);
		expect(db.select().from(visitorExits).all()).toHaveLength(1);
	});

	it('keeps another community’s visitors apart, by id and by token', () => {
		const v = registerVisitor(db, clerk, input(), T);
		const other = { id: f.clerkId, communityId: f.otherCommunityId, role: 'clerk' as const };
		expect(code(() => recordLeaving(db, other, { token: v.token }, T))).toBe('not_found');
		expect(findVisitor(db, f.otherCommunityId, { id: v.id }, T)).toBeNull();
		expect(visitorCounts(db, f.otherCommunityId, T)).toEqual({ open: 0, overdue: 0 });
	});

	it('is insert-only', () => {
		const v = registerVisitor(db, clerk, input(), T);
		recordLeaving(db, clerk, { id: v.id }, T + H);
		expect(() => db.update(visitors).set({ name: 'x' }).run()).toThrow();
		expect(() => db.delete(visitorExits).run()).toThrow();
	});

	it('hands over the ones still inside at shift change', () => {
		registerVisitor(db, clerk, input({ name: '仍在访', purpose: '送货' }), T);
		const gone = registerVisitor(db, clerk, input({ name: '已离开' }), T);
		recordLeaving(db, clerk, { id: gone.id }, T + H);
		const h = openMatters(db, f.communityId, T + 13 * H);
		expect(h.registersOpen).toMatchObject([
			{ register: 'visitor', ref: 'V261123-001', unitCode: '1-1-101', overdue: true }
		]);
		expect(h.registersOpen[0].summary).toContain('仍在访');
	});

	it('prints the slip and the log with the ID masked', async () => {
		const r = registerVisitor(db, clerk, input(), T);
		const v = findVisitor(db, f.communityId, { id: r.id }, T)!;
		const head = { communityName: '测试小区', centreName: '客服中心', timeZone: 'Asia/Shanghai' };
		const slip = pdfToText(
			await renderVisitorSlip({ ...head, visitor: v, url: `http://x/visitors/out/${r.token}` })
		);
		expect(slip).toContain('V261123-001');
		expect(slip).toContain('1101****002X');
		expect(slip).toContain('2026-11-24 00:00');
		const log = pdfToText(
			await visitorLogPdf({
				...head,
				from: '2026-11-23',
				to: '2026-11-23',
				printedAt: T,
				printedBy: 'clerk',
				visitors: [v]
			})
		);
		expect(log).toContain('访客登记簿');
		expect(log).toContain('1101****002X');
		expect(log).not.toContain(ID);
	});
});
