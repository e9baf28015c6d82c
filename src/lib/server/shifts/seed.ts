import type { Db } from '../db';
import { getCommunity } from '../community';
import { addDays, localToEpochMs, todayIn } from '../../dates';
import { closeShift, openShift } from './commands';
import { shiftCash } from './queries';
import { seedingConnections } from './open';

const MINUTE = 60_000;

/**
 * Runs demo seeds that take cash (fees, renovations, waivers), then lays the cashiers' shifts
 * around that cash: the seeds replay a year of counter work out of order, so a shift cannot be
 * open at each moment they write. Afterwards no cash is outside a shift (`layShifts`).
 */
export async function seedWithShifts(
	db: Db,
	ctx: { communityId: number; today: Date },
	seeds: () => void | Promise<void>
): Promise<void> {
	seedingConnections.add(db);
	try {
		await seeds();
	} finally {
		seedingConnections.delete(db);
	}
	layShifts(db, ctx);
}

interface Activity {
	cashierId: number;
	at: number;
}

/** Cash taken or paid out that no shift of its cashier covers, oldest first. */
function uncoveredCash(db: Db, communityId: number): Activity[] {
	const covered = (
		who: string,
		at: string
	) => `EXISTS (SELECT 1 FROM cashier_shifts s LEFT JOIN shift_closes c ON c.shift_id = s.id
		WHERE s.community_id = ? AND s.cashier_id = ${who} AND s.opened_at <= ${at} AND (c.closed_at IS NULL OR c.closed_at >= ${at}))`;
	return db.$client
		.prepare(
			`SELECT cashierId, at FROM (
				SELECT p.cashier_id AS cashierId, p.created_at AS at FROM payments p
				WHERE p.community_id = ? AND p.method = 'cash' AND NOT ${covered('p.cashier_id', 'p.created_at')}
				UNION ALL
				SELECT p.cashier_id, v.created_at FROM payment_voids v JOIN payments p ON p.id = v.payment_id
				WHERE p.community_id = ? AND p.method = 'cash' AND NOT ${covered('p.cashier_id', 'v.created_at')}
				UNION ALL
				SELECT d.staff_id, d.created_at FROM deposit_settlements d
				WHERE d.community_id = ? AND d.method = 'cash' AND d.refund_fen > 0
					AND NOT ${covered('d.staff_id', 'd.created_at')}
			) AS uncovered ORDER BY at, cashierId`
		)
		.all(
			communityId,
			communityId,
			communityId,
			communityId,
			communityId,
			communityId
		) as Activity[];
}

/**
 * One shift per cashier and day with uncovered cash: taken over at 08:30 (or before the first cash)
 * with a ¥500.00 float, handed over at 17:30 (or after the last cash, never after the seed's now)
 * with the cash, cheques and card slips counted right. Yesterday's shift of clerk2 is handed over to clerk ¥5.00 over, so
 * the demo's daily report of yesterday has a difference to show.
 */
export function layShifts(db: Db, ctx: { communityId: number; today: Date }): void {
	const { communityId } = ctx;
	const tz = getCommunity(db, communityId).timeZone;
	const nowMs = ctx.today.getTime();
	const yesterday = addDays(todayIn(tz, ctx.today), -1);
	const staff = (username: string) =>
		(
			db.$client
				.prepare('SELECT id FROM staff_users WHERE community_id = ? AND username = ?')
				.get(communityId, username) as { id: number } | undefined
		)?.id;
	const clerk = staff('clerk');
	const clerk2 = staff('clerk2');
	const days = new Map<string, { cashierId: number; date: string; first: number; last: number }>();
	for (const a of uncoveredCash(db, communityId)) {
		const date = todayIn(tz, a.at);
		const k = `${a.cashierId}|${date}`;
		const d = days.get(k);
		if (d) d.last = a.at;
		else days.set(k, { cashierId: a.cashierId, date, first: a.at, last: a.at });
	}
	for (const d of [...days.values()].sort((a, b) => a.first - b.first)) {
		const shift = openShift(db, {
			communityId,
			cashierId: d.cashierId,
			openingFloatFen: 50000,
			idempotencyKey: `seed-shift-${communityId}-${d.cashierId}-${d.date}`,
			now: Math.min(localToEpochMs(d.date, '08:30', tz), d.first - MINUTE)
		});
		const closeAt = Math.max(
			d.last,
			Math.min(Math.max(localToEpochMs(d.date, '17:30', tz), d.last + MINUTE), nowMs)
		);
		const over = d.cashierId === clerk2 && d.date === yesterday;
		const held = shiftCash(db, shift, closeAt);
		closeShift(db, {
			communityId,
			cashierId: d.cashierId,
			shiftId: shift.id,
			countedFen: held.expectedFen + (over ? 500 : 0),
			cheques: { count: held.chequeCount, fen: held.chequeFen },
			cards: { count: held.cardCount, fen: held.cardFen },
			note: over ? '长款 5 元，已登记待查' : '',
			successorId: over && clerk ? clerk : null,
			idempotencyKey: `seed-shift-close-${communityId}-${d.cashierId}-${d.date}`,
			now: closeAt
		});
	}
}
