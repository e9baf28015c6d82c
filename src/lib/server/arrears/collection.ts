import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { addMonths, lastDayOfMonth, monthOf } from '../../dates';
import { rateBp, type CollectionFigures } from '../../domain/arrears';

/*
 * The collection rate (收缴率) of a period, by the definitions in `domain/arrears.ts` (the reference
 * implementation `collectionFigures` is what the tests compare these sums with). Sums come from the
 * indexes of migration 0024: 应收 from bills (community, month, …, principal), 实收 from
 * principal_postings by bill month or by posting date; postings of voided payments are taken off.
 */

export interface CollectionPeriod {
	fromMonth: string;
	toMonth: string;
	/** The last day counted: the period's last day, or today for a period in progress. */
	until: string;
}

export interface CollectionGroup<K> {
	key: K;
	figures: CollectionFigures;
}

export interface CollectionReport {
	period: CollectionPeriod;
	total: CollectionFigures;
	byBuilding: CollectionGroup<string>[];
	byItem: CollectionGroup<number>[];
}

export interface TrendMonth {
	month: string;
	dueFen: number;
	collectedFen: number;
	rateBp: number | null;
}

/** The period as counted on `today`: months after today's are not billed yet and left out. */
export function periodAsOf(fromMonth: string, toMonth: string, today: string): CollectionPeriod {
	const current = monthOf(today);
	const to = toMonth > current ? current : toMonth;
	const last = lastDayOfMonth(to);
	return { fromMonth, toMonth: to, until: last > today ? today : last };
}

type Sums = {
	billed: number;
	credited: number;
	collected: number;
	arrearsDue: number;
	arrearsCollected: number;
};
const zero = (): Sums => ({
	billed: 0,
	credited: 0,
	collected: 0,
	arrearsDue: 0,
	arrearsCollected: 0
});

function figuresOf(s: Sums): CollectionFigures {
	const dueFen = s.billed - s.credited;
	return {
		billedFen: s.billed,
		creditedFen: s.credited,
		dueFen,
		collectedFen: s.collected,
		rateBp: rateBp(s.collected, dueFen),
		arrearsDueFen: s.arrearsDue,
		arrearsCollectedFen: s.arrearsCollected,
		arrearsRateBp: rateBp(s.arrearsCollected, s.arrearsDue)
	};
}

const VOIDED_POSTINGS = `SELECT pp.unit_id AS unitId, pp.fee_item_id AS itemId, pp.kind, -SUM(pp.amount_fen) AS fen
	FROM payment_voids v JOIN principal_postings pp ON pp.payment_id = v.payment_id`;

