import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, bills, moveinCases, moveinItemEvents, units } from '../db/schema';
import { forgetCommunity } from '../community';
import { postPayment, voidPayment } from '../ledger';
import {
	completeCase,
	findUnit,
	getCase,
	listOpenCases,
	listPending,
	MoveInError,
	noteMissing,
	openCase,
	revokeItem,
	setBuildingNoticeDate,
	setNoticeDate,
	tickItem,
	type Actor
} from './index';
import { buildChecklist } from '../../domain/movein-checklist';
import { moveInBills } from './test-fixture';
import { ensureFeeItems, generateMonthlyBills, monthsPaid, postFeePayment } from '../fees';

let db: Db;
let f: Fixture;
let clerk: Actor;
let clerk2: Actor;
// 2026-11-23 10:00 in Shanghai.
const now = Date.parse('2026-11-23T02:00:00Z');
const MONTHS = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04'];

function errorOf(fn: () => unknown): MoveInError {
	try {
		fn();
	} catch (e) {
		if (e instanceof MoveInError) return e;
		throw e;
	}
	throw new Error('expected a MoveInError');
}

const count = (table: typeof moveinCases | typeof moveinItemEvents | typeof auditLog) =>
	db.select().from(table).all().length;

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	clerk = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
	clerk2 = { id: f.clerk2Id, communityId: f.communityId, role: 'clerk' };
});

const pendingUnit = () => f.unitIds[2]; // 1-1-201, not handed over
const companyCase = () =>
	openCase(
		db,
		clerk,
		{
			unitId: pendingUnit(),
			ownerType: 'company',
			mortgage: true,
			proxy: true,
			persons: 2,
			proxyName: '赵代办',
			proxyIdNumber: '330100199001010011'
		},
		now
	);

/** A property-fee item with bills for `months` on the unit; returns the bill ids. */
const billMonths = (unitId: number, months: string[], principalFen = 26868): number[] =>
	moveInBills(db, f.communityId, unitId, months, principalFen, now);

function pay(unitId: number, billIds: number[], amountFen: number) {
	return postPayment(db, {
		communityId: f.communityId,
		unitId,
		purpose: 'fees',
		payerName: '赵代办',
		method: 'wechat',
		methodRef: 'WX1',
		cashierId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		lines: billIds.map((billId) => ({
			kind: 'principal' as const,
			itemCode: 'property',
			billId,
			amountFen
		})),
		now,
		localDate: '2026-11-23'
	});
}

function tickAllRequired(caseId: number, actor = clerk) {
	for (const item of getCase(db, f.communityId, caseId).items)
		if (item.required && !item.received) tickItem(db, actor, caseId, item.code, '', now);
}

describe('findUnit', () => {
	it('finds a unit by code with its owner; unknown and other-community codes are null', () => {
		const u = findUnit(db, f.communityId, ' 1-1-201 ')!;
		expect(u).toMatchObject({
			code: '1-1-201',
			occupancy: 'not_handed_over',
			owner: { name: '王芳', ownerType: 'individual' }
		});
		expect(findUnit(db, f.communityId, '9-9-909')).toBeNull();
		expect(findUnit(db, f.communityId, 'nope')).toBeNull();
	});
});

