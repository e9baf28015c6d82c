import { tx, type Db } from '../db';
import { stmt } from '../db/stmt';
import { audit } from '../audit';
import { ArrearsError } from './errors';
import { billsDue, totalsOf, type BillDue } from '../fees/account';
import type { ReminderKind, ReminderOutcome } from '../../domain/arrears';

/*
 * Reminders (催缴): each printed notice, call or visit is one insert-only row with what the unit owed
 * then. A form's key makes a double submit record once per unit.
 */

/** The bills of a unit overdue on `asOf` (due before it) with something still owing, oldest first. */
export function overdueBills(db: Db, communityId: number, unitId: number, asOf: string): BillDue[] {
	return billsDue(db, communityId, unitId, asOf).filter((b) => b.dueDate < asOf);
}

function snapshot(bills: readonly BillDue[]) {
	const months = new Set(bills.map((b) => b.month));
	return {
		owingFen: totalsOf(bills).totalDueFen,
		months: months.size,
		oldestMonth: bills.length ? [...months].sort()[0] : null
	};
}

const INSERT_SQL = `INSERT OR IGNORE INTO arrears_reminders (community_id, unit_id, kind, outcome, promised_date, note, owing_fen,
	oldest_month, months, form_key, created_by, local_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const unitInCommunity = (db: Db, communityId: number, unitId: number) =>
	stmt(db, 'SELECT 1 FROM units WHERE id = ? AND community_id = ?').get(unitId, communityId) !==
	undefined;

/**
 * Records a printed 催缴通知单 for each unit that owes on `today` (units that owe nothing are
 * skipped); returns the units recorded under this form key, in the order given.
 */
export function recordNotices(
	db: Db,
	communityId: number,
	userId: number,
	unitIds: readonly number[],
	formKey: string,
	today: string,
	now: number
): number[] {
	return tx(db, () => {
		for (const id of unitIds)
			if (!unitInCommunity(db, communityId, id))
				throw new ArrearsError('unknown_unit', { unitId: id }, 400);
		let recorded = 0;
		for (const id of unitIds) {
			const s = snapshot(overdueBills(db, communityId, id, today));
			if (s.owingFen === 0) continue;
			const r = stmt(db, INSERT_SQL).run(
				communityId,
				id,
				'notice',
				'sent',
				null,
				'',
				s.owingFen,
				s.oldestMonth,
				s.months,
				formKey,
				userId,
				today,
				now
			);
			recorded += r.changes;
		}
		const units = batchUnits(db, communityId, formKey);
		if (units.length === 0) throw new ArrearsError('nothing_owing');
		if (recorded > 0)
			audit(
				db,
				{
					communityId,
					actorId: userId,
					action: 'arrears.notices',
					targetType: 'arrears_batch',
					targetId: formKey,
					detail: { units: recorded }
				},
				now
			);
		return units;
	});
}

/** Units of a batch of printed notices, in building/room order. */
export function batchUnits(db: Db, communityId: number, formKey: string): number[] {
	return (
		stmt(
			db,
			`SELECT r.unit_id AS id FROM arrears_reminders r JOIN units u ON u.id = r.unit_id WHERE r.community_id = ? AND r.form_key = ? AND r.kind = 'notice'
			 ORDER BY CAST(u.building AS INTEGER), CAST(u.entrance AS INTEGER), CAST(u.room AS INTEGER), u.code`
		).all(communityId, formKey) as { id: number }[]
	).map((r) => r.id);
}

export interface ReminderInput {
	unitId: number;
	kind: ReminderKind;
	outcome: ReminderOutcome;
	promisedDate: string | null;
	note: string;
	formKey: string;
}

/** Records a call or visit (or a notice handed over) with its outcome; one row per form key. */
export function recordReminder(
	db: Db,
	communityId: number,
	userId: number,
	input: ReminderInput,
	today: string,
	now: number
): void {
	tx(db, () => {
		if (!unitInCommunity(db, communityId, input.unitId))
			throw new ArrearsError('unknown_unit', { unitId: input.unitId });
		const s = snapshot(overdueBills(db, communityId, input.unitId, today));
		const r = stmt(db, INSERT_SQL).run(
			communityId,
			input.unitId,
			input.kind,
			input.outcome,
			input.promisedDate,
			input.note,
			s.owingFen,
			s.oldestMonth,
			s.months,
			input.formKey,
			userId,
			today,
			now
		);
		if (r.changes > 0)
			audit(
				db,
				{
					communityId,
					actorId: userId,
					action: 'arrears.reminder',
					targetType: 'unit',
					targetId: input.unitId,
					detail: { kind: input.kind, outcome: input.outcome, promisedDate: input.promisedDate }
				},
				now
			);
	});
}

export interface ReminderRow {
	id: number;
	kind: ReminderKind;
	outcome: ReminderOutcome;
	promisedDate: string | null;
	note: string;
	owingFen: number;
	months: number;
	oldestMonth: string | null;
	date: string;
	byName: string;
}

/** A unit's reminders, newest first. */
export function remindersOf(db: Db, communityId: number, unitId: number): ReminderRow[] {
	return stmt(
		db,
		`SELECT r.id, r.kind, r.outcome, r.promised_date AS promisedDate, r.note, r.owing_fen AS owingFen, r.months,
			r.oldest_month AS oldestMonth, r.local_date AS date, s.display_name AS byName
		 FROM arrears_reminders r JOIN staff_users s ON s.id = r.created_by WHERE r.community_id = ? AND r.unit_id = ? ORDER BY r.id DESC LIMIT 50`
	).all(communityId, unitId) as ReminderRow[];
}
