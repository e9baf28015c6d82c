import { and, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import { errandEvents, errands } from '../db/schema';
import { findUnitByCode } from '../keys/queries';
import { dueProblem, type ErrandKind, type ErrandOutcome } from '../../domain/errands';
import type { Actor } from '../auth/actor';
import { ErrandError } from './errors';
import { sameForm } from '../form-key';

export interface ErrandInput {
	kind: ErrandKind;
	/** A unit code, or '' when it is for no unit (a caller from outside). */
	unit: string;
	requester: string;
	phone: string;
	recipient: string;
	content: string;
	dueMs: number;
	/** One per form shown: a second submit of the same form returns the first errand. */
	formKey: string;
}

/** Takes an errand, message or call-back. Idempotent by form key. */
export function createErrand(db: Db, actor: Actor, input: ErrandInput, now = nowMs()): number {
	const problem = dueProblem(input.dueMs, now);
	return tx(db, () => {
		const again = db
			.select({ id: errands.id })
			.from(errands)
			.where(sameForm(errands, actor.communityId, input.formKey))
			.get();
		if (again) return again.id;
		if (problem) throw new ErrandError(problem);
		let unitId: number | null = null;
		if (input.unit) {
			const unit = findUnitByCode(db, actor.communityId, input.unit);
			if (!unit) throw new ErrandError('unknown_unit', { code: input.unit });
			unitId = unit.id;
		}
		const { id } = db
			.insert(errands)
			.values({
				communityId: actor.communityId,
				kind: input.kind,
				unitId,
				requester: input.requester,
				phone: input.phone,
				recipient: input.recipient,
				content: input.content,
				dueAt: input.dueMs,
				formKey: input.formKey,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: errands.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: `errand.create`,
				targetType: 'errand',
				targetId: id,
				detail: { kind: input.kind, unit: input.unit, recipient: input.recipient }
			},
			now
		);
		return id;
	});
}

/** Records the outcome (done / not done, with a note). An errand closes once: a second close is refused. */
export function closeErrand(
	db: Db,
	actor: Actor,
	id: number,
	outcome: ErrandOutcome,
	note: string,
	now = nowMs()
): void {
	tx(db, () => {
		const e = db
			.select({ id: errands.id })
			.from(errands)
			.where(and(eq(errands.id, id), eq(errands.communityId, actor.communityId)))
			.get();
		if (!e) throw new ErrandError('not_found');
		const closed = db
			.select({ id: errandEvents.id })
			.from(errandEvents)
			.where(eq(errandEvents.errandId, id))
			.get();
		if (closed) throw new ErrandError('already_closed');
		db.insert(errandEvents)
			.values({ errandId: id, outcome, note, createdBy: actor.id, createdAt: now })
			.run();
		auditBy(
			db,
			actor,
			{
				action: `errand.${outcome}`,
				targetType: 'errand',
				targetId: id,
				detail: { note }
			},
			now
		);
	});
}