describe('openCase', () => {
	it('opens a case with the six handover months from this month, audited', () => {
		const id = companyCase();
		const view = getCase(db, f.communityId, id);
		expect(view.case).toMatchObject({
			status: 'open',
			ownerName: '王芳',
			ownerType: 'company',
			mortgage: true,
			proxy: true,
			proxyName: '赵代办',
			persons: 2,
			feeStartMonth: '2026-11',
			feeMonths: 6,
			openedBy: f.clerkId
		});
		expect(view.months).toEqual(MONTHS);
		expect(view.items.map((i) => i.code)).toEqual(
			buildChecklist({ ownerType: 'company', mortgage: true, proxy: true }).map((i) => i.code)
		);
		expect(view.items.find((i) => i.code === 'household_photos')?.pieces).toBe(4);
		expect(view.items.every((i) => i.received === null)).toBe(true);
		expect(view.monthsPaid).toBe(false);
		expect(view.openedByName).toBe('clerk');
		const log = db.select().from(auditLog).where(eq(auditLog.action, 'movein.open')).all();
		expect(log).toHaveLength(1);
		expect(JSON.parse(log[0].detail)).toMatchObject({ unit: '1-1-201', ownerType: 'company' });
	});

	it('takes the month count from the settings', () => {
		forgetCommunity();
		db = createTestDb();
		f = createFixture(db, { fees: { moveInPrepayMonths: 3 } });
		clerk = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
		expect(getCase(db, f.communityId, companyCase()).months).toEqual([
			'2026-11',
			'2026-12',
			'2027-01'
		]);
		forgetCommunity();
	});

	it('is refused for an occupied unit, nothing written', () => {
		const before = [count(moveinCases), count(auditLog)];
		const e = errorOf(() =>
			openCase(
				db,
				clerk,
				{
					unitId: f.unitIds[0],
					ownerType: 'individual',
					mortgage: false,
					proxy: false,
					persons: 1
				},
				now
			)
		);
		expect(e.code).toBe('unit_occupied');
		expect([count(moveinCases), count(auditLog)]).toEqual(before);
	});

	it('a second case for the same unit is refused and points at the open one', () => {
		const id = companyCase();
		const e = errorOf(companyCase);
		expect(e.code).toBe('case_exists');
		expect(e.detail.caseId).toBe(id);
		expect(count(moveinCases)).toBe(1);
	});

	it('refuses another community’s unit, bad persons, bad owner type, a proxy without a name', () => {
		expect(
			errorOf(() =>
				openCase(
					db,
					clerk,
					{
						unitId: f.otherUnitId,
						ownerType: 'individual',
						mortgage: false,
						proxy: false,
						persons: 1
					},
					now
				)
			).code
		).toBe('unit_not_found');
		expect(
			errorOf(() =>
				openCase(
					db,
					clerk,
					{
						unitId: pendingUnit(),
						ownerType: 'individual',
						mortgage: false,
						proxy: false,
						persons: 0
					},
					now
				)
			).code
		).toBe('bad_input');
		expect(
			errorOf(() =>
				openCase(
					db,
					clerk,
					{
						unitId: pendingUnit(),
						ownerType: 'robot' as 'company',
						mortgage: false,
						proxy: false,
						persons: 1
					},
					now
				)
			).code
		).toBe('bad_input');
		const e = errorOf(() =>
			openCase(
				db,
				clerk,
				{
					unitId: pendingUnit(),
					ownerType: 'individual',
					mortgage: false,
					proxy: true,
					persons: 1,
					proxyName: '  '
				},
				now
			)
		);
		expect([e.code, e.detail.field]).toEqual(['bad_input', 'proxyName']);
		expect(count(moveinCases)).toBe(0);
	});
});

