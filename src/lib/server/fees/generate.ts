import { tx, type Db } from '../db';
import { audit } from '../audit';
import { settingsOnDay } from '../admin/priced';
import { nowMs } from '../clock';
import { LedgerError } from '../ledger';
import { isValidMonth } from '../../dates';
import {
	monthPlanner,
	type BillingSettings,
	type BillingUnit,
	type FeeBasis,
	type PlannedBill,
	type RateRow
} from '../../domain/billing';
import {
	billedSpaces,
	itemApplies,
	type ItemScope,
	type SpaceHolding
} from '../../domain/fee-items';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
	bills,
	feeItems,
	feeItemTargets,
	feeRates,
	parkingSpaceHoldings,
	units
} from '../db/schema';
import { prepared } from '../db/prepared';
import { grantVacancyCredits } from './vacancy-credits';

export type BillSource = 'monthly' | 'prepay' | 'movein';

export interface GenerateOptions {
	onProgress?: (done: number, total: number) => void;
	source?: BillSource;
	/** Only these units (of this community); default all. */
	unitIds?: number[];
	/** Who ran it (for the audit log); default system. */
	actorId?: number | null;
	/** Creation time (epoch ms); default the app clock. The seed uses the simulated date. */
	now?: number;
}

export interface ItemWithRates {
	id: number;
	code: string;
	nameZh: string;
	nameEn: string;
	basis: FeeBasis;
	vacancyApplies: boolean;
	/** Copied onto each bill: whether the late fee accrues on it. */
	lateFeeApplies: boolean;
	/** Which units the item bills (all, some buildings, listed units). */
	scope: ItemScope;
	sort: number;
	rates: RateRow[];
}

export interface UnitRow extends BillingUnit {
	id: number;
	code: string;
	building: string;
}

/** A fee item's own columns: what billing and the fee-item register read of it. */
export const feeItemColumns = {
	id: feeItems.id,
	code: feeItems.code,
	nameZh: feeItems.nameZh,
	nameEn: feeItems.nameEn,
	basis: feeItems.basis,
	vacancyApplies: feeItems.vacancyApplies,
	lateFeeApplies: feeItems.lateFeeApplies,
	appliesTo: feeItems.appliesTo
};

/** The community's fee items with their rates and scope, for planning bills. */
export function itemsWithRates(db: Db, communityId: number): ItemWithRates[] {
	const items = db
		.select({ ...feeItemColumns, sort: feeItems.sort })
		.from(feeItems)
		.where(eq(feeItems.communityId, communityId))
		.orderBy(asc(feeItems.sort), asc(feeItems.id))
		.all();
	const rates = db
		.select({
			id: feeRates.id,
			feeItemId: feeRates.feeItemId,
			fromMonth: feeRates.fromMonth,
			rateFen: feeRates.rateFen
		})
		.from(feeRates)
		.innerJoin(feeItems, eq(feeItems.id, feeRates.feeItemId))
		.where(eq(feeItems.communityId, communityId))
		.all();
	// Targets only matter for items that are not for every unit (the common case reads none).
	const scoped = items.filter((i) => i.appliesTo !== 'all').map((i) => i.id);
	const targets = scoped.length
		? db
				.select({
					feeItemId: feeItemTargets.feeItemId,
					building: feeItemTargets.building,
					unitId: feeItemTargets.unitId
				})
				.from(feeItemTargets)
				.where(inArray(feeItemTargets.feeItemId, scoped))
				.all()
		: [];
	return items.map(({ appliesTo, ...i }) => {
		const mine = targets.filter((t) => t.feeItemId === i.id);
		return {
			...i,
			scope: {
				appliesTo,
				buildings: new Set(mine.flatMap((t) => (t.building === null ? [] : [t.building]))),
				unitIds: new Set(mine.flatMap((t) => (t.unitId === null ? [] : [t.unitId])))
			},
			rates: rates.filter((r) => r.feeItemId === i.id)
		};
	});
}

