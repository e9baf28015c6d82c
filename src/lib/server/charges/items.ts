import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import { and, count, eq, gte, max, ne } from 'drizzle-orm';
import { bills, feeItems, feeItemTargets, feeRates, units } from '../db/schema';
import { feeItemsWithRates, setRate, type RateHistoryRow } from '../fees';
import type { FeeItemRow } from '../fees';
import { feeItemColumns } from '../fees/generate';
import { isValidMonth } from '../../dates';
import { MAX_RATE_FEN, rateForMonth, type FeeBasis } from '../../domain/billing';
import type { FeeScope } from '../../domain/fee-items';
import { ChargeError } from './errors';
import type { Actor } from '../auth/actor';

/*
 * Fee items as data (收费项目): the admin adds recurring items (billed by the monthly run) and
 * one-off items (basis 'fixed', raised at the counter), gives them a dated rate history and says
 * which units they apply to. Every change is audited; rates are insert-only (`fee_rates`).
 */

export interface ItemScopeInput {
	appliesTo: FeeScope;
	/** Building numbers (appliesTo 'buildings'). */
	buildings: string[];
	/** Unit codes such as 3-2-1502 (appliesTo 'units'). */
	unitCodes: string[];
}

export interface NewFeeItem extends ItemScopeInput {
	code?: string;
	nameZh: string;
	nameEn: string;
	basis: FeeBasis;
	vacancyApplies: boolean;
	lateFeeApplies: boolean;
	rateFen: number;
	fromMonth: string;
}

export interface FeeItemEdit extends ItemScopeInput {
	nameZh: string;
	nameEn: string;
	vacancyApplies: boolean;
	lateFeeApplies: boolean;
}

export interface AdminFeeItem extends FeeItemRow {
	rates: RateHistoryRow[];
	buildings: string[];
	unitCodes: string[];
	/** The rate in force this month, or null. */
	currentRateFen: number | null;
	/** Latest month with a recurring bill of this item (a new rate must start after it). */
	lastBilledMonth: string | null;
}

/** Items with rates, targets and last billed month, for the admin screen. */
export function adminFeeItems(db: Db, communityId: number, month: string): AdminFeeItem[] {
	const targets = db
		.select({
			feeItemId: feeItemTargets.feeItemId,
			building: feeItemTargets.building,
			unitCode: units.code
		})
		.from(feeItemTargets)
		.innerJoin(feeItems, eq(feeItems.id, feeItemTargets.feeItemId))
		.leftJoin(units, eq(units.id, feeItemTargets.unitId))
		.where(eq(feeItems.communityId, communityId))
		.orderBy(feeItemTargets.id)
		.all();
	const billed = new Map(
		db
			.select({ feeItemId: bills.feeItemId, month: max(bills.month) })
			.from(bills)
			.where(and(eq(bills.communityId, communityId), ne(bills.source, 'charge')))
			.groupBy(bills.feeItemId)
			.all()
			.map((r) => [r.feeItemId, r.month])
	);
	return feeItemsWithRates(db, communityId).map((item) => {
		const mine = targets.filter((t) => t.feeItemId === item.id);
		return {
			...item,
			buildings: mine.flatMap((t) => (t.building === null ? [] : [t.building])),
			unitCodes: mine.flatMap((t) => (t.unitCode === null ? [] : [t.unitCode])),
			currentRateFen: rateForMonth(item.rates, month)?.rateFen ?? null,
			lastBilledMonth: billed.get(item.id) ?? null
		};
	});
}

function itemRow(db: Db, communityId: number, id: number) {
	const row = db
		.select(feeItemColumns)
		.from(feeItems)
		.where(and(eq(feeItems.id, id), eq(feeItems.communityId, communityId)))
		.get();
	// The audit's "before" keeps the flags as stored (0/1).
	return (
		row && {
			...row,
			vacancyApplies: Number(row.vacancyApplies),
			lateFeeApplies: Number(row.lateFeeApplies)
		}
	);
}

const codeTaken = (db: Db, communityId: number, code: string) =>
	db
		.select({ id: feeItems.id })
		.from(feeItems)
		.where(and(eq(feeItems.communityId, communityId), eq(feeItems.code, code)))
		.get() !== undefined;

/** Unit ids of these codes in the community; an unknown code is refused ('unknown_unit'). */
function unitIdsOf(db: Db, communityId: number, codes: readonly string[]): number[] {
	return [...new Set(codes)].map((code) => {
		const row = db
			.select({ id: units.id })
			.from(units)
			.where(and(eq(units.communityId, communityId), eq(units.code, code)))
			.get();
		if (!row) throw new ChargeError('unknown_unit', { code });
		return row.id;
	});
}

/** Replaces the item's targets with the given scope (no transaction of its own). */
function writeScope(db: Db, communityId: number, itemId: number, scope: ItemScopeInput) {
	const unitIds = scope.appliesTo === 'units' ? unitIdsOf(db, communityId, scope.unitCodes) : [];
	const buildings = scope.appliesTo === 'buildings' ? [...new Set(scope.buildings)] : [];
	if (buildings.length) {
		const has = (building: string) =>
			db
				.select({ id: units.id })
				.from(units)
				.where(and(eq(units.communityId, communityId), eq(units.building, building)))
				.limit(1)
				.get() !== undefined;
		for (const b of buildings)
			if (!has(b)) throw new ChargeError('unknown_building', { building: b });
	}
	if (scope.appliesTo !== 'all' && unitIds.length + buildings.length === 0)
		throw new ChargeError(scope.appliesTo === 'units' ? 'unknown_unit' : 'unknown_building');
	// The target list is configuration, not the ledger: replaced as a set, the audit keeps the before.
	db.delete(feeItemTargets).where(eq(feeItemTargets.feeItemId, itemId)).run();
	for (const b of buildings)
		db.insert(feeItemTargets).values({ feeItemId: itemId, building: b, unitId: null }).run();
	for (const u of unitIds)
		db.insert(feeItemTargets).values({ feeItemId: itemId, building: null, unitId: u }).run();
	db.update(feeItems).set({ appliesTo: scope.appliesTo }).where(eq(feeItems.id, itemId)).run();
}