describe('items', () => {
	it('ticks an item with who and when; a second tick is refused and writes nothing', () => {
		const id = companyCase();
		tickItem(db, clerk, id, 'purchase_contract', '', now);
		const item = getCase(db, f.communityId, id).items.find((i) => i.code === 'purchase_contract')!;
		expect(item.received).toMatchObject({ at: now, byId: f.clerkId, byName: 'clerk' });
		const before = [count(moveinItemEvents), count(auditLog)];
		const e = errorOf(() => tickItem(db, clerk2, id, 'purchase_contract', '', now + 1000));
		expect(e.code).toBe('item_already_received');
		expect(e.detail).toMatchObject({ at: now, byName: 'clerk' });
		expect([count(moveinItemEvents), count(auditLog)]).toEqual(before);
	});

	it('refuses items not on this checklist and unknown codes', () => {
		const id = openCase(
			db,
			clerk,
			{ unitId: pendingUnit(), ownerType: 'individual', mortgage: false, proxy: false, persons: 1 },
			now
		);
		expect(errorOf(() => tickItem(db, clerk, id, 'company_seal', '', now)).code).toBe(
			'item_unknown'
		);
		expect(errorOf(() => tickItem(db, clerk, id, 'mortgage_contract', '', now)).code).toBe(
			'item_unknown'
		);
		expect(errorOf(() => tickItem(db, clerk, id, 'nonsense', '', now)).code).toBe('item_unknown');
		expect(errorOf(() => tickItem(db, clerk, 9999, 'purchase_contract', '', now)).code).toBe(
			'case_not_found'
		);
		expect(count(moveinItemEvents)).toBe(0);
	});

	it('another community cannot see or tick the case', () => {
		const id = companyCase();
		const other: Actor = { id: f.clerkId, communityId: f.otherCommunityId, role: 'clerk' };
		expect(errorOf(() => getCase(db, f.otherCommunityId, id)).code).toBe('case_not_found');
		expect(errorOf(() => tickItem(db, other, id, 'purchase_contract', '', now)).code).toBe(
			'case_not_found'
		);
	});

	it('notes what is missing; a note needs text and is refused on a received item', () => {
		const id = companyCase();
		noteMissing(db, clerk, id, 'deed_tax', '契税发票下次带来', now);
		expect(getCase(db, f.communityId, id).items.find((i) => i.code === 'deed_tax')!.notes).toEqual([
			{ kind: 'missing', note: '契税发票下次带来', at: now, byName: 'clerk' }
		]);
		expect(errorOf(() => noteMissing(db, clerk, id, 'deed_tax', '   ', now)).code).toBe(
			'bad_input'
		);
		tickItem(db, clerk, id, 'deed_tax', '', now);
		expect(errorOf(() => noteMissing(db, clerk, id, 'deed_tax', 'x', now)).code).toBe(
			'item_already_received'
		);
	});

	it('a mistaken tick is revoked with a reason (events stay) and can be ticked again', () => {
		const id = companyCase();
		tickItem(db, clerk, id, 'company_seal', '', now);
		expect(errorOf(() => revokeItem(db, clerk, id, 'company_seal', '', now)).code).toBe(
			'bad_input'
		);
		revokeItem(db, clerk, id, 'company_seal', '点错了', now + 1);
		expect(
			getCase(db, f.communityId, id).items.find((i) => i.code === 'company_seal')!.received
		).toBeNull();
		expect(errorOf(() => revokeItem(db, clerk, id, 'company_seal', '再次', now + 2)).code).toBe(
			'item_not_received'
		);
		tickItem(db, clerk2, id, 'company_seal', '', now + 3);
		expect(
			getCase(db, f.communityId, id).items.find((i) => i.code === 'company_seal')!.received?.byName
		).toBe('clerk2');
		expect(
			db
				.select()
				.from(moveinItemEvents)
				.all()
				.map((e) => e.kind)
		).toEqual(['received', 'revoked', 'received']);
	});

	it('item events are append-only (the database refuses UPDATE and DELETE)', () => {
		const id = companyCase();
		tickItem(db, clerk, id, 'purchase_contract', '', now);
		expect(() => db.update(moveinItemEvents).set({ note: 'x' }).run()).toThrow(/append-only/);
		expect(() => db.delete(moveinItemEvents).run()).toThrow(/append-only/);
	});
});

describe('handover months (through the fees area)', () => {
	it('paid only when every month has a property-fee bill whose principal is fully paid (voids do not count)', () => {
		const unit = pendingUnit();
		const id = companyCase();
		const paid = () => getCase(db, f.communityId, id).monthsPaid;
		expect(paid()).toBe(false);
		const ids = billMonths(unit, MONTHS);
		expect(paid()).toBe(false);
		pay(unit, ids.slice(0, 5), 26868);
		expect(paid()).toBe(false);
		pay(unit, ids.slice(5), 10000);
		expect(paid()).toBe(false); // part of the last month only
		const rest = pay(unit, ids.slice(5), 16868);
		expect(paid()).toBe(true);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: rest.receiptNo,
			reason: '错收',
			managerId: f.managerId,
			now,
			localDate: '2026-11-23'
		});
		expect(paid()).toBe(false);
	});
});

