/**
 * Opening and closing a cashier's shift (交接班). Each is one IMMEDIATE transaction, idempotent by
 * its form token, audited, and insert-only: the open row and the close row are never changed.
 */
import { and, eq, max } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { cashierShifts, shiftAcknowledgements, shiftCloses, staffUsers } from '../db/schema';
import { audit } from '../audit';
import { getCommunity } from '../community';
import { todayIn } from '../../dates';
import { MAX_FEN } from '../../money';
import { cashDifference } from '../../domain/report';
import { handoverDiffers, type Slips } from '../../domain/handover';
import { ShiftError } from './errors';
import {
	closedShift,
	hasDifference,
	openMatters,
	openShiftOf,
	shiftCash,
	type ClosedShift,
	type ShiftRow
} from './queries';

export const NOTE_MAX = 1000;

export interface OpenShiftInput {
	communityId: number;
	cashierId: number;
	openingFloatFen: number;
	idempotencyKey: string;
	now: number;
}

function checkFen(fen: number): void {
	if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN) throw new ShiftError('bad_amount');
}

/** Opens a shift for the cashier; refused while another of theirs is open. A replayed token returns the same shift. */
export function openShift(db: Db, input: OpenShiftInput): ShiftRow {
	checkFen(input.openingFloatFen);
	return tx(db, () => {
		const replay = db
			.select()
			.from(cashierShifts)
			.where(eq(cashierShifts.idempotencyKey, input.idempotencyKey))
			.get();
		if (replay) {
			if (replay.cashierId !== input.cashierId || replay.communityId !== input.communityId)
				throw new ShiftError('idempotency_conflict');
			return {
				id: replay.id,
				communityId: replay.communityId,
				cashierId: replay.cashierId,
				openedAt: replay.openedAt,
				localDate: replay.localDate,
				openingFloatFen: replay.openingFloatFen
			};
		}
		if (openShiftOf(db, input.communityId, input.cashierId)) throw new ShiftError('already_open');
		// Strictly after the cashier's last closing, so no receipt is counted in two shifts.
		const last = db
			.select({ at: max(shiftCloses.closedAt) })
			.from(shiftCloses)
			.innerJoin(cashierShifts, eq(cashierShifts.id, shiftCloses.shiftId))
			.where(
				and(
					eq(cashierShifts.communityId, input.communityId),
					eq(cashierShifts.cashierId, input.cashierId)
				)
			)
			.get();
		const openedAt = Math.max(input.now, (last?.at ?? 0) + 1);
		const tz = getCommunity(db, input.communityId).timeZone;
		const row = db
			.insert(cashierShifts)
			.values({
				communityId: input.communityId,
				cashierId: input.cashierId,
				openedAt,
				localDate: todayIn(tz, openedAt),
				openingFloatFen: input.openingFloatFen,
				idempotencyKey: input.idempotencyKey
			})
			.returning()
			.get();
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.cashierId,
				action: 'shift.open',
				targetType: 'shift',
				targetId: row.id,
				detail: { openingFloatFen: input.openingFloatFen }
			},
			openedAt
		);
		return {
			id: row.id,
			communityId: row.communityId,
			cashierId: row.cashierId,
			openedAt: row.openedAt,
			localDate: row.localDate,
			openingFloatFen: row.openingFloatFen
		};
	});
}

export interface CloseShiftInput {
	communityId: number;
	cashierId: number;
	shiftId: number;
	countedFen: number;
	/** Cheques and card slips counted at the handover (number and total); none when omitted. */
	cheques?: Slips;
	cards?: Slips;
	note: string;
	successorId: number | null;
	idempotencyKey: string;
	now: number;
}

const NONE: Slips = { count: 0, fen: 0 };

function checkSlips(s: Slips): void {
	if (!Number.isSafeInteger(s.count) || s.count < 0 || s.count > 10_000)
		throw new ShiftError('bad_amount');
	checkFen(s.fen);
}

/**
 * Closes the cashier's open shift: computes the expected cash up to now, records the counted
 * cash, the difference and a snapshot of the open matters, in one transaction.
 */
