import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffUsers, serialId, communityRef } from './core';

/*
 * Cashier shifts and their handover (交接班, DOMAIN.md §9). Both tables are insert-only
 * (append-only.ts): opening a shift writes a `cashier_shifts` row, closing it writes its one
 * `shift_closes` row (unique shift_id). A shift is open while it has no close row. The close row
 * keeps the figures as they were at the handover (expected cash, counted cash, difference) and a
 * snapshot of the open matters handed over, so the printed record never changes afterwards.
 */

export const cashierShifts = sqliteTable(
	'cashier_shifts',
	{
		id: serialId(),
		communityId: communityRef(),
		cashierId: integer('cashier_id')
			.notNull()
			.references(() => staffUsers.id),
		openedAt: integer('opened_at').notNull(),
		/** The community's calendar date at opening. */
		localDate: text('local_date').notNull(),
		/** Float (备用金) in the drawer at the start, counted by the cashier; part of the expected cash. */
		openingFloatFen: integer('opening_float_fen').notNull().default(0),
		/** Form token: a double submit opens once. */
		idempotencyKey: text('idempotency_key').notNull().unique()
	},
	(t) => [
		index('cashier_shifts_cashier').on(t.communityId, t.cashierId, t.openedAt),
		index('cashier_shifts_date').on(t.communityId, t.localDate)
	]
);

export const shiftCloses = sqliteTable(
	'shift_closes',
	{
		id: serialId(),
		shiftId: integer('shift_id')
			.notNull()
			.references(() => cashierShifts.id),
		communityId: communityRef(),
		closedAt: integer('closed_at').notNull(),
		/** The community's calendar date at closing: the daily report lists the shift on this day. */
		localDate: text('local_date').notNull(),
		/** Cash taken on the cashier's receipts during the shift (received − change), and how many. */
		cashReceivedFen: integer('cash_received_fen').notNull(),
		cashReceivedCount: integer('cash_received_count').notNull(),
		/** Cash receipts of this cashier voided during the shift (the money went back out). */
		cashVoidedFen: integer('cash_voided_fen').notNull(),
		cashVoidedCount: integer('cash_voided_count').notNull(),
		/** Deposits refunded in cash by this cashier during the shift (退款凭证). */
		cashRefundedFen: integer('cash_refunded_fen').notNull(),
		cashRefundedCount: integer('cash_refunded_count').notNull(),
		/** float + received − voided − refunded. */
		expectedFen: integer('expected_fen').notNull(),
		countedFen: integer('counted_fen').notNull(),
		/** counted − expected: negative = short (短款), positive = over (长款). */
		differenceFen: integer('difference_fen').notNull(),
		/** JSON snapshot of the open matters handed over (pending waivers, keys out, tickets near limits). */
		handover: text('handover').notNull().default('{}'),
		note: text('note').notNull().default(''),
		/** Who takes over (接班人), if named. They may open the record and sign it. */
		successorId: integer('successor_id').references(() => staffUsers.id),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		/** Cheques (支票) the cashier took in the shift and still holds (not voided): number and total by the system… */
		chequeCount: integer('cheque_count').notNull().default(0),
		chequeFen: integer('cheque_fen').notNull().default(0),
		/** …and as counted at the handover. */
		chequeCountedCount: integer('cheque_counted_count').notNull().default(0),
		chequeCountedFen: integer('cheque_counted_fen').notNull().default(0),
		/** Card slips (刷卡签购单) likewise. */
		cardCount: integer('card_count').notNull().default(0),
		cardFen: integer('card_fen').notNull().default(0),
		cardCountedCount: integer('card_counted_count').notNull().default(0),
		cardCountedFen: integer('card_counted_fen').notNull().default(0)
	},
	(t) => [
		uniqueIndex('shift_closes_shift').on(t.shiftId),
		index('shift_closes_date').on(t.communityId, t.localDate)
	]
);

/**
 * A manager's acknowledgement (主管确认) of a handover with a difference (cash short or over, or
 * cheques / card slips not as the system has them). Insert-only; at most one per shift.
 */
export const shiftAcknowledgements = sqliteTable(
	'shift_acknowledgements',
	{
		id: serialId(),
		shiftId: integer('shift_id')
			.notNull()
			.references(() => cashierShifts.id),
		communityId: communityRef(),
		managerId: integer('manager_id')
			.notNull()
			.references(() => staffUsers.id),
		note: text('note').notNull().default(''),
		acknowledgedAt: integer('acknowledged_at').notNull(),
		idempotencyKey: text('idempotency_key').notNull().unique()
	},
	(t) => [uniqueIndex('shift_acknowledgements_shift').on(t.shiftId)]
);
