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
import { and, asc, eq, sql } from 'drizzle-orm';
import { bills, feeItems, feeRates, units } from '../db/schema';
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
	sort: number;
	rates: RateRow[];
}

export interface UnitRow extends BillingUnit {
	id: number;
	code: string;
}

/** The community's fee items with their rates, for planning bills. */
export function itemsWithRates(db: Db, communityId: number): ItemWithRates[] {
	const items = db
		.select({
			id: feeItems.id,
			code: feeItems.code,
			nameZh: feeItems.nameZh,
			nameEn: feeItems.nameEn,
			basis: feeItems.basis,
			vacancyApplies: feeItems.vacancyApplies,
			sort: feeItems.sort
		})
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
	return items.map((i) => ({
		...i,
		rates: rates.filter((r) => r.feeItemId === i.id)
	}));
}

// takenOverFrom: a unit whose move-in case is open (or done) counts as taken over from the case's
// first fee month, so the months prepaid at handover are billed at the full rate.
const unitColumns = {
	id: units.id,
	code: units.code,
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
			createdAt: sql.placeholder('createdAt')
		})
		.onConflictDoNothing({ target: [bills.unitId, bills.feeItemId, bills.month] })
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
	for (let i = 0; i < total; i++) {
		const unit = units[i];
		for (const { item, plan: planner } of planners) {
			const plan: PlannedBill | null = planner ? planner(unit) : null;
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
				createdAt: now
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
