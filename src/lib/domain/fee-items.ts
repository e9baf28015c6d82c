/**
 * Fee items as data (issue 18), pure: no I/O, dates as strings, amounts in integer fen.
 *
 * - Spaces billed in month M by a per-space item: the spaces a unit holds on M's FIRST DAY, from
 *   `parking_space_holdings`. A holding is in force on day d when start ≤ d and (no end, or
 *   end > d: the end date is the first day it is no longer held). So a holding that starts
 *   mid-month is billed from the next month, one that ends mid-month is billed for that whole
 *   month, and a space handed from one unit to another mid-month is billed once a month: to the
 *   old holder that month, to the new one from the next. Billing runs at the start of the month,
 *   so this is also what is known when it runs. A unit with no holdings on record at all (none
 *   ever, not merely none this month) falls back to its `units.parking_spaces` count.
 * - Scope: an item applies to every unit, to the units of some buildings, or to listed units.
 * - A one-off charge (补办门禁卡, a 特约服务…) costs unit price × quantity, both positive.
 */
import { isValidMonth } from '../dates';
import { MAX_FEN } from '../money';

export interface SpaceHolding {
	startDate: string;
	endDate: string | null;
}

/** Whether a holding is in force on `date` (end date exclusive). */
export function heldOn(h: SpaceHolding, date: string): boolean {
	return h.startDate <= date && (h.endDate === null || h.endDate > date);
}

/** Spaces a unit is billed for in `month`: holdings in force on its first day, else the fallback count. */
export function billedSpaces(
	holdings: readonly SpaceHolding[],
	fallbackSpaces: number,
	month: string
): number {
	if (!isValidMonth(month)) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(month)}`);
	if (holdings.length === 0) return fallbackSpaces;
	const first = `${month}-01`;
	return holdings.filter((h) => heldOn(h, first)).length;
}

export type FeeScope = 'all' | 'buildings' | 'units';

export interface ItemScope {
	appliesTo: FeeScope;
	buildings: ReadonlySet<string>;
	unitIds: ReadonlySet<number>;
}

/** Whether an item bills this unit. */
export function itemApplies(scope: ItemScope, unit: { id: number; building: string }): boolean {
	switch (scope.appliesTo) {
		case 'all':
			return true;
		case 'buildings':
			return scope.buildings.has(unit.building);
		case 'units':
			return scope.unitIds.has(unit.id);
	}
}

/** At most this many of one item on one charge: more is a typo. */
export const MAX_CHARGE_QUANTITY = 999;

export type ChargeError = 'bad_quantity' | 'bad_amount' | 'too_large';

/** What a one-off charge costs: unit price × quantity, exactly; a code when either is refused. */
export function chargeAmountFen(
	unitPriceFen: number,
	quantity: number
): { ok: true; fen: number } | { ok: false; error: ChargeError } {
	if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_CHARGE_QUANTITY)
		return { ok: false, error: 'bad_quantity' };
	if (!Number.isSafeInteger(unitPriceFen) || unitPriceFen <= 0)
		return { ok: false, error: 'bad_amount' };
	const fen = unitPriceFen * quantity;
	if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { ok: false, error: 'too_large' };
	return { ok: true, fen };
}
