import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture, codeOf, clerkOf, newFormKey } from '../db/fixtures';
import type { Db } from '../db';
import { errandEvents, errands } from '../db/schema';
import {
	closeErrand,
	createErrand,
	errandCounts,
	ErrandError,
	listErrands,
	type ErrandInput
} from '.';
import { openMatters, parseHandover } from '../shifts';

const T = Date.parse('2026-11-23T02:00:00Z');
const H = 3_600_000;

describe('errands, messages and call-backs', () => {
	let db: Db;
	let f: Fixture;
	let clerk: { id: number; communityId: number; role: 'clerk' };
	const input = (over: Partial<ErrandInput> = {}): ErrandInput => ({
		kind: 'callback',
		unit: '1-1-101',
		requester: '张先生',
		phone: '13800001111',
		recipient: '张先生',
		content: '查询水费后回电',
		dueMs: T + 2 * H,
		formKey: newFormKey(),
		...over
	});
	const code = codeOf(ErrandError);
	beforeEach(() => {
		db = createTestDb();
		f = createFixture(db);
		clerk = clerkOf(f);
	});

	it('takes one once per form (a double submit is the same errand)', () => {
		const same = input({ formKey: 'form-once-0001' });
		const a = createErrand(db, clerk, same, T);
		expect(createErrand(db, clerk, same, T + 1000)).toBe(a);
		expect(db.select().from(errands).all()).toHaveLength(1);
	});

	it('lists open ones most urgent first, counts the overdue, and closes each once', () => {
		const late = createErrand(
			db,
			clerk,
			input({ kind: 'message', dueMs: T + H, recipient: '陈师傅' }),
			T
		);
		const later = createErrand(db, clerk, input({ unit: '', kind: 'errand', dueMs: T + 5 * H }), T);
		expect(listErrands(db, f.communityId, { view: 'open' }, T).map((e) => e.id)).toEqual([
			late,
			later
		]);
		expect(errandCounts(db, f.communityId, T + 2 * H)).toEqual({ open: 2, overdue: 1 });
		const overdue = listErrands(db, f.communityId, { view: 'overdue' }, T + 2 * H);
		expect(overdue).toMatchObject([
			{ id: late, overdue: true, unitCode: '1-1-101', takenBy: 'clerk' }
		]);

		closeErrand(db, clerk, late, 'done', '已转告', T + 3 * H);
		expect(code(() => closeErrand(db, clerk, late, 'failed', '', T + 4 * H))).toBe(
			'already_closed'
		);
		expect(errandCounts(db, f.communityId, T + 3 * H)).toEqual({ open: 1, overdue: 0 });
		expect(listErrands(db, f.communityId, { view: 'closed' }, T + 3 * H)).toMatchObject([
			{
				id: late,
				state: 'done',
				overdue: false,
				closedBy: 'clerk',
				closedMs: T + 3 * H,
				note: '已转告'
			}
		]);
		expect(db.select().from(errandEvents).all()).toHaveLength(1);
	});

	it('refuses an unknown unit and a time in the past, writing nothing', () => {
		expect(code(() => createErrand(db, clerk, input({ unit: '9-9-999' }), T))).toBe('unknown_unit');
		expect(code(() => createErrand(db, clerk, input({ dueMs: T - H }), T))).toBe('due_past');
		expect(code(() => createErrand(db, clerk, input({ dueMs: T + 100 * 24 * H }), T))).toBe(
			'due_too_far'
		);
		expect(db.select().from(errands).all()).toHaveLength(0);
	});

	it('keeps another community’s errands apart', () => {
		const id = createErrand(db, clerk, input(), T);
		const other = { id: f.clerkId, communityId: f.otherCommunityId, role: 'clerk' as const };
		expect(code(() => closeErrand(db, other, id, 'done', '', T))).toBe('not_found');
		expect(errandCounts(db, f.otherCommunityId, T)).toEqual({ open: 0, overdue: 0 });
	});

	it('is insert-only', () => {
		const id = createErrand(db, clerk, input(), T);
		closeErrand(db, clerk, id, 'failed', '电话未接通', T + H);
		expect(() => db.update(errands).set({ content: 'x' }).run()).toThrow();
		expect(() => db.delete(errandEvents).run()).toThrow();
	});

	it('hands the open ones over at shift change, and an old snapshot without them still reads', () => {
		createErrand(db, clerk, input({ recipient: '周主管', content: '业主要求回电' }), T);
		const h = openMatters(db, f.communityId, T + 3 * H);
		expect(h.errandsOpen).toMatchObject([
			{ recipient: '周主管', overdue: true, unitCode: '1-1-101' }
		]);
		expect(parseHandover('{"keysOut":[]}').errandsOpen).toEqual([]);
	});
});
