import { tx, type Db } from '../db';
import { audit } from '../audit';
import { nowMs } from '../clock';
import { stmt } from '../db/stmt';
import { feeItemsWithRates, setRate, type RateHistoryRow } from '../fees';
import type { FeeItemRow } from '../fees';
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
	const targets = stmt(
		db,
		`SELECT t.fee_item_id AS feeItemId, t.building, u.code AS unitCode FROM fee_item_targets t
		JOIN fee_items i ON i.id = t.fee_item_id LEFT JOIN units u ON u.id = t.unit_id WHERE i.community_id = ? ORDER BY t.id`
	).all(communityId) as { feeItemId: number; building: string | null; unitCode: string | null }[];
	const billed = new Map(
		(
			stmt(
				db,
				`SELECT fee_item_id AS feeItemId, max(month) AS month FROM bills WHERE community_id = ? AND source <> 'charge' GROUP BY fee_item_id`
			).all(communityId) as { feeItemId: number; month: string }[]
		).map((r) => [r.feeItemId, r.month])
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
	return stmt(
		db,
		`SELECT id, code, name_zh AS nameZh, name_en AS nameEn, basis, vacancy_applies AS vacancyApplies,
			late_fee_applies AS lateFeeApplies, applies_to AS appliesTo FROM fee_items WHERE id = ? AND community_id = ?`
	).get(id, communityId) as
		| {
				id: number;
				code: string;
				nameZh: string;
				nameEn: string;
				basis: FeeBasis;
				vacancyApplies: number;
				lateFeeApplies: number;
				appliesTo: FeeScope;
		  }
		| undefined;
}

/** Unit ids of these codes in the community; an unknown code is refused ('unknown_unit'). */
function unitIdsOf(db: Db, communityId: number, codes: readonly string[]): number[] {
	const one = stmt(db, 'SELECT id FROM units WHERE community_id = ? AND code = ?');
	return [...new Set(codes)].map((code) => {
		const row = one.get(communityId, code) as { id: number } | undefined;
		if (!row) throw new ChargeError('unknown_unit', { code });
		return row.id;
	});
}

/** Replaces the item's targets with the given scope (no transaction of its own). */
function writeScope(db: Db, communityId: number, itemId: number, scope: ItemScopeInput) {
	const unitIds = scope.appliesTo === 'units' ? unitIdsOf(db, communityId, scope.unitCodes) : [];
	const buildings = scope.appliesTo === 'buildings' ? [...new Set(scope.buildings)] : [];
	if (buildings.length) {
		const has = stmt(db, 'SELECT 1 FROM units WHERE community_id = ? AND building = ? LIMIT 1');
		for (const b of buildings)
			if (!has.get(communityId, b)) throw new ChargeError('unknown_building', { building: b });
	}
	if (scope.appliesTo !== 'all' && unitIds.length + buildings.length === 0)
		throw new ChargeError(scope.appliesTo === 'units' ? 'unknown_unit' : 'unknown_building');
	// The target list is configuration, not the ledger: replaced as a set, the audit keeps the before.
	stmt(db, 'DELETE FROM fee_item_targets WHERE fee_item_id = ?').run(itemId);
	const ins = stmt(
		db,
		'INSERT INTO fee_item_targets (fee_item_id, building, unit_id) VALUES (?, ?, ?)'
	);
	for (const b of buildings) ins.run(itemId, b, null);
	for (const u of unitIds) ins.run(itemId, null, u);
	stmt(db, 'UPDATE fee_items SET applies_to = ? WHERE id = ?').run(scope.appliesTo, itemId);
}

function nextCode(db: Db, communityId: number): string {
	const n = (
		stmt(db, 'SELECT count(*) AS n FROM fee_items WHERE community_id = ?').get(communityId) as {
			n: number;
		}
	).n;
	for (let i = n + 1; ; i++) {
		const code = `item_${i}`;
		if (
			!stmt(db, 'SELECT 1 FROM fee_items WHERE community_id = ? AND code = ?').get(
				communityId,
				code
			)
		)
			return code;
	}
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
		if (
			stmt(db, 'SELECT 1 FROM fee_items WHERE community_id = ? AND code = ?').get(
				actor.communityId,
				code
			)
		)
			throw new ChargeError('code_taken', { code });
		const sort =
			(
				stmt(db, 'SELECT coalesce(max(sort), 0) AS s FROM fee_items WHERE community_id = ?').get(
					actor.communityId
				) as { s: number }
			).s + 1;
		const oneOff = input.basis === 'fixed';
		const id = Number(
			stmt(
				db,
				`INSERT INTO fee_items (community_id, code, name_zh, name_en, basis, vacancy_applies, late_fee_applies, applies_to, sort, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'all', ?, ?)`
			).run(
				actor.communityId,
				code,
				input.nameZh,
				input.nameEn || input.nameZh,
				input.basis,
				!oneOff && input.vacancyApplies ? 1 : 0,
				input.lateFeeApplies ? 1 : 0,
				sort,
				now
			).lastInsertRowid
		);
		// A one-off item applies wherever the clerk raises it.
		if (!oneOff) writeScope(db, actor.communityId, id, input);
		stmt(
			db,
			'INSERT INTO fee_rates (fee_item_id, from_month, rate_fen, created_by, created_at) VALUES (?, ?, ?, ?, ?)'
		).run(id, input.fromMonth, input.rateFen, actor.id, now);
		audit(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.id,
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
		const beforeTargets = stmt(
			db,
			'SELECT building, unit_id AS unitId FROM fee_item_targets WHERE fee_item_id = ?'
		).all(itemId);
		stmt(
			db,
			'UPDATE fee_items SET name_zh = ?, name_en = ?, vacancy_applies = ?, late_fee_applies = ? WHERE id = ?'
		).run(
			input.nameZh,
			input.nameEn || input.nameZh,
			!oneOff && input.vacancyApplies ? 1 : 0,
			input.lateFeeApplies ? 1 : 0,
			itemId
		);
		if (!oneOff) writeScope(db, actor.communityId, itemId, input);
		audit(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.id,
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
		const billed = stmt(
			db,
			`SELECT max(month) AS month FROM bills WHERE fee_item_id = ? AND source <> 'charge' AND month >= ?`
		).get(itemId, fromMonth) as { month: string | null };
		if (billed.month) throw new ChargeError('month_billed', { month: billed.month });
		setRate(db, itemId, fromMonth, rateFen, actor.id);
	});
}
