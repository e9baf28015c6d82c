import type { Db } from '../db';
import { eq, sql } from 'drizzle-orm';
import { bills, feeItems, vacancyCredits } from '../db/schema';
import { prepared, sumOf } from '../db/prepared';
import { vacancyCandidates, vacancyCandidatesAmong } from './sql';
import { audit } from '../audit';
import { getCommunity } from '../community';
import { todayIn } from '../../dates';
import { allocateCredits, vacancyCreditsOwed, type CreditBill } from '../../domain/billing';
import { settingsOnDay } from '../admin/priced';
import { billStates } from './account';
import { unitsForBilling } from './generate';

/*
 * 空置减免 (DOMAIN §2, vacancy rule): property-fee bills issued at 100 % for months in which the
 * unit was not taken over (from the handover notice on; before issue 11 the reduction started a
 * year late) are credited the difference by insert-only rows, never by editing the bill. A credit
 * reduces the principal still due on the same bill, or, when that bill is paid, on the unit's next
 * unpaid bills; what finds nothing unpaid waits for the next run (monthly billing creates the next
 * bill and runs this). Idempotent: what was credited for a bill is subtracted from what it is owed.
 */

const creditBillsQuery = prepared((db) =>
	db
		.select({
			billId: bills.id,
			month: bills.month,
			// Opening arrears (source 'opening') are what the old system said was owed: never credited again.
			vacancyApplies:
				sql<boolean>`CASE WHEN ${feeItems.vacancyApplies} = 1 AND ${bills.source} <> 'opening' THEN 1 ELSE 0 END`.mapWith(
					Boolean
				),
			fullFen: bills.fullFen,
			principalFen: bills.principalFen,
			vacancyPercent: bills.vacancyPercent
		})
		.from(bills)
		.innerJoin(feeItems, eq(feeItems.id, bills.feeItemId))
		.where(eq(bills.unitId, sql.placeholder('unitId')))
		.orderBy(bills.month, feeItems.sort, bills.id)
		.prepare()
);

const creditedQuery = prepared((db) =>
	db
		.select({ id: vacancyCredits.sourceBillId, fen: sumOf(vacancyCredits.amountFen) })
		.from(vacancyCredits)
		.where(eq(vacancyCredits.unitId, sql.placeholder('unitId')))
		.groupBy(vacancyCredits.sourceBillId)
		.prepare()
);

/**
 * Grants the 空置减免 the given units (default: every candidate of the community) are still owed,
 * dated today. No transaction of its own: callers run it inside theirs. Returns the fen credited.
 */
export function grantVacancyCredits(
	db: Db,
	communityId: number,
	opts: { unitIds?: number[]; now: number; actorId?: number | null }
): number {
	const community = getCommunity(db, communityId);
	const today = todayIn(community.timeZone, opts.now);
	// With units named (a counter payment), only their bills are read: posting stays fast in a large community.
	const rows = opts.unitIds
		? vacancyCandidatesAmong.all(
				db,
				communityId,
				JSON.stringify(opts.unitIds),
				JSON.stringify(opts.unitIds)
			)
		: vacancyCandidates.all(db, communityId);
	const ids = rows.map((r) => r.id);
	if (ids.length === 0) return 0;
	const percent = new Map<string, number>();
	const percentFor = (month: string) => {
		let p = percent.get(month);
		if (p === undefined)
			percent.set(month, (p = settingsOnDay(db, communityId, `${month}-01`).fees.vacancyPercent));
		return p;
	};
	let total = 0;
	for (const unit of unitsForBilling(db, communityId, ids)) {
		const unitBills: CreditBill[] = creditBillsQuery(db).all({ unitId: unit.id });
		const credited = new Map(
			creditedQuery(db)
				.all({ unitId: unit.id })
				.map((r) => [r.id, r.fen])
		);
		const owed = vacancyCreditsOwed(unit, unitBills, percentFor, credited);
		if (owed.length === 0) continue;
		const targets = billStates(db, communityId, unit.id, today)
			.filter((b) => b.principalDueFen > 0)
			.map((b) => ({ billId: b.billId, principalDueFen: b.principalDueFen }));
		const rows = allocateCredits(owed, targets);
		if (rows.length === 0) continue;
		let sum = 0;
		for (const r of rows) {
			db.insert(vacancyCredits)
				.values({
					communityId,
					unitId: unit.id,
					sourceBillId: r.sourceBillId,
					billId: r.billId,
					amountFen: r.amountFen,
					vacancyPercent: r.vacancyPercent,
					localDate: today,
					createdBy: opts.actorId ?? null,
					createdAt: opts.now
				})
				.run();
			sum += r.amountFen;
		}
		total += sum;
		audit(
			db,
			{
				communityId,
				actorId: opts.actorId ?? null,
				actorKind: opts.actorId ? 'staff' : 'system',
				action: 'bills.vacancy_credit',
				targetType: 'unit',
				targetId: unit.code,
				detail: { credits: rows, totalFen: sum }
			},
			opts.now
		);
	}
	return total;
}
