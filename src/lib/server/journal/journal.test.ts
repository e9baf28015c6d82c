import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { forgetCommunity, getCommunity } from '../community';
import { billStates, ensureFeeItems, generateMonthlyBills, postFeePayment } from '../fees';
import { voidReceipt } from '../receipts/void';
import { reconciliationItems, reconciliations } from '../db/schema';
import { itemsZh, journalOf, reconciliationsOf } from './queries';
import { previewReconciliation, recordReconciliation } from './commands';
import { JournalError } from './errors';

let db: Db;
let f: Fixture;
let tz: string;
const at = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);

/** Pays a unit's oldest open bills of the given months on `date` (no late fees). */
function pay(
	unitIndex: number,
	months: string[],
	date: string,
	time: string,
	method: 'wechat' | 'alipay',
	ref: string
) {
	const unitId = f.unitIds[unitIndex];
	const ids = billStates(db, f.communityId, unitId, date)
		.filter((b) => months.includes(b.month))
		.map((b) => b.billId);
	return postFeePayment(db, {
		communityId: f.communityId,
		unitId,
		billIds: ids,
		includeLateFees: false,
		method,
		methodRef: ref,
		payerName: '张伟',
		cashierId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		now: at(date, time)
	});
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	tz = getCommunity(db, f.communityId).timeZone;
	ensureFeeItems(db, f.communityId);
	for (const m of ['2026-10', '2026-11', '2026-12'])
		generateMonthlyBills(db, f.communityId, m, { now: at(`${m}-01`) });
});

describe('journalOf', () => {
	it('lists receipts and, on its own day, the void as a negative row with who voided it', () => {
		const a = pay(0, ['2026-10', '2026-11'], '2026-12-01', '09:00', 'wechat', 'W1');
		const b = pay(1, ['2026-10'], '2026-12-01', '09:30', 'alipay', 'A1');
		voidReceipt(db, {
			communityId: f.communityId,
			receiptNo: b.receiptNo,
			reason: '重复收费',
			managerId: f.managerId,
			now: at('2026-12-02', '11:00'),
			localDate: '2026-12-02'
		});
		const j = journalOf(
			db,
			f.communityId,
			tz,
			{ from: '2026-12-01', to: '2026-12-31' },
			{ sort: 'time', dir: 'asc' },
			1
		);
		expect(j.rows.map((r) => [r.kind, r.receiptNo, r.day, r.method, r.ref, r.amountFen])).toEqual([
			['receipt', a.receiptNo, '2026-12-01', 'wechat', 'W1', a.totalFen],
			['receipt', b.receiptNo, '2026-12-01', 'alipay', 'A1', b.totalFen],
			['void', b.receiptNo, '2026-12-02', 'alipay', 'A1', -b.totalFen]
		]);
		expect(j.rows[2].approverName).toBeTruthy();
		expect(j.rows[2].time).toBe('2026-12-02 11:00');
		expect(itemsZh(j.rows[0].items)).toMatch(/^物业服务费 2026-10至2026-11（2个月）/);
		expect(j.count).toBe(3);
		expect(j.total).toEqual({
			receipts: 2,
			receiptsFen: a.totalFen + b.totalFen,
			voids: 1,
			voidsFen: -b.totalFen,
			netFen: a.totalFen
		});
		expect(j.byMethod.map((m) => [m.method, m.netFen])).toEqual([
			['wechat', a.totalFen],
			['alipay', 0]
		]);

		// The void's day is what counts: a journal of 12-01 alone has no void row.
		const day1 = journalOf(
			db,
			f.communityId,
			tz,
			{ from: '2026-12-01', to: '2026-12-01' },
			{ sort: 'time', dir: 'asc' },
			1
		);
		expect(day1.rows.map((r) => r.kind)).toEqual(['receipt', 'receipt']);
	});

	it('filters by method, kind, unit, building and amount range, sorts and pages', () => {
		const a = pay(0, ['2026-10'], '2026-12-01', '09:00', 'wechat', 'W1');
		const b = pay(1, ['2026-10', '2026-11', '2026-12'], '2026-12-01', '10:00', 'alipay', 'A2');
		const period = { from: '2026-12-01', to: '2026-12-31' };
		const q = (extra: object, sort: 'time' | 'amount' = 'time', dir: 'asc' | 'desc' = 'asc') =>
			journalOf(db, f.communityId, tz, { ...period, ...extra }, { sort, dir }, 1).rows.map(
				(r) => r.receiptNo
			);
		expect(q({ method: 'alipay' })).toEqual([b.receiptNo]);
		expect(q({ kind: 'void' })).toEqual([]);
		expect(q({ room: '1-1-102' })).toEqual([b.receiptNo]);
		expect(q({ building: '1' })).toEqual([a.receiptNo, b.receiptNo]);
		expect(q({ building: '9' })).toEqual([]);
		expect(q({ minFen: a.totalFen + 1 })).toEqual([b.receiptNo]);
		expect(q({ maxFen: a.totalFen })).toEqual([a.receiptNo]);
		expect(q({}, 'amount', 'desc')).toEqual([b.receiptNo, a.receiptNo]);
		expect(q({ cashierId: f.clerk2Id })).toEqual([]);
		// Another community's receipts never show.
		expect(
			journalOf(db, f.otherCommunityId, tz, period, { sort: 'time', dir: 'asc' }, 1).count
		).toBe(0);
		// Every row for the exports.
		expect(
			journalOf(db, f.communityId, tz, period, { sort: 'time', dir: 'asc' }, null).rows
		).toHaveLength(2);
	});
});