/** 当期 and 往期 figures of a period, in total, by building and by fee item. */
export function collectionReport(
	db: Db,
	communityId: number,
	period: CollectionPeriod
): CollectionReport {
	const { fromMonth, toMonth, until } = period;
	const start = `${fromMonth}-01`;
	const buildingOf = new Map(
		(
			stmt(db, 'SELECT id, building FROM units WHERE community_id = ?').all(communityId) as {
				id: number;
				building: string;
			}[]
		).map((u) => [u.id, u.building])
	);
	const total = zero();
	const byBuilding = new Map<string, Sums>();
	const byItem = new Map<number, Sums>();
	const add = (unitId: number, itemId: number, field: keyof Sums, fen: number) => {
		if (!fen) return;
		const building = buildingOf.get(unitId) ?? '';
		let b = byBuilding.get(building);
		if (!b) byBuilding.set(building, (b = zero()));
		let i = byItem.get(itemId);
		if (!i) byItem.set(itemId, (i = zero()));
		total[field] += fen;
		b[field] += fen;
		i[field] += fen;
	};
	type Row = { unitId: number; itemId: number; kind?: string; fen: number };

	// 当期应收
	for (const r of stmt(
		db,
		`SELECT unit_id AS unitId, fee_item_id AS itemId, SUM(principal_fen) AS fen FROM bills
		 WHERE community_id = ? AND month BETWEEN ? AND ? GROUP BY unit_id, fee_item_id`
	).all(communityId, fromMonth, toMonth) as Row[])
		add(r.unitId, r.itemId, 'billed', r.fen);

	// 当期实收 and credits: postings on the period's bills up to `until` (voided ones taken off).
	const current = `WHERE pp.community_id = ? AND pp.bill_month BETWEEN ? AND ? AND pp.posted_date <= ?
		GROUP BY pp.unit_id, pp.fee_item_id, pp.kind`;
	for (const sql of [
		`SELECT pp.unit_id AS unitId, pp.fee_item_id AS itemId, pp.kind, SUM(pp.amount_fen) AS fen FROM principal_postings pp ${current}`,
		`${VOIDED_POSTINGS} ${current}`
	])
		for (const r of stmt(db, sql).all(communityId, fromMonth, toMonth, until) as Row[])
			add(r.unitId, r.itemId, r.kind === 'credit' ? 'credited' : 'collected', r.fen);

	// 清欠实收: paid during the period on bills of earlier months; credits then lower what is owed.
	const during = `WHERE pp.community_id = ? AND pp.posted_date BETWEEN ? AND ? AND pp.bill_month < ?
		GROUP BY pp.unit_id, pp.fee_item_id, pp.kind`;
	for (const sql of [
		`SELECT pp.unit_id AS unitId, pp.fee_item_id AS itemId, pp.kind, SUM(pp.amount_fen) AS fen FROM principal_postings pp ${during}`,
		`${VOIDED_POSTINGS} ${during}`
	])
		for (const r of stmt(db, sql).all(communityId, start, until, fromMonth) as Row[]) {
			if (r.kind === 'credit') add(r.unitId, r.itemId, 'arrearsDue', -r.fen);
			else add(r.unitId, r.itemId, 'arrearsCollected', r.fen);
		}

	// 往期欠费 at the start: bills of earlier months owing the day before. Open bills nothing names owe
	// their whole principal; the others (and bills settled since the start) are worked out per bill.
	for (const r of stmt(
		db,
		`SELECT unit_id AS unitId, fee_item_id AS itemId, SUM(principal_fen) AS fen FROM open_bills
		 WHERE community_id = ? AND due_date < ? AND touched = 0 GROUP BY unit_id, fee_item_id`
	).all(communityId, start) as Row[])
		add(r.unitId, r.itemId, 'arrearsDue', r.fen);
	for (const r of stmt(
		db,
		`SELECT b.unit_id AS unitId, b.fee_item_id AS itemId, MAX(0, b.principal_fen - COALESCE((SELECT SUM(pp.amount_fen)
			FROM principal_postings pp WHERE pp.bill_id = b.id AND pp.posted_date < ?
			AND (pp.payment_id IS NULL OR pp.payment_id NOT IN (SELECT payment_id FROM payment_voids))), 0)) AS fen
		 FROM bills b WHERE b.id IN (
			SELECT bill_id FROM open_bills WHERE community_id = ? AND due_date < ? AND touched = 1
			UNION SELECT bill_id FROM principal_postings WHERE community_id = ? AND posted_date >= ? AND bill_month < ?)`
	).all(start, communityId, start, communityId, start, fromMonth) as Row[])
		add(r.unitId, r.itemId, 'arrearsDue', r.fen);

	const items = new Map(
		(
			stmt(db, 'SELECT id, sort FROM fee_items WHERE community_id = ?').all(communityId) as {
				id: number;
				sort: number;
			}[]
		).map((i) => [i.id, i.sort])
	);
	const num = (s: string) => Number.parseInt(s, 10) || 0;
	return {
		period,
		total: figuresOf(total),
		byBuilding: [...byBuilding]
			.sort(([a], [b]) => num(a) - num(b) || (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, s]) => ({ key, figures: figuresOf(s) })),
		byItem: [...byItem]
			.sort(([a], [b]) => (items.get(a) ?? 0) - (items.get(b) ?? 0) || a - b)
			.map(([key, s]) => ({ key, figures: figuresOf(s) }))
	};
}

/**
 * 当期收缴率 of each of the 12 months ending with `toMonth`: each month's bills, collected by the
 * month's last day (or `today` for the month in progress).
 */
export function collectionTrend(
	db: Db,
	communityId: number,
	toMonth: string,
	today: string
): TrendMonth[] {
	const last = toMonth > monthOf(today) ? monthOf(today) : toMonth;
	const first = addMonths(last, -11);
	const billed = new Map(
		(
			stmt(
				db,
				`SELECT month, SUM(principal_fen) AS fen FROM bills WHERE community_id = ? AND month BETWEEN ? AND ? GROUP BY month`
			).all(communityId, first, last) as { month: string; fen: number }[]
		).map((r) => [r.month, r.fen])
	);
	const credited = new Map<string, number>();
	const collected = new Map<string, number>();
	// A posting counts for its bill's month when dated by that month's last day ('-31' sorts after
	// every real last day of the month).
	const cond = `pp.community_id = ? AND pp.bill_month BETWEEN ? AND ? AND pp.posted_date <= pp.bill_month || '-31' AND pp.posted_date <= ?
		GROUP BY pp.bill_month, pp.kind`;
	for (const sql of [
		`SELECT pp.bill_month AS month, pp.kind, SUM(pp.amount_fen) AS fen FROM principal_postings pp WHERE ${cond}`,
		`SELECT pp.bill_month AS month, pp.kind, -SUM(pp.amount_fen) AS fen
		FROM payment_voids v JOIN principal_postings pp ON pp.payment_id = v.payment_id WHERE ${cond}`
	])
		for (const r of stmt(db, sql).all(communityId, first, last, today) as {
			month: string;
			kind: string;
			fen: number;
		}[]) {
			const m = r.kind === 'credit' ? credited : collected;
			m.set(r.month, (m.get(r.month) ?? 0) + r.fen);
		}
	return Array.from({ length: 12 }, (_, i) => {
		const month = addMonths(first, i);
		const dueFen = (billed.get(month) ?? 0) - (credited.get(month) ?? 0);
		const collectedFen = collected.get(month) ?? 0;
		return { month, dueFen, collectedFen, rateBp: rateBp(collectedFen, dueFen) };
	});
}