const holdingColumns = {
	unitId: parkingSpaceHoldings.unitId,
	startDate: parkingSpaceHoldings.startDate,
	endDate: parkingSpaceHoldings.endDate
};
const holdingsOfUnit = prepared((db) =>
	db
		.select(holdingColumns)
		.from(parkingSpaceHoldings)
		.where(eq(parkingSpaceHoldings.unitId, sql.placeholder('unitId')))
		.prepare()
);

/**
 * Parking-space holdings of these units (or of every unit of the community), for per-space items.
 * Every unit listed gets an entry only when it has holdings; the others fall back to their count.
 */
export function holdingsOf(
	db: Db,
	communityId: number,
	unitRows: readonly { id: number }[]
): Map<number, SpaceHolding[]> {
	const rows =
		unitRows.length <= 200
			? unitRows.flatMap((u) => holdingsOfUnit(db).all({ unitId: u.id }))
			: db
					.select(holdingColumns)
					.from(parkingSpaceHoldings)
					.innerJoin(units, eq(units.id, parkingSpaceHoldings.unitId))
					.where(eq(units.communityId, communityId))
					.all();
	const out = new Map<number, SpaceHolding[]>();
	for (const r of rows) {
		let list = out.get(r.unitId);
		if (!list) out.set(r.unitId, (list = []));
		list.push({ startDate: r.startDate, endDate: r.endDate });
	}
	return out;
}

/**
 * The unit as an item bills it in `month`: null when the item does not apply to it; for a
 * per-space item, with the spaces it holds on the month's first day (domain/fee-items.ts).
 */
export function unitForItem<U extends UnitRow>(
	item: Pick<ItemWithRates, 'basis' | 'scope'>,
	unit: U,
	month: string,
	holdings: ReadonlyMap<number, SpaceHolding[]>
): U | null {
	if (!itemApplies(item.scope, unit)) return null;
	if (item.basis !== 'per_space') return unit;
	const spaces = billedSpaces(holdings.get(unit.id) ?? [], unit.parkingSpaces, month);
	return spaces === unit.parkingSpaces ? unit : { ...unit, parkingSpaces: spaces };
}

// takenOverFrom: a unit whose move-in case is open (or done) counts as taken over from the case's
// first fee month, so the months prepaid at handover are billed at the full rate.
const unitColumns = {
	id: units.id,
	code: units.code,
	building: units.building,
	areaCenti: units.areaCenti,
	parkingSpaces: units.parkingSpaces,
	occupancy: units.occupancy,
	handoverNoticeDate: units.handoverNoticeDate,
	// Plain text, not column objects: drizzle writes a single-table selection's columns unqualified,
	// which would bind `unit_id = id` inside the subquery to movein_cases on both sides.
	takenOverFrom: sql<string | null>`(SELECT min(c.fee_start_month) FROM movein_cases c
		WHERE c.unit_id = units.id AND c.status IN ('open', 'completed'))`
};
const unitForBilling = prepared((db) =>
	db
		.select(unitColumns)
		.from(units)
		.where(
			and(
				eq(units.id, sql.placeholder('id')),
				eq(units.communityId, sql.placeholder('communityId'))
			)
		)
		.prepare()
);

export function unitsForBilling(
	db: Db,
	communityId: number,
	unitIds?: readonly number[]
): UnitRow[] {
	if (unitIds && unitIds.length <= 200) {
		const one = unitForBilling(db);
		return unitIds.flatMap((id) => one.get({ id, communityId }) ?? []);
	}
	const all = db
		.select(unitColumns)
		.from(units)
		.where(eq(units.communityId, communityId))
		.orderBy(units.id)
		.all();
	if (!unitIds) return all;
	const wanted = new Set(unitIds);
	return all.filter((u) => wanted.has(u.id));
}

/** Due day and vacancy percentage as in force when `month` begins (the bill's due date is fixed then). */
export function billingSettings(db: Db, communityId: number, month: string): BillingSettings {
	const f = settingsOnDay(db, communityId, `${month}-01`).fees;
	return { dueDay: f.dueDay, vacancyPercent: f.vacancyPercent };
}

