import type { Db } from '../db';
import { stmt } from '../db/stmt';
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

// Units that may be owed a credit: a bill at 100 % of an item the reduction applies to, for a month
// from the notice on, and the unit not handed over or with a move-in case starting after that month.
// Opening arrears (source 'opening') are what the old system said was owed: never credited again.
const CANDIDATES_SQL = `SELECT DISTINCT b.unit_id AS id FROM bills b JOIN fee_items i ON i.id = b.fee_item_id JOIN units u ON u.id = b.unit_id
	WHERE b.community_id = ? AND i.vacancy_applies = 1 AND b.vacancy_percent = 100 AND b.source <> 'opening' AND u.handover_notice_date IS NOT NULL
	AND b.month || '-01' >= u.handover_notice_date
	AND (u.occupancy = 'not_handed_over' OR EXISTS (SELECT 1 FROM movein_cases c WHERE c.unit_id = u.id AND c.fee_start_month > b.month))`;

const UNIT_CANDIDATES_SQL = CANDIDATES_SQL.replace('b.community_id = ?', '+b.community_id = ?');

const BILLS_SQL = `SELECT b.id AS billId, b.month, (i.vacancy_applies AND b.source <> 'opening') AS vacancyApplies,
	b.full_fen AS fullFen, b.principal_fen AS principalFen,
	b.vacancy_percent AS vacancyPercent FROM bills b JOIN fee_items i ON i.id = b.fee_item_id WHERE b.unit_id = ? ORDER BY b.month, i.sort, b.id`;

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
	// `+b.community_id` keeps SQLite off the community index (1.2 M bills: ~1 s a payment in the
	// bench); the unit index then finds the few bills (0.3 ms).
	const rows = opts.unitIds
		? stmt(db, `${UNIT_CANDIDATES_SQL} AND b.unit_id IN (SELECT value FROM json_each(?))`).all(
				communityId,
				JSON.stringify(opts.unitIds)
			)
		: stmt(db, CANDIDATES_SQL).all(communityId);
	const ids = (rows as { id: number }[]).map((r) => r.id);
	if (ids.length === 0) return 0;
	const percent = new Map<string, number>();
	const percentFor = (month: string) => {
		let p = percent.get(month);
		if (p === undefined)
			percent.set(month, (p = settingsOnDay(db, communityId, `${month}-01`).fees.vacancyPercent));
		return p;
	};
	const insert = stmt(
		db,
		`INSERT INTO vacancy_credits (community_id, unit_id, source_bill_id, bill_id, amount_fen,
			vacancy_percent, local_date, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	let total = 0;
	for (const unit of unitsForBilling(db, communityId, ids)) {
		const bills = (
			stmt(db, BILLS_SQL).all(unit.id) as (Omit<CreditBill, 'vacancyApplies'> & {
				vacancyApplies: number;
			})[]
		).map((b) => ({ ...b, vacancyApplies: !!b.vacancyApplies }));
		const credited = new Map(
			(
				stmt(
					db,
					'SELECT source_bill_id AS id, SUM(amount_fen) AS fen FROM vacancy_credits WHERE unit_id = ? GROUP BY source_bill_id'
				).all(unit.id) as { id: number; fen: number }[]
			).map((r) => [r.id, r.fen])
		);
		const owed = vacancyCreditsOwed(unit, bills, percentFor, credited);
		if (owed.length === 0) continue;
		const targets = billStates(db, communityId, unit.id, today)
			.filter((b) => b.principalDueFen > 0)
			.map((b) => ({ billId: b.billId, principalDueFen: b.principalDueFen }));
		const rows = allocateCredits(owed, targets);
		if (rows.length === 0) continue;
		let sum = 0;
		for (const r of rows) {
			insert.run(
				communityId,
				unit.id,
				r.sourceBillId,
				r.billId,
				r.amountFen,
				r.vacancyPercent,
				today,
				opts.actorId ?? null,
				opts.now
			);
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