describe('reconciliation', () => {
	it('matches the day by reference and amount, records it, and a later one supersedes it', () => {
		const a = pay(0, ['2026-10'], '2026-12-03', '09:00', 'wechat', '4200001');
		const b = pay(1, ['2026-10'], '2026-12-03', '09:30', 'wechat', 'TYPO');
		pay(2, ['2026-10'], '2026-12-03', '09:40', 'alipay', 'X'); // another method: not in the day
		const base = {
			communityId: f.communityId,
			timeZone: tz,
			date: '2026-12-03',
			method: 'wechat' as const,
			fileName: 'wx.csv',
			note: ''
		};
		const lines = [
			{ line: 2, time: '09:00', ref: '4200001', amountFen: a.totalFen },
			{ line: 3, time: '09:31', ref: '4200002', amountFen: b.totalFen },
			{ line: 4, time: '12:00', ref: '4200003', amountFen: 500 }
		];
		const preview = previewReconciliation(db, {
			...base,
			statementTotalFen: null,
			lines,
			ticks: null
		});
		expect(preview.result.pairs.map((p) => p.by)).toEqual(['ref', 'amount']);
		expect(preview.result.openLines.map((l) => l.line)).toEqual([4]);
		expect(preview.result.differenceFen).toBe(500);
		expect(db.select().from(reconciliations).all()).toHaveLength(0);

		const key = crypto.randomUUID();
		const first = recordReconciliation(db, {
			...base,
			statementTotalFen: null,
			lines,
			ticks: null,
			formKey: key,
			actorId: f.managerId,
			now: at('2026-12-04')
		});
		// A double submit records once.
		const again = recordReconciliation(db, {
			...base,
			statementTotalFen: null,
			lines,
			ticks: null,
			formKey: key,
			actorId: f.managerId,
			now: at('2026-12-04')
		});
		expect(again).toMatchObject({ id: first.id, replay: true });
		expect(db.select().from(reconciliationItems).all()).toHaveLength(3);

		// The staff unticks the amount-only pair: it is left open, its line too.
		const second = recordReconciliation(db, {
			...base,
			statementTotalFen: a.totalFen + b.totalFen,
			lines: [],
			ticks: new Set([`p${a.paymentId}`]),
			formKey: crypto.randomUUID(),
			actorId: f.managerId,
			now: at('2026-12-04', '11:00')
		});
		const list = reconciliationsOf(db, f.communityId, '2026-12-03', 'wechat');
		expect(list.map((r) => r.id)).toEqual([second.id, first.id]);
		expect(list[0]).toMatchObject({
			source: 'total',
			supersedes: first.id,
			differenceFen: 0,
			matched: 1,
			entries: 2
		});
		expect(list[0].items.map((i) => [i.paymentId, i.matchedBy])).toEqual([
			[a.paymentId, 'manual'],
			[b.paymentId, null]
		]);
		expect(list[1]).toMatchObject({ source: 'csv', differenceFen: 500, matched: 2 });

		// Insert-only: the first is never edited.
		expect(() => db.update(reconciliations).set({ note: 'x' }).run()).toThrow(/append-only/);

		// The same form key for another day is a conflict, and writes nothing.
		expect(() =>
			recordReconciliation(db, {
				...base,
				date: '2026-12-02',
				statementTotalFen: 0,
				lines: [],
				ticks: null,
				formKey: key,
				actorId: f.managerId,
				now: at('2026-12-04')
			})
		).toThrow(JournalError);
		expect(db.select().from(reconciliations).all()).toHaveLength(2);
	});
});