const insertBill = prepared((db) =>
	db
		.insert(bills)
		.values({
			communityId: sql.placeholder('communityId'),
			unitId: sql.placeholder('unitId'),
			feeItemId: sql.placeholder('feeItemId'),
			month: sql.placeholder('month'),
			dueDate: sql.placeholder('dueDate'),
			principalFen: sql.placeholder('principalFen'),
			fullFen: sql.placeholder('fullFen'),
			vacancyPercent: sql.placeholder('vacancyPercent'),
			rateFen: sql.placeholder('rateFen'),
			source: sql.placeholder('source'),
			createdAt: sql.placeholder('createdAt'),
			lateFeeApplies: sql.placeholder('lateFeeApplies')
		})
		// The unit+item+month index is partial (source <> 'charge'): a conflict target would need its
		// WHERE before DO NOTHING, which drizzle does not write. It is the table's only unique index.
		.onConflictDoNothing()
		.prepare()
);

/**
 * Inserts the bills of `month` for `units` (no transaction of its own: callers wrap it). A bill that
 * already exists is left alone (unique unit+item+month), so this is idempotent.
 */
export function insertBills(
	db: Db,
	communityId: number,
	units: readonly UnitRow[],
	items: readonly ItemWithRates[],
	month: string,
	settings: BillingSettings,
	source: BillSource,
	now: number,
	onProgress?: (done: number, total: number) => void
): { created: number; existing: number } {
	const insert = insertBill(db);
	let created = 0;
	let existing = 0;
	const total = units.length;
	const planners = items.map((item) => ({
		item,
		plan: monthPlanner(item, item.rates, month, settings)
	}));
	const holdings = planners.some((p) => p.plan && p.item.basis === 'per_space')
		? holdingsOf(db, communityId, units)
		: new Map<number, SpaceHolding[]>();
	for (let i = 0; i < total; i++) {
		const unit = units[i];
		for (const { item, plan: planner } of planners) {
			if (!planner) continue;
			const billed = unitForItem(item, unit, month, holdings);
			const plan: PlannedBill | null = billed ? planner(billed) : null;
			if (!plan) continue;
			const r = insert.run({
				communityId,
				unitId: unit.id,
				feeItemId: item.id,
				month,
				dueDate: plan.dueDate,
				principalFen: plan.principalFen,
				fullFen: plan.fullFen,
				vacancyPercent: plan.vacancyPercent,
				rateFen: plan.rateFen,
				source,
				createdAt: now,
				lateFeeApplies: item.lateFeeApplies
			});
			if (r.changes > 0) created++;
			else existing++;
		}
		if (onProgress && ((i + 1) % 500 === 0 || i + 1 === total)) onProgress(i + 1, total);
	}
	if (onProgress && total === 0) onProgress(0, 0);
	return { created, existing };
}

/**
 * Creates the bills of `month` for every unit of the community (or `opts.unitIds`) in ONE
 * transaction. Idempotent: running a month twice creates nothing new (`existing` counts the bills
 * that were already there). Amounts are fixed now, from the rate in force for that month.
 */
export function generateMonthlyBills(
	db: Db,
	communityId: number,
	month: string,
	opts: GenerateOptions = {}
): { created: number; existing: number } {
	if (!isValidMonth(month)) throw new LedgerError('bad_month');
	const now = opts.now ?? nowMs();
	return tx(db, () => {
		const items = itemsWithRates(db, communityId);
		const settings = billingSettings(db, communityId, month);
		const units = unitsForBilling(db, communityId, opts.unitIds);
		const result = insertBills(
			db,
			communityId,
			units,
			items,
			month,
			settings,
			opts.source ?? 'monthly',
			now,
			opts.onProgress
		);
		// 空置减免 owed for bills issued at 100 % in vacancy months (idempotent; a new bill can take a waiting credit).
		grantVacancyCredits(db, communityId, { unitIds: opts.unitIds, now, actorId: opts.actorId });
		if (result.created > 0) {
			audit(
				db,
				{
					communityId,
					actorId: opts.actorId ?? null,
					actorKind: opts.actorId ? 'staff' : 'system',
					action: 'bills.generate',
					targetType: 'month',
					targetId: month,
					detail: { ...result, units: units.length, source: opts.source ?? 'monthly' }
				},
				now
			);
		}
		return result;
	});
}
