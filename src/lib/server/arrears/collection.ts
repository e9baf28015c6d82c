import type { Db } from '../db';
import { eq } from 'drizzle-orm';
import { feeItems, units } from '../db/schema';
import * as q from './sql';
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

/** 当期 and 往期 figures of a period, in total, by building and by fee item. */
export function collectionReport(
	db: Db,
	communityId: number,
	period: CollectionPeriod
): CollectionReport {
	const { fromMonth, toMonth, until } = period;
	const start = `${fromMonth}-01`;
	const buildingOf = new Map(
		db
			.select({ id: units.id, building: units.building })
			.from(units)
			.where(eq(units.communityId, communityId))
			.all()
			.map((u) => [u.id, u.building])
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
	// 当期应收
	for (const r of q.billedInPeriod.all(db, communityId, fromMonth, toMonth))
		add(r.unitId, r.itemId, 'billed', r.fen);

	// 当期实收 and credits: postings on the period's bills up to `until` (voided ones taken off).
	for (const r of [
		...q.postedCurrent.all(db, communityId, fromMonth, toMonth, until),
		...q.voidedCurrent.all(db, communityId, fromMonth, toMonth, until, until)
	])
		add(r.unitId, r.itemId, r.kind === 'credit' ? 'credited' : 'collected', r.fen);

	// 清欠实收: paid during the period on bills of earlier months; credits then lower what is owed.
	for (const r of [
		...q.postedDuring.all(db, communityId, start, until, fromMonth),
		...q.voidedDuring.all(db, communityId, start, until, fromMonth, until)
	]) {
		if (r.kind === 'credit') add(r.unitId, r.itemId, 'arrearsDue', -r.fen);
		else add(r.unitId, r.itemId, 'arrearsCollected', r.fen);
	}

	// 往期欠费 at the start: bills of earlier months owing the day before. Open bills nothing names owe
	// their whole principal; the others (and bills settled since the start) are worked out per bill.
	for (const r of q.untouchedOwing.all(db, communityId, start))
		add(r.unitId, r.itemId, 'arrearsDue', r.fen);
	for (const r of q.touchedOwing.all(db, start, communityId, start, communityId, start, fromMonth))
		add(r.unitId, r.itemId, 'arrearsDue', r.fen);

	const items = new Map(
		db
			.select({ id: feeItems.id, sort: feeItems.sort })
			.from(feeItems)
			.where(eq(feeItems.communityId, communityId))
			.all()
			.map((i) => [i.id, i.sort])
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

/** 当期 figures alone: 应收, 实收 and their rate, in total. */
export type CurrentFigures = Pick<
	CollectionFigures,
	'billedFen' | 'creditedFen' | 'dueFen' | 'collectedFen' | 'rateBp'
>;

/**
 * The 当期 part of `collectionReport` in total, by the same statements (the month report's 应收 /
 * 实收 / 欠收): without the 往期 arrears at the start, which need the whole history of the bills.
 */
export function currentCollection(
	db: Db,
	communityId: number,
	period: CollectionPeriod
): CurrentFigures {
	const { fromMonth, toMonth, until } = period;
	// The same WHERE as the report's statements, summed without their per-unit groups.
	const billedFen = q.billedInPeriodTotal.one(db, communityId, fromMonth, toMonth).fen;
	const posted = q.postedCurrentTotal.one(db, communityId, fromMonth, toMonth, until);
	const voided = q.voidedCurrentTotal.one(db, communityId, fromMonth, toMonth, until, until);
	const creditedFen = posted.creditedFen + voided.creditedFen;
	const collectedFen = posted.collectedFen + voided.collectedFen;
	const dueFen = billedFen - creditedFen;
	return { billedFen, creditedFen, dueFen, collectedFen, rateBp: rateBp(collectedFen, dueFen) };
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
		q.billedByMonth.all(db, communityId, first, last).map((r) => [r.month, r.fen])
	);
	const credited = new Map<string, number>();
	const collected = new Map<string, number>();
	for (const r of [
		...q.postedByMonth.all(db, communityId, first, last, today),
		...q.voidedByMonth.all(db, communityId, first, last, today, today)
	]) {
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