describe('completeCase', () => {
	function readyCase(): number {
		const id = companyCase();
		tickAllRequired(id);
		pay(pendingUnit(), billMonths(pendingUnit(), MONTHS), 26868);
		return id;
	}

	it('with items missing: every reason given, nothing written', () => {
		const id = companyCase();
		tickItem(db, clerk, id, 'purchase_contract', '', now);
		const before = [
			count(auditLog),
			JSON.stringify(db.select().from(moveinCases).all()),
			JSON.stringify(db.select().from(units).all())
		];
		const e = errorOf(() => completeCase(db, clerk, id, { keys: 2 }, now));
		expect(e.code).toBe('cannot_complete');
		expect(e.detail.blocks!.map((b) => b.kind)).toEqual(['items_missing', 'months_unpaid']);
		const missing = e.detail.blocks![0];
		expect(missing.kind === 'items_missing' && missing.items.map((i) => i.code)).not.toContain(
			'purchase_contract'
		);
		expect(missing.kind === 'items_missing' && missing.items).toHaveLength(15);
		expect([
			count(auditLog),
			JSON.stringify(db.select().from(moveinCases).all()),
			JSON.stringify(db.select().from(units).all())
		]).toEqual(before);
	});

	it('with all items but the months unpaid: refused', () => {
		const id = companyCase();
		tickAllRequired(id);
		const e = errorOf(() => completeCase(db, clerk, id, { keys: 2 }, now));
		expect(e.detail.blocks).toEqual([{ kind: 'months_unpaid', months: MONTHS }]);
		expect(db.select().from(units).where(eq(units.id, pendingUnit())).get()!.occupancy).toBe(
			'not_handed_over'
		);
	});

	it('with no keys: refused', () => {
		const id = readyCase();
		expect(errorOf(() => completeCase(db, clerk, id, { keys: 0 }, now)).detail.blocks).toEqual([
			{ kind: 'keys_invalid' }
		]);
	});

	it('completes: case closed with the key handover, unit occupied, both audited', () => {
		const id = readyCase();
		completeCase(db, clerk2, id, { keys: 3 }, now + 5000);
		const view = getCase(db, f.communityId, id);
		expect(view.case).toMatchObject({
			status: 'completed',
			completedBy: f.clerk2Id,
			completedAt: now + 5000,
			keysHandedOver: 3,
			keysHandedBy: f.clerk2Id,
			keysHandedAt: now + 5000,
			keysRecipient: '赵代办'
		});
		expect(view.completedByName).toBe('clerk2');
		expect(view.missing).toEqual([]);
		expect(view.monthsPaid).toBe(true);
		expect(db.select().from(units).where(eq(units.id, pendingUnit())).get()!.occupancy).toBe(
			'occupied'
		);
		const occ = db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'unit.occupancy'), eq(auditLog.targetId, String(pendingUnit())))
			)
			.get()!;
		expect(JSON.parse(occ.detail)).toMatchObject({
			from: 'not_handed_over',
			to: 'occupied',
			caseId: id
		});
		expect(
			db.select().from(auditLog).where(eq(auditLog.action, 'movein.complete')).all()
		).toHaveLength(1);
		// Closed: no more ticks, no second completion, no new case for the now occupied unit.
		expect(errorOf(() => completeCase(db, clerk, id, { keys: 3 }, now)).code).toBe('case_closed');
		expect(errorOf(() => revokeItem(db, clerk, id, 'purchase_contract', 'x', now)).code).toBe(
			'case_closed'
		);
		expect(errorOf(companyCase).code).toBe('unit_occupied');
	});

	it('optional items never block (minor owner)', () => {
		const id = openCase(
			db,
			clerk,
			{ unitId: pendingUnit(), ownerType: 'minor', mortgage: false, proxy: false, persons: 3 },
			now
		);
		tickAllRequired(id);
		pay(pendingUnit(), billMonths(pendingUnit(), MONTHS), 26868);
		completeCase(db, clerk, id, { keys: 2, recipient: '王芳之父' }, now);
		expect(getCase(db, f.communityId, id).case).toMatchObject({
			status: 'completed',
			keysRecipient: '王芳之父'
		});
	});

	it('a revoked item blocks again', () => {
		const id = readyCase();
		revokeItem(db, clerk, id, 'deed_tax', '发票不符', now);
		const e = errorOf(() => completeCase(db, clerk, id, { keys: 1 }, now));
		const b = e.detail.blocks![0];
		expect(b.kind === 'items_missing' && b.items.map((i) => i.code)).toEqual(['deed_tax']);
	});
});

