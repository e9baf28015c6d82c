import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { audit } from '../audit';
import type { Op, OwnerRef, PlanItem } from './plan';

/**
 * Writes one planned row. Called only inside the confirming transaction, after the plan was made
 * again there, so what is written is exactly what the preview showed (or the confirm is refused).
 * Ties, holdings and vehicle registrations are ended and started, never rewritten.
 */
export interface ApplyCtx {
	db: Db;
	communityId: number;
	actorId: number | null;
	batchId: number;
	fileName: string;
	today: string;
	now: number;
}

function ensureOwner(ctx: ApplyCtx, o: OwnerRef): number {
	if (o.id !== null) return o.id;
	const r = stmt(
		ctx.db,
		`INSERT INTO owners (community_id, name, phone, id_type, id_number, owner_type, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	).run(
		ctx.communityId,
		o.name,
		o.phone,
		o.idType,
		o.idNumber,
		o.idType === 'business_licence' ? 'company' : 'individual',
		ctx.now
	);
	o.id = Number(r.lastInsertRowid);
	return o.id;
}

function insertHolding(
	ctx: ApplyCtx,
	spaceId: number,
	unitId: number,
	holding: string,
	start: string
) {
	stmt(
		ctx.db,
		`INSERT INTO parking_space_holdings (space_id, unit_id, holding, start_date, created_at) VALUES (?, ?, ?, ?, ?)`
	).run(spaceId, unitId, holding, start, ctx.now);
}

function insertVehicle(ctx: ApplyCtx, v: Extract<Op, { t: 'vehicle.add' }>['v']) {
	stmt(
		ctx.db,
		`INSERT INTO vehicles (community_id, plate, owner_id, unit_id, space_id, start_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	).run(ctx.communityId, v.plate, v.ownerId, v.unitId, v.spaceId, v.startDate, ctx.now);
}

/** Every change of a recorded row gets its own audit row (old → new); additions are counted on the batch. */
function auditChange(ctx: ApplyCtx, item: PlanItem, targetType: string, targetId: string | number) {
	audit(
		ctx.db,
		{
			communityId: ctx.communityId,
			actorId: ctx.actorId,
			actorKind: ctx.actorId ? 'staff' : 'system',
			action: 'import.change',
			targetType,
			targetId,
			detail: { batchId: ctx.batchId, file: ctx.fileName, row: item.row, changes: item.changes }
		},
		ctx.now
	);
}

export function applyItem(ctx: ApplyCtx, item: PlanItem): void {
	const op = item.op;
	const db = ctx.db;
	switch (op.t) {
		case 'unit.add': {
			const v = op.v;
			stmt(
				db,
				`INSERT INTO units (community_id, building, entrance, room, code, area_centi, occupancy, handover_notice_date, use, move_in_date, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			).run(
				ctx.communityId,
				v.building,
				v.entrance,
				v.room,
				v.code,
				v.areaCenti,
				v.occupancy,
				v.handoverNoticeDate,
				v.use,
				v.moveInDate,
				ctx.now
			);
			return;
		}
		case 'unit.change': {
			const v = op.v;
			stmt(
				db,
				`UPDATE units SET area_centi = ?, use = ?, occupancy = ?, handover_notice_date = ?, move_in_date = ? WHERE id = ?`
			).run(v.areaCenti, v.use, v.occupancy, v.handoverNoticeDate, v.moveInDate, op.id);
			auditChange(ctx, item, 'unit', op.code);
			return;
		}
		case 'person.add': {
			const ownerId = ensureOwner(ctx, op.owner);
			stmt(
				db,
				`INSERT INTO unit_owners (unit_id, owner_id, role, start_date, end_date, end_reason) VALUES (?, ?, ?, ?, ?, ?)`
			).run(
				op.unitId,
				ownerId,
				op.role,
				op.period.start,
				op.period.end,
				op.period.end ? 'import' : null
			);
			return;
		}
		case 'person.change': {
			const ownerId = ensureOwner(ctx, op.owner);
			stmt(db, 'UPDATE owners SET id_type = ?, id_number = ? WHERE id = ?').run(
				op.idType,
				op.idNumber,
				ownerId
			);
			op.owner.idType = op.idType;
			op.owner.idNumber = op.idNumber;
			stmt(
				db,
				`UPDATE unit_owners SET start_date = ?, end_date = ?, end_reason = CASE WHEN ? IS NULL THEN NULL ELSE coalesce(end_reason, 'import') END WHERE id = ?`
			).run(op.period.start, op.period.end, op.period.end, op.tieId);
			auditChange(ctx, item, 'owner', ownerId);
			return;
		}
		case 'space.add': {
			const v = op.v;
			const r = stmt(
				db,
				`INSERT INTO parking_spaces (community_id, code, area_centi, kind, created_at) VALUES (?, ?, ?, ?, ?)`
			).run(ctx.communityId, op.code, v.areaCenti, v.kind, ctx.now);
			if (v.unitId !== null)
				insertHolding(ctx, Number(r.lastInsertRowid), v.unitId, v.holding, v.startDate);
			return;
		}
		case 'space.change': {
			const v = op.v;
			stmt(db, 'UPDATE parking_spaces SET area_centi = ?, kind = ? WHERE id = ?').run(
				v.areaCenti,
				v.kind,
				op.id
			);
			if (op.endHoldingId !== null)
				stmt(db, 'UPDATE parking_space_holdings SET end_date = ? WHERE id = ?').run(
					v.startDate,
					op.endHoldingId
				);
			if (v.unitId !== null) insertHolding(ctx, op.id, v.unitId, v.holding, v.startDate);
			auditChange(ctx, item, 'parking_space', op.code);
			return;
		}
		case 'vehicle.add':
			insertVehicle(ctx, op.v);
			return;
		case 'vehicle.change':
			stmt(db, 'UPDATE vehicles SET end_date = ? WHERE id = ?').run(op.v.startDate, op.endId);
			insertVehicle(ctx, op.v);
			auditChange(ctx, item, 'vehicle', op.v.plate);
			return;
		case 'bill.add':
			// An ordinary bill marked 期初: the late fee runs from its due date like any other.
			stmt(
				db,
				`INSERT INTO bills (community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, vacancy_percent, rate_fen, source, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, 100, 0, 'opening', ?)`
			).run(
				ctx.communityId,
				op.unitId,
				op.feeItemId,
				op.month,
				op.dueDate,
				op.amountFen,
				op.amountFen,
				ctx.now
			);
			return;
		case 'credit.add':
			stmt(
				db,
				`INSERT INTO opening_credits (community_id, unit_id, kind, amount_fen, receipt_no, batch_id, local_date, created_by, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			).run(
				ctx.communityId,
				op.unitId,
				op.kind,
				op.amountFen,
				op.receiptNo,
				ctx.batchId,
				ctx.today,
				ctx.actorId,
				ctx.now
			);
			return;
	}
}

/** Fen an added row brings in (opening balances), for the batch and the daily report. */
export function itemFen(item: PlanItem): number {
	return item.op.t === 'bill.add' || item.op.t === 'credit.add' ? item.op.amountFen : 0;
}
