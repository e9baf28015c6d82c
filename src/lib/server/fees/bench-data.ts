import { tx, type Db } from '../db';
import { communities, staffUsers } from '../db/schema';
import { forgetCommunity } from '../community';
import { addMonths, localToEpochMs } from '../../dates';
import { ensureFeeItems } from './items';
import { generateMonthlyBills } from './generate';
import { billsDue } from './account';
import { postFeePayment } from './pay';
import { stmt } from './stmt';

/**
 * A large generated community for the speed checks (`npm run bench`): `units` units with a
 * parking space each, `months` months of bills up to `lastMonth` (10 000 × 60 × 2 ≈ 1.2 M bills)
 * and quarterly payments over the last `paidMonths` months (older bills stay unpaid, so every
 * look-up also computes dozens of late fees: the worst case).
 */
export interface BenchOptions {
	units?: number;
	months?: number;
	paidMonths?: number;
	lastMonth?: string;
	code?: string;
	log?: (msg: string) => void;
}

export interface BenchCommunity {
	communityId: number;
	cashierId: number;
	unitIds: number[];
	unitCodes: string[];
	lastMonth: string;
	billMs: number[];
}

export function buildBenchCommunity(db: Db, opts: BenchOptions = {}): BenchCommunity {
	const nUnits = opts.units ?? 10_000;
	const nMonths = opts.months ?? 60;
	const paidMonths = opts.paidMonths ?? 12;
	const lastMonth = opts.lastMonth ?? '2026-11';
	const code = opts.code ?? 'BENCH';
	const log = opts.log ?? (() => {});
	const t0 = Date.now();

	const { communityId, cashierId, unitIds, unitCodes } = tx(db, () => {
		const c = db.insert(communities).values({ code, name: '基准测试小区', centreName: '基准测试小区管理处', timeZone: 'Asia/Shanghai', settings: '{}', createdAt: t0 }).returning().get();
		const cashier = db.insert(staffUsers).values({ communityId: c.id, username: `bench-${code}-${t0}`, displayName: '基准收费员', workNo: 'B001', role: 'clerk', passwordHash: 'x', active: true, createdAt: t0 }).returning().get();
		const unit = db.$client.prepare(`INSERT INTO units (community_id, building, entrance, room, code, area_centi, occupancy, handover_notice_date, parking_spaces, created_at) VALUES (?, ?, ?, ?, ?, ?, 'occupied', '2020-01-01', 1, ?)`);
		const owner = db.$client.prepare(`INSERT INTO owners (community_id, name, phone, id_type, id_number, owner_type, created_at) VALUES (?, ?, ?, 'id_card', '', 'individual', ?)`);
		const link = db.$client.prepare(`INSERT INTO unit_owners (unit_id, owner_id, role) VALUES (?, ?, 'owner')`);
		const ids: number[] = [];
		const codes: string[] = [];
		const surnames = '王李张刘陈杨黄赵吴周';
		// 50 buildings × 2 entrances × 25 floors × 4 rooms = 10 000
		for (let i = 0; i < nUnits; i++) {
			const b = Math.floor(i / 200) + 1;
			const e = Math.floor((i % 200) / 100) + 1;
			const fl = Math.floor((i % 100) / 4) + 1;
			const r = (i % 4) + 1;
			const room = `${fl}${String(r).padStart(2, '0')}`;
			const unitCode = `${b}-${e}-${room}`;
			const u = unit.run(c.id, String(b), String(e), room, unitCode, 8000 + ((i * 37) % 6000), t0);
			const o = owner.run(c.id, `${surnames[i % 10]}业主${i}`, `139${String(i).padStart(8, '0')}`, t0);
			link.run(u.lastInsertRowid, o.lastInsertRowid);
			ids.push(Number(u.lastInsertRowid));
			codes.push(unitCode);
		}
		return { communityId: c.id, cashierId: cashier.id, unitIds: ids, unitCodes: codes };
	});
	forgetCommunity(communityId);
	ensureFeeItems(db, communityId);
	log(`units: ${nUnits} in ${Date.now() - t0} ms`);

	const first = addMonths(lastMonth, -(nMonths - 1));
	const billMs: number[] = [];
	for (let i = 0; i < nMonths; i++) {
		const month = addMonths(first, i);
		const t = performance.now();
		generateMonthlyBills(db, communityId, month, { now: t0 });
		billMs.push(performance.now() - t);
		if ((i + 1) % 12 === 0) log(`bills through ${month}: ${Math.round(billMs.slice(-12).reduce((a, b) => a + b, 0))} ms for 12 months`);
	}

	// Quarterly payments over the last `paidMonths` months, in one transaction (one fsync).
	const t1 = Date.now();
	const firstPaid = addMonths(lastMonth, -(paidMonths - 1));
	tx(db, () => {
		for (let q = 0; q < paidMonths; q += 3) {
			const months = [0, 1, 2].map((k) => addMonths(firstPaid, q + k)).filter((m) => m <= lastMonth);
			const payDay = `${months[0]}-10`;
			const now = localToEpochMs(payDay, '10:00', 'Asia/Shanghai');
			const billIdsOf = stmt(db, 'SELECT id FROM bills WHERE unit_id = ? AND month >= ? AND month <= ?');
			for (const unitId of unitIds) {
				const billIds = (billIdsOf.all(unitId, months[0], months[months.length - 1]) as { id: number }[]).map((r) => r.id);
				if (billIds.length === 0) continue;
				// Future months of the quarter are prepaid (their bills exist already here).
				const due = new Set(billsDue(db, communityId, unitId, payDay).map((b) => b.billId));
				const payable = billIds.filter((id) => due.has(id));
				if (payable.length === 0) continue;
				postFeePayment(db, { communityId, unitId, billIds: payable, includeLateFees: true, method: 'wechat', methodRef: `WX${unitId}${q}`, payerName: '业主', cashierId, idempotencyKey: `bench-${code}-${unitId}-${q}`, now });
			}
			log(`payments for ${months.join(',')} done`);
		}
	});
	log(`payments in ${Date.now() - t1} ms`);
	return { communityId, cashierId, unitIds, unitCodes, lastMonth, billMs };
}