/** Another not-handed-over unit in building 2 (the fixture has one in building 1). */
function extraUnit(code: string, noticeDate: string | null): number {
	const [building, entrance, room] = code.split('-');
	const id = db
		.insert(units)
		.values({
			communityId: f.communityId,
			building,
			entrance,
			room,
			code,
			areaCenti: 10000,
			occupancy: 'not_handed_over',
			handoverNoticeDate: noticeDate,
			createdAt: now
		})
		.returning()
		.get().id;
	return id;
}

describe('open cases', () => {
	it('lists open cases with progress, latest activity first; completed ones drop out', () => {
		const a = companyCase();
		const other = extraUnit('2-1-1001', null);
		const b = openCase(
			db,
			clerk,
			{ unitId: other, ownerType: 'individual', mortgage: false, proxy: false, persons: 1 },
			now + 1000
		);
		tickItem(db, clerk, a, 'purchase_contract', '', now + 2000);
		tickItem(db, clerk, a, 'proxy_id', '', now + 2000);
		const list = listOpenCases(db, f.communityId);
		expect(list.map((c) => c.id)).toEqual([a, b]);
		expect(list[0]).toMatchObject({
			unitCode: '1-1-201',
			ownerName: '王芳',
			proxyName: '赵代办',
			requiredCount: 16,
			receivedCount: 2,
			openedByName: 'clerk',
			lastActivityAt: now + 2000
		});
		expect(list[1]).toMatchObject({
			unitCode: '2-1-1001',
			ownerName: '',
			requiredCount: 8,
			receivedCount: 0
		});
		expect(listOpenCases(db, f.otherCommunityId)).toEqual([]);
		tickAllRequired(b);
		pay(other, billMonths(other, MONTHS, 100), 100);
		completeCase(db, clerk, b, { keys: 1 }, now);
		expect(listOpenCases(db, f.communityId).map((c) => c.id)).toEqual([a]);
	});
});

