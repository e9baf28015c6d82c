import { tx, type Db } from '../db';
import { and, desc, eq, sql, type Column } from 'drizzle-orm';
import { arrearsReminders, staffUsers, units } from '../db/schema';
import { audit } from '../audit';
import { ArrearsError } from './errors';
import { billsDue, totalsOf, type BillDue } from '../fees/account';
import type { ReminderKind, ReminderOutcome } from '../../domain/arrears';
import { sameForm } from '../form-key';

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

type NewReminder = typeof arrearsReminders.$inferInsert;

// One row per unit and form key (unique index): a double submit inserts nothing the second time.
const insertReminder = (db: Db, row: NewReminder) =>
	db.insert(arrearsReminders).values(row).onConflictDoNothing().run().changes;

const unitInCommunity = (db: Db, communityId: number, unitId: number) =>
	db
		.select({ id: units.id })
		.from(units)
		.where(and(eq(units.id, unitId), eq(units.communityId, communityId)))
		.get() !== undefined;

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
			recorded += insertReminder(db, {
				communityId,
				unitId: id,
				kind: 'notice',
				outcome: 'sent',
				promisedDate: null,
				note: '',
				owingFen: s.owingFen,
				oldestMonth: s.oldestMonth,
				months: s.months,
				formKey,
				createdBy: userId,
				localDate: today,
				createdAt: now
			});
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
	const num = (c: Column) => sql`CAST(${c} AS INTEGER)`;
	return db
		.select({ id: arrearsReminders.unitId })
		.from(arrearsReminders)
		.innerJoin(units, eq(units.id, arrearsReminders.unitId))
		.where(
			and(sameForm(arrearsReminders, communityId, formKey), eq(arrearsReminders.kind, 'notice'))
		)
		.orderBy(num(units.building), num(units.entrance), num(units.room), units.code)
		.all()
		.map((r) => r.id);
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
		const changes = insertReminder(db, {
			communityId,
			unitId: input.unitId,
			kind: input.kind,
			outcome: input.outcome,
			promisedDate: input.promisedDate,
			note: input.note,
			owingFen: s.owingFen,
			oldestMonth: s.oldestMonth,
			months: s.months,
			formKey: input.formKey,
			createdBy: userId,
			localDate: today,
			createdAt: now
		});
		if (changes > 0)
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
	return db
		.select({
			id: arrearsReminders.id,
			kind: arrearsReminders.kind,
			outcome: arrearsReminders.outcome,
			promisedDate: arrearsReminders.promisedDate,
			note: arrearsReminders.note,
			owingFen: arrearsReminders.owingFen,
			months: arrearsReminders.months,
			oldestMonth: arrearsReminders.oldestMonth,
			date: arrearsReminders.localDate,
			byName: staffUsers.displayName
		})
		.from(arrearsReminders)
		.innerJoin(staffUsers, eq(staffUsers.id, arrearsReminders.createdBy))
		.where(and(eq(arrearsReminders.communityId, communityId), eq(arrearsReminders.unitId, unitId)))
		.orderBy(desc(arrearsReminders.id))
		.limit(50)
		.all();
}