function nextCode(db: Db, communityId: number): string {
	const n =
		db.select({ n: count() }).from(feeItems).where(eq(feeItems.communityId, communityId)).get()
			?.n ?? 0;
	for (let i = n + 1; ; i++) {
		const code = `item_${i}`;
		if (!codeTaken(db, communityId, code)) return code;
	}
}

/** The next sort position of the community's fee items (after the last). */
export function nextSort(db: Db, communityId: number): number {
	const last = db
		.select({ s: max(feeItems.sort) })
		.from(feeItems)
		.where(eq(feeItems.communityId, communityId))
		.get();
	return (last?.s ?? 0) + 1;
}

function checkRate(rateFen: number) {
	if (!Number.isSafeInteger(rateFen) || rateFen <= 0) throw new ChargeError('bad_amount');
	if (rateFen > MAX_RATE_FEN) throw new ChargeError('too_large');
}

/**
 * Adds a fee item with its first rate (from `fromMonth`, not before `currentMonth`). One-off
 * items (basis 'fixed') carry their usual price as the rate and no vacancy reduction.
 */
export function createFeeItem(
	db: Db,
	actor: Actor,
	input: NewFeeItem,
	currentMonth: string,
	now = nowMs()
): { id: number; code: string } {
	if (!isValidMonth(input.fromMonth)) throw new ChargeError('past_month');
	if (input.fromMonth < currentMonth) throw new ChargeError('past_month');
	checkRate(input.rateFen);
	return tx(db, () => {
		const code = input.code || nextCode(db, actor.communityId);
		if (codeTaken(db, actor.communityId, code)) throw new ChargeError('code_taken', { code });
		const sort = nextSort(db, actor.communityId);
		const oneOff = input.basis === 'fixed';
		const { id } = db
			.insert(feeItems)
			.values({
				communityId: actor.communityId,
				code,
				nameZh: input.nameZh,
				nameEn: input.nameEn || input.nameZh,
				basis: input.basis,
				vacancyApplies: !oneOff && input.vacancyApplies,
				lateFeeApplies: input.lateFeeApplies,
				appliesTo: 'all',
				sort,
				createdAt: now
			})
			.returning({ id: feeItems.id })
			.get();
		// A one-off item applies wherever the clerk raises it.
		if (!oneOff) writeScope(db, actor.communityId, id, input);
		db.insert(feeRates)
			.values({
				feeItemId: id,
				fromMonth: input.fromMonth,
				rateFen: input.rateFen,
				createdBy: actor.id,
				createdAt: now
			})
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'fee_items.create',
				targetType: 'fee_item',
				targetId: code,
				detail: { ...input, code }
			},
			now
		);
		return { id, code };
	});
}

/** Edits names, flags and scope (the basis and code never change: old bills were made with them). */
export function updateFeeItem(
	db: Db,
	actor: Actor,
	itemId: number,
	input: FeeItemEdit,
	now = nowMs()
): void {
	tx(db, () => {
		const before = itemRow(db, actor.communityId, itemId);
		if (!before) throw new ChargeError('not_found');
		const oneOff = before.basis === 'fixed';
		const beforeTargets = db
			.select({ building: feeItemTargets.building, unitId: feeItemTargets.unitId })
			.from(feeItemTargets)
			.where(eq(feeItemTargets.feeItemId, itemId))
			.all();
		db.update(feeItems)
			.set({
				nameZh: input.nameZh,
				nameEn: input.nameEn || input.nameZh,
				vacancyApplies: !oneOff && input.vacancyApplies,
				lateFeeApplies: input.lateFeeApplies
			})
			.where(eq(feeItems.id, itemId))
			.run();
		if (!oneOff) writeScope(db, actor.communityId, itemId, input);
		auditBy(
			db,
			actor,
			{
				action: 'fee_items.update',
				targetType: 'fee_item',
				targetId: before.code,
				detail: { before: { ...before, targets: beforeTargets }, after: input }
			},
			now
		);
	});
}

/**
 * A new rate for an item from `fromMonth` on (insert-only). "A past day never changes": the month
 * must not be before the current month, and not a month the item has already been billed for,
 * so no bill of a month is ever priced differently from another of the same month.
 */
export function addRate(
	db: Db,
	actor: Actor,
	itemId: number,
	fromMonth: string,
	rateFen: number,
	currentMonth: string
): void {
	if (!isValidMonth(fromMonth) || fromMonth < currentMonth) throw new ChargeError('past_month');
	checkRate(rateFen);
	tx(db, () => {
		const item = itemRow(db, actor.communityId, itemId);
		if (!item) throw new ChargeError('not_found');
		const billed = db
			.select({ month: max(bills.month) })
			.from(bills)
			.where(
				and(eq(bills.feeItemId, itemId), ne(bills.source, 'charge'), gte(bills.month, fromMonth))
			)
			.get();
		if (billed?.month) throw new ChargeError('month_billed', { month: billed.month });
		setRate(db, itemId, fromMonth, rateFen, actor.id);
	});
}