export function closeShift(db: Db, input: CloseShiftInput): ClosedShift {
	checkFen(input.countedFen);
	const cheques = input.cheques ?? NONE;
	const cards = input.cards ?? NONE;
	checkSlips(cheques);
	checkSlips(cards);
	const note = input.note.trim();
	if (note.length > NOTE_MAX) throw new ShiftError('note_too_long');
	return tx(db, () => {
		const replay = db
			.select()
			.from(shiftCloses)
			.where(eq(shiftCloses.idempotencyKey, input.idempotencyKey))
			.get();
		if (replay) {
			if (replay.shiftId !== input.shiftId || replay.communityId !== input.communityId)
				throw new ShiftError('idempotency_conflict');
			return closedShift(db, input.communityId, replay.shiftId)!;
		}
		const shift = db
			.select()
			.from(cashierShifts)
			.where(
				and(eq(cashierShifts.id, input.shiftId), eq(cashierShifts.communityId, input.communityId))
			)
			.get();
		if (!shift) throw new ShiftError('not_found');
		if (shift.cashierId !== input.cashierId) throw new ShiftError('not_yours');
		if (
			db
				.select({ id: shiftCloses.id })
				.from(shiftCloses)
				.where(eq(shiftCloses.shiftId, shift.id))
				.get()
		)
			throw new ShiftError('not_open');
		if (input.successorId !== null) {
			const s = db
				.select({ id: staffUsers.id, active: staffUsers.active })
				.from(staffUsers)
				.where(
					and(eq(staffUsers.id, input.successorId), eq(staffUsers.communityId, input.communityId))
				)
				.get();
			if (!s || !s.active || s.id === input.cashierId) throw new ShiftError('bad_successor');
		}
		const closedAt = Math.max(input.now, shift.openedAt);
		const cash = shiftCash(db, shift, closedAt);
		const differenceFen = cashDifference(input.countedFen, cash.expectedFen);
		// A shortage or overage (or slips not as the system has them) is explained on the record; a
		// manager acknowledges it later.
		const differs = handoverDiffers({
			differenceFen,
			cheques: { system: { count: cash.chequeCount, fen: cash.chequeFen }, counted: cheques },
			cards: { system: { count: cash.cardCount, fen: cash.cardFen }, counted: cards }
		});
		if (differs && !note) throw new ShiftError('note_required');
		const tz = getCommunity(db, input.communityId).timeZone;
		db.insert(shiftCloses)
			.values({
				shiftId: shift.id,
				communityId: input.communityId,
				closedAt,
				localDate: todayIn(tz, closedAt),
				cashReceivedFen: cash.cashReceivedFen,
				cashReceivedCount: cash.cashReceivedCount,
				cashVoidedFen: cash.cashVoidedFen,
				cashVoidedCount: cash.cashVoidedCount,
				cashRefundedFen: cash.cashRefundedFen,
				cashRefundedCount: cash.cashRefundedCount,
				expectedFen: cash.expectedFen,
				countedFen: input.countedFen,
				differenceFen,
				handover: JSON.stringify(openMatters(db, input.communityId, closedAt)),
				note,
				successorId: input.successorId,
				idempotencyKey: input.idempotencyKey,
				chequeCount: cash.chequeCount,
				chequeFen: cash.chequeFen,
				chequeCountedCount: cheques.count,
				chequeCountedFen: cheques.fen,
				cardCount: cash.cardCount,
				cardFen: cash.cardFen,
				cardCountedCount: cards.count,
				cardCountedFen: cards.fen
			})
			.run();
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.cashierId,
				action: 'shift.close',
				targetType: 'shift',
				targetId: shift.id,
				detail: { expectedFen: cash.expectedFen, countedFen: input.countedFen, differenceFen }
			},
			closedAt
		);
		return closedShift(db, input.communityId, shift.id)!;
	});
}

export interface AcknowledgeInput {
	communityId: number;
	shiftId: number;
	managerId: number;
	note: string;
	idempotencyKey: string;
	now: number;
}

/**
 * A manager acknowledges the difference of a closed shift (主管确认), once. Refused for a shift
 * without a difference, one still open, another community's, and the manager's own shift.
 */
export function acknowledgeShift(db: Db, input: AcknowledgeInput): ClosedShift {
	const note = input.note.trim();
	if (note.length > NOTE_MAX) throw new ShiftError('note_too_long');
	return tx(db, () => {
		const replay = db
			.select()
			.from(shiftAcknowledgements)
			.where(eq(shiftAcknowledgements.idempotencyKey, input.idempotencyKey))
			.get();
		if (replay) {
			if (replay.shiftId !== input.shiftId || replay.communityId !== input.communityId)
				throw new ShiftError('idempotency_conflict');
			return closedShift(db, input.communityId, replay.shiftId)!;
		}
		const shift = closedShift(db, input.communityId, input.shiftId);
		if (!shift) throw new ShiftError('not_found');
		if (shift.cashierId === input.managerId) throw new ShiftError('not_yours');
		if (!hasDifference(shift)) throw new ShiftError('nothing_to_acknowledge');
		if (shift.acknowledgedAt !== null) throw new ShiftError('already_acknowledged');
		db.insert(shiftAcknowledgements)
			.values({
				shiftId: shift.id,
				communityId: input.communityId,
				managerId: input.managerId,
				note,
				acknowledgedAt: input.now,
				idempotencyKey: input.idempotencyKey
			})
			.run();
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.managerId,
				action: 'shift.acknowledge',
				targetType: 'shift',
				targetId: shift.id,
				detail: { differenceFen: shift.differenceFen }
			},
			input.now
		);
		return closedShift(db, input.communityId, shift.id)!;
	});
}
