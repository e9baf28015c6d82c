import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import {
	bills,
	openingCredits,
	owners,
	parkingSpaceHoldings,
	parkingSpaces,
	unitOwners,
	units,
	vehicles
} from '../db/schema';
import { placeholders, prepared } from '../db/prepared';
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

/*
 * One statement per kind of write, prepared once per connection: a confirmed import of 20 000
 * rows then pays only for execution. Inputs are the placeholders of the same name.
 */
/** `{ field: placeholder }` for an update's SET (drizzle types a placeholder there only inside `sql`). */
function setTo<F extends string>(fields: readonly F[]): Record<F, SQL> {
	return Object.fromEntries(fields.map((f) => [f, sql`${sql.placeholder(f)}`])) as Record<F, SQL>;
}

const insertOwner = prepared((db: Db) =>
	db
		.insert(owners)
		.values(
			placeholders([
				'communityId',
				'name',
				'phone',
				'idType',
				'idNumber',
				'ownerType',
				'createdAt'
			] as const)
		)
		.returning({ id: owners.id })
		.prepare()
);
const insertHoldingQ = prepared((db: Db) =>
	db
		.insert(parkingSpaceHoldings)
		.values(placeholders(['spaceId', 'unitId', 'holding', 'startDate', 'createdAt'] as const))
		.prepare()
);
const insertVehicleQ = prepared((db: Db) =>
	db
		.insert(vehicles)
		.values(
			placeholders([
				'communityId',
				'plate',
				'ownerId',
				'unitId',
				'spaceId',
				'startDate',
				'createdAt'
			] as const)
		)
		.prepare()
);
const insertUnit = prepared((db: Db) =>
	db
		.insert(units)
		.values(
			placeholders([
				'communityId',
				'building',
				'entrance',
				'room',
				'code',
				'areaCenti',
				'occupancy',
				'handoverNoticeDate',
				'use',
				'moveInDate',
				'createdAt'
			] as const)
		)
		.prepare()
);
const updateUnit = prepared((db: Db) =>
	db
		.update(units)
		.set(setTo(['areaCenti', 'use', 'occupancy', 'handoverNoticeDate', 'moveInDate'] as const))
		.where(eq(units.id, sql.placeholder('id')))
		.prepare()
);
const insertTie = prepared((db: Db) =>
	db
		.insert(unitOwners)
		.values(
			placeholders(['unitId', 'ownerId', 'role', 'startDate', 'endDate', 'endReason'] as const)
		)
		.prepare()
);
const updateOwnerId = prepared((db: Db) =>
	db
		.update(owners)
		.set(setTo(['idType', 'idNumber'] as const))
		.where(eq(owners.id, sql.placeholder('id')))
		.prepare()
);
const updateTie = prepared((db: Db) =>
	db
		.update(unitOwners)
		.set({
			...setTo(['startDate', 'endDate'] as const),
			// An open tie has no end reason; an ended one keeps its own, else 'import'.
			endReason: sql`CASE WHEN CAST(${sql.placeholder('endDate')} AS TEXT) IS NULL THEN NULL ELSE coalesce(${unitOwners.endReason}, 'import') END`
		})
		.where(eq(unitOwners.id, sql.placeholder('id')))
		.prepare()
);
const insertSpace = prepared((db: Db) =>
	db
		.insert(parkingSpaces)
		.values(placeholders(['communityId', 'code', 'areaCenti', 'kind', 'createdAt'] as const))
		.returning({ id: parkingSpaces.id })
		.prepare()
);
const updateSpace = prepared((db: Db) =>
	db
		.update(parkingSpaces)
		.set(setTo(['areaCenti', 'kind'] as const))
		.where(eq(parkingSpaces.id, sql.placeholder('id')))
		.prepare()
);
const endHolding = prepared((db: Db) =>
	db
		.update(parkingSpaceHoldings)
		.set(setTo(['endDate'] as const))
		.where(eq(parkingSpaceHoldings.id, sql.placeholder('id')))
		.prepare()
);
const endVehicle = prepared((db: Db) =>
	db
		.update(vehicles)
		.set(setTo(['endDate'] as const))
		.where(eq(vehicles.id, sql.placeholder('id')))
		.prepare()
);
const insertBill = prepared((db: Db) =>
	db
		.insert(bills)
		.values({
			...placeholders([
				'communityId',
				'unitId',
				'feeItemId',
				'month',
				'dueDate',
				'principalFen',
				'fullFen',
				'createdAt'
			] as const),
			vacancyPercent: 100,
			rateFen: 0,
			source: 'opening'
		})
		.prepare()
);
const insertCredit = prepared((db: Db) =>
	db
		.insert(openingCredits)
		.values(
			placeholders([
				'communityId',
				'unitId',
				'kind',
				'amountFen',
				'receiptNo',
				'batchId',
				'localDate',
				'createdBy',
				'createdAt'
			] as const)
		)
		.prepare()
);