describe('pending units and notice dates', () => {
	it('lists units not handed over with notice date and days since, oldest first, with the open case', () => {
		extraUnit('2-1-1001', '2026-11-01');
		extraUnit('2-1-901', null);
		const id = companyCase();
		const list = listPending(db, f.communityId, { now });
		expect(list.map((u) => [u.code, u.noticeDate, u.daysSinceNotice, u.openCaseId])).toEqual([
			['1-1-201', '2024-06-01', 905, id],
			['2-1-1001', '2026-11-01', 22, null],
			['2-1-901', null, null, null]
		]);
		expect(list[0].ownerName).toBe('王芳');
		expect(listPending(db, f.communityId, { building: '2', now }).map((u) => u.code)).toEqual([
			'2-1-1001',
			'2-1-901'
		]);
	});

	it('sets one unit’s date, audited with the old value', () => {
		setNoticeDate(db, clerk, '1-1-201', '2026-10-08', now);
		expect(
			db.select().from(units).where(eq(units.id, pendingUnit())).get()!.handoverNoticeDate
		).toBe('2026-10-08');
		const log = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'unit.handover_notice_date'))
			.get()!;
		expect(JSON.parse(log.detail)).toMatchObject({
			unit: '1-1-201',
			from: '2024-06-01',
			to: '2026-10-08'
		});
		expect(log.actorId).toBe(f.clerkId);
	});

	it('bulk-sets a building: only units not handed over, each audited', () => {
		extraUnit('2-1-1001', null);
		extraUnit('2-2-101', '2025-01-01');
		const occupied = db
			.insert(units)
			.values({
				communityId: f.communityId,
				building: '2',
				entrance: '1',
				room: '101',
				code: '2-1-101',
				areaCenti: 9000,
				occupancy: 'occupied',
				handoverNoticeDate: '2020-01-01',
				createdAt: now
			})
			.returning()
			.get().id;
		expect(setBuildingNoticeDate(db, clerk, '2', '2026-11-20', now)).toBe(2);
		const b2 = db.select().from(units).where(eq(units.building, '2')).all();
		expect(Object.fromEntries(b2.map((u) => [u.code, u.handoverNoticeDate]))).toEqual({
			'2-1-1001': '2026-11-20',
			'2-2-101': '2026-11-20',
			'2-1-101': '2020-01-01'
		});
		expect(db.select().from(units).where(eq(units.id, occupied)).get()!.handoverNoticeDate).toBe(
			'2020-01-01'
		);
		expect(
			db.select().from(auditLog).where(eq(auditLog.action, 'unit.handover_notice_date')).all()
		).toHaveLength(2);
	});

	it('refuses bad dates, future dates, unknown units and empty buildings; nothing written', () => {
		const before = count(auditLog);
		expect(errorOf(() => setNoticeDate(db, clerk, '1-1-201', '2026-02-30', now)).code).toBe(
			'bad_input'
		);
		expect(errorOf(() => setNoticeDate(db, clerk, '1-1-201', '2026-11-24', now)).code).toBe(
			'date_in_future'
		);
		expect(errorOf(() => setNoticeDate(db, clerk, '9-9-909', '2026-11-01', now)).code).toBe(
			'unit_not_found'
		);
		expect(errorOf(() => setBuildingNoticeDate(db, clerk, '7', '2026-11-01', now)).code).toBe(
			'no_units'
		);
		expect(errorOf(() => setBuildingNoticeDate(db, clerk, '1', 'yesterday', now)).code).toBe(
			'bad_input'
		);
		expect(count(auditLog)).toBe(before);
		expect(
			db.select().from(units).where(eq(units.id, pendingUnit())).get()!.handoverNoticeDate
		).toBe('2024-06-01');
	});
});

describe('the months prepaid at handover (issue 11: 8-1-301 was billed 90 %)', () => {
	it('are billed at the full rate although the unit is still not handed over; months before stay at the vacancy rate', () => {
		// 1-1-201: 89.56 m² not handed over, notice 2024-06-01; property fee ¥2.65/m² = 23 733 fen a month.
		ensureFeeItems(db, f.communityId);
		generateMonthlyBills(db, f.communityId, '2026-10');
		openCase(
			db,
			clerk,
			{ unitId: pendingUnit(), ownerType: 'individual', mortgage: false, proxy: false, persons: 1 },
			now
		);
		const p = postFeePayment(db, {
			communityId: f.communityId,
			unitId: pendingUnit(),
			billIds: [],
			includeLateFees: true,
			prepayMonths: 6,
			method: 'wechat',
			methodRef: 'WX-HANDOVER',
			payerName: '王芳',
			cashierId: f.clerkId,
			idempotencyKey: 'handover-6',
			now
		});
		const mine = db.select().from(bills).where(eq(bills.unitId, pendingUnit())).all();
		const byMonth = new Map(mine.map((b) => [b.month, b]));
		for (const m of MONTHS)
			expect(byMonth.get(m)).toMatchObject({
				principalFen: 23733,
				fullFen: 23733,
				vacancyPercent: 100,
				source: 'prepay'
			});
		// November (due 11-20) is paid 3 days late: 23 733 × 3 × 3‰ = 213.6 → 214.
		expect(p.totalFen).toBe(6 * 23733 + 214);
		// October, before the handover: a vacancy month at 90 %.
		expect(byMonth.get('2026-10')).toMatchObject({
			fullFen: 23733,
			vacancyPercent: 90,
			principalFen: 21360
		});
		expect(monthsPaid(db, pendingUnit(), MONTHS)).toBe(true);
	});
});