function ensureOwner(ctx: ApplyCtx, o: OwnerRef): number {
	if (o.id !== null) return o.id;
	const r = insertOwner(ctx.db).get({
		communityId: ctx.communityId,
		name: o.name,
		phone: o.phone,
		idType: o.idType,
		idNumber: o.idNumber,
		ownerType: o.idType === 'business_licence' ? 'company' : 'individual',
		createdAt: ctx.now
	});
	o.id = r!.id;
	return o.id;
}

function insertHolding(
	ctx: ApplyCtx,
	spaceId: number,
	unitId: number,
	holding: string,
	start: string
) {
	insertHoldingQ(ctx.db).run({ spaceId, unitId, holding, startDate: start, createdAt: ctx.now });
}

function insertVehicle(ctx: ApplyCtx, v: Extract<Op, { t: 'vehicle.add' }>['v']) {
	insertVehicleQ(ctx.db).run({
		communityId: ctx.communityId,
		plate: v.plate,
		ownerId: v.ownerId,
		unitId: v.unitId,
		spaceId: v.spaceId,
		startDate: v.startDate,
		createdAt: ctx.now
	});
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
		case 'unit.add':
			insertUnit(db).run({ ...op.v, communityId: ctx.communityId, createdAt: ctx.now });
			return;
		case 'unit.change': {
			const v = op.v;
			updateUnit(db).run({
				areaCenti: v.areaCenti,
				use: v.use,
				occupancy: v.occupancy,
				handoverNoticeDate: v.handoverNoticeDate,
				moveInDate: v.moveInDate,
				id: op.id
			});
			auditChange(ctx, item, 'unit', op.code);
			return;
		}
		case 'person.add': {
			const ownerId = ensureOwner(ctx, op.owner);
			insertTie(db).run({
				unitId: op.unitId,
				ownerId,
				role: op.role,
				startDate: op.period.start,
				endDate: op.period.end,
				endReason: op.period.end ? 'import' : null
			});
			return;
		}
		case 'person.change': {
			const ownerId = ensureOwner(ctx, op.owner);
			updateOwnerId(db).run({ idType: op.idType, idNumber: op.idNumber, id: ownerId });
			op.owner.idType = op.idType;
			op.owner.idNumber = op.idNumber;
			updateTie(db).run({ startDate: op.period.start, endDate: op.period.end, id: op.tieId });
			auditChange(ctx, item, 'owner', ownerId);
			return;
		}
		case 'space.add': {
			const v = op.v;
			const r = insertSpace(db).get({
				communityId: ctx.communityId,
				code: op.code,
				areaCenti: v.areaCenti,
				kind: v.kind,
				createdAt: ctx.now
			});
			if (v.unitId !== null) insertHolding(ctx, r!.id, v.unitId, v.holding, v.startDate);
			return;
		}
		case 'space.change': {
			const v = op.v;
			updateSpace(db).run({ areaCenti: v.areaCenti, kind: v.kind, id: op.id });
			if (op.endHoldingId !== null)
				endHolding(db).run({ endDate: v.startDate, id: op.endHoldingId });
			if (v.unitId !== null) insertHolding(ctx, op.id, v.unitId, v.holding, v.startDate);
			auditChange(ctx, item, 'parking_space', op.code);
			return;
		}
		case 'vehicle.add':
			insertVehicle(ctx, op.v);
			return;
		case 'vehicle.change':
			endVehicle(db).run({ endDate: op.v.startDate, id: op.endId });
			insertVehicle(ctx, op.v);
			auditChange(ctx, item, 'vehicle', op.v.plate);
			return;
		case 'bill.add':
			// An ordinary bill marked 期初: the late fee runs from its due date like any other.
			insertBill(db).run({
				communityId: ctx.communityId,
				unitId: op.unitId,
				feeItemId: op.feeItemId,
				month: op.month,
				dueDate: op.dueDate,
				principalFen: op.amountFen,
				fullFen: op.amountFen,
				createdAt: ctx.now
			});
			return;
		case 'credit.add':
			insertCredit(db).run({
				communityId: ctx.communityId,
				unitId: op.unitId,
				kind: op.kind,
				amountFen: op.amountFen,
				receiptNo: op.receiptNo,
				batchId: ctx.batchId,
				localDate: ctx.today,
				createdBy: ctx.actorId,
				createdAt: ctx.now
			});
			return;
	}
}

/** Fen an added row brings in (opening balances), for the batch and the daily report. */
export function itemFen(item: PlanItem): number {
	return item.op.t === 'bill.add' || item.op.t === 'credit.add' ? item.op.amountFen : 0;
}
