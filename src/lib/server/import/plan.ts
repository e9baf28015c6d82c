import type { Db } from '../db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
	bills,
	feeItems,
	openingCredits,
	owners,
	parkingSpaceHoldings,
	parkingSpaces,
	unitOwners,
	units,
	vehicles
} from '../db/schema';
import { prepared } from '../db/prepared';
import { recordedTies } from '../records/ties';
import { billingSettings } from '../fees/generate';
import { monthDay, monthOf } from '../../dates';
import {
	CREDIT_KIND_LABELS,
	HOLDING_LABELS,
	ID_TYPE_LABELS,
	OCCUPANCY_LABELS,
	SPACE_KIND_LABELS,
	USE_LABELS,
	formatCenti,
	type CreditKind,
	type ImportKind,
	type ParsedRow,
	type Period,
	type RowError
} from '../../domain/import';

/**
 * Working out what an import would do, row by row, against the community's records as they are:
 * each parsed row is new (add), differs from what is recorded (change, with old → new per
 * field), is already recorded as it is (same, so a re-import does nothing), or is refused. The
 * same planner runs for the preview and again inside the confirming transaction.
 */

export interface FieldChange {
	header: string;
	from: string;
	to: string;
}

/** What applying a row writes; interpreted by `apply.ts`. */
export type Op =
	| { t: 'unit.add'; v: UnitValues }
	| { t: 'unit.change'; id: number; code: string; v: UnitValues }
	| {
			t: 'person.add';
			unitId: number;
			unitCode: string;
			owner: OwnerRef;
			role: string;
			period: Period;
	  }
	| {
			t: 'person.change';
			unitCode: string;
			owner: OwnerRef;
			tieId: number;
			idType: string;
			idNumber: string;
			period: Period;
	  }
	| { t: 'space.add'; code: string; v: SpaceValues }
	| { t: 'space.change'; id: number; code: string; v: SpaceValues; endHoldingId: number | null }
	| { t: 'vehicle.add'; v: VehicleValues }
	| { t: 'vehicle.change'; endId: number; v: VehicleValues }
	| {
			t: 'bill.add';
			unitId: number;
			feeItemId: number;
			month: string;
			amountFen: number;
			dueDate: string;
	  }
	| { t: 'credit.add'; unitId: number; kind: CreditKind; amountFen: number; receiptNo: string };

export interface UnitValues {
	building: string;
	entrance: string;
	room: string;
	code: string;
	areaCenti: number;
	use: string;
	occupancy: string;
	handoverNoticeDate: string | null;
	moveInDate: string | null;
}
export interface SpaceValues {
	areaCenti: number;
	kind: string;
	unitId: number | null;
	holding: string;
	startDate: string;
}
export interface VehicleValues {
	plate: string;
	unitId: number;
	ownerId: number | null;
	spaceId: number | null;
	startDate: string;
}
/** A person: an existing owner row, or one the import creates (id set once written). */
export interface OwnerRef {
	id: number | null;
	name: string;
	phone: string;
	idType: string;
	idNumber: string;
}

export interface PlanItem {
	row: number;
	/** The row's natural key as shown: unit code, "3-2-1502 张伟", plate, "3-2-1502 物业服务费 2026-03". */
	key: string;
	changes: FieldChange[];
	op: Op;
}

export interface Refusal {
	row: number;
	error: RowError;
	column?: string;
	detail?: string;
}

export type Step = { ok: true; item: PlanItem | null } | { ok: false; refusal: Refusal };

export interface Planner {
	step(row: ParsedRow): Step;
}

/** How a register shows a coded value: its Chinese label (the code itself when unknown). */
const labelIn =
	<K extends string>(labels: Record<K, string>) =>
	(v: string | null | undefined) =>
		v ? (labels[v as K] ?? v) : '';

/** A field of a recorded row against the file's row: a change when they differ, shown as the register shows it. */
function field<T>(
	header: string,
	from: T,
	to: T,
	show: (v: T) => string = (v) => String(v ?? '')
): FieldChange | null {
	return from === to ? null : { header, from: show(from), to: show(to) };
}

// The steps every register's planner answers with.
const refuse = (row: number, error: RowError, column?: string, detail?: string): Step => ({
	ok: false,
	refusal: { row, error, ...(column && { column }), ...(detail !== undefined && { detail }) }
});
/** The unit a row names by its 房号, or the row's refusal when the community has no such unit. */
const unitOf = (
	unitIds: Map<string, number>,
	row: number,
	code: string
): { ok: true; id: number } | { ok: false; refused: Step } => {
	const id = unitIds.get(code);
	return id === undefined
		? { ok: false, refused: refuse(row, 'unknown_unit', '房号', code) }
		: { ok: true, id };
};
const add = (row: number, key: string, op: Op): Step => ({
	ok: true,
	item: { row, key, changes: [], op }
});
/** A recorded row: a change with the fields that differ, or nothing to do when none does. */
function change(row: number, key: string, fields: (FieldChange | null | false)[], op: Op): Step {
	const changes = fields.filter((f): f is FieldChange => !!f);
	return { ok: true, item: changes.length ? { row, key, changes, op } : null };
}

interface Ctx {
	db: Db;
	communityId: number;
	today: string;
}

function unitMap(ctx: Ctx): Map<string, number> {
	const rows = ctx.db
		.select({ id: units.id, code: units.code })
		.from(units)
		.where(eq(units.communityId, ctx.communityId))
		.all();
	return new Map(rows.map((r) => [r.code.toUpperCase(), r.id]));
}

/** Keys already seen in this file: a second row with the same key is refused as a duplicate. */
function dedupe() {
	const seen = new Map<string, number>();
	return (key: string, row: number): Step | null => {
		const first = seen.get(key);
		if (first !== undefined) return refuse(row, 'duplicate', undefined, String(first));
		seen.set(key, row);
		return null;
	};
}

function unitsPlanner(ctx: Ctx): Planner {
	const rows = ctx.db
		.select({
			id: units.id,
			code: units.code,
			areaCenti: units.areaCenti,
			use: units.use,
			occupancy: units.occupancy,
			handoverNoticeDate: units.handoverNoticeDate,
			moveInDate: units.moveInDate
		})
		.from(units)
		.where(eq(units.communityId, ctx.communityId))
		.all();
	const byCode = new Map(rows.map((r) => [r.code.toUpperCase(), r]));
	const seen = dedupe();
	return {
		step({ row, values: v }) {
			const building = String(v.building).toUpperCase();
			const entrance = String(v.entrance).toUpperCase();
			const room = String(v.room).toUpperCase();
			const code = `${building}-${entrance}-${room}`;
			const dup = seen(code, row);
			if (dup) return dup;
			const old = byCode.get(code);
			// An empty optional cell keeps what is recorded (it never clears a field).
			const next: UnitValues = {
				building,
				entrance,
				room,
				code,
				areaCenti: v.area as number,
				use: (v.use as string) ?? old?.use ?? 'residential',
				occupancy: (v.occupancy as string) ?? old?.occupancy ?? 'not_handed_over',
				handoverNoticeDate: (v.handoverNoticeDate as string) ?? old?.handoverNoticeDate ?? null,
				moveInDate: (v.moveInDate as string) ?? old?.moveInDate ?? null
			};
			if (!old) return add(row, code, { t: 'unit.add', v: next });
			return change(
				row,
				code,
				[
					field('建筑面积', old.areaCenti, next.areaCenti, formatCenti),
					field('用途', old.use, next.use, labelIn(USE_LABELS)),
					field('状态', old.occupancy, next.occupancy, labelIn(OCCUPANCY_LABELS)),
					field('交房通知日期', old.handoverNoticeDate, next.handoverNoticeDate),
					field('接房日期', old.moveInDate, next.moveInDate)
				],
				{ t: 'unit.change', id: old.id, code, v: next }
			);
		}
	};
}

function peoplePlanner(ctx: Ctx): Planner {
	const unitIds = unitMap(ctx);
	const people: (OwnerRef & { id: number })[] = ctx.db
		.select({
			id: owners.id,
			name: owners.name,
			phone: owners.phone,
			idType: owners.idType,
			idNumber: owners.idNumber
		})
		.from(owners)
		.where(eq(owners.communityId, ctx.communityId))
		.all();
	const ownerById = new Map(people.map((o) => [o.id, o]));
	// A person is one owners row per name and phone (someone may hold several units).
	const byNamePhone = new Map<string, OwnerRef>();
	for (const o of people) if (o.phone) byNamePhone.set(`${o.name}|${o.phone}`, o);
	const ties = recordedTies(ctx.db, ctx.communityId).orderBy(unitOwners.id).all();
	type Tie = (typeof ties)[number];
	// Per unit, role and person: the current tie, else the latest ended one.
	const tieOf = new Map<string, Tie>();
	// Per unit: its people by name and phone, so a phone-less member is still found again.
	const onUnit = new Map<string, OwnerRef>();
	for (const t of ties) {
		const k = `${t.unitId}|${t.ownerId}|${t.role}`;
		const prev = tieOf.get(k);
		if (!prev || prev.endDate !== null) tieOf.set(k, t);
		const o = ownerById.get(t.ownerId);
		if (o) onUnit.set(`${t.unitId}|${o.name}|${o.phone}`, o);
	}
	const seen = dedupe();
	return {
		step({ row, values: v }) {
			const unitCode = v.unit as string;
			const unit = unitOf(unitIds, row, unitCode);
			if (!unit.ok) return unit.refused;
			const unitId = unit.id;
			const name = v.name as string;
			const phone = (v.phone as string) ?? '';
			const role = v.role as string;
			const dup = seen(`${unitId}|${name}|${phone}|${role}`, row);
			if (dup) return dup;
			const period = (v.period as Period) ?? { start: null, end: null };
			const key = `${unitCode} ${name}`;
			let owner =
				onUnit.get(`${unitId}|${name}|${phone}`) ??
				(phone ? byNamePhone.get(`${name}|${phone}`) : undefined);
			const tie = owner?.id ? tieOf.get(`${unitId}|${owner.id}|${role}`) : undefined;
			const idType = (v.idType as string) ?? owner?.idType ?? 'id_card';
			const idNumber = (v.idNumber as string) ?? owner?.idNumber ?? '';
			if (v.idNumberInvalid && (owner?.idNumber !== idNumber || owner?.idType !== idType))
				return refuse(row, 'bad_id', '证件号', idNumber.slice(0, 40));
			if (!owner) {
				owner = { id: null, name, phone, idType, idNumber };
				onUnit.set(`${unitId}|${name}|${phone}`, owner);
				if (phone) byNamePhone.set(`${name}|${phone}`, owner);
			}
			if (!tie) return add(row, key, { t: 'person.add', unitId, unitCode, owner, role, period });
			const start = period.start ?? tie.startDate;
			const end = period.end ?? tie.endDate;
			return change(
				row,
				key,
				[
					!!v.idType && field('证件类型', owner.idType, idType, labelIn(ID_TYPE_LABELS)),
					!!v.idNumber && field('证件号', owner.idNumber, idNumber),
					(start !== tie.startDate || end !== tie.endDate) && {
						header: '起止日期',
						from: [tie.startDate ?? '', tie.endDate ?? ''].filter(Boolean).join('至'),
						to: [start ?? '', end ?? ''].filter(Boolean).join('至')
					}
				],
				{
					t: 'person.change',
					unitCode,
					owner,
					tieId: tie.id,
					idType,
					idNumber,
					period: { start, end }
				}
			);
		}
	};
}

function spacesPlanner(ctx: Ctx): Planner {
	const unitIds = unitMap(ctx);
	const unitCodeOf = new Map([...unitIds].map(([code, id]) => [id, code]));
	const spaces = ctx.db
		.select({
			id: parkingSpaces.id,
			code: parkingSpaces.code,
			areaCenti: parkingSpaces.areaCenti,
			kind: parkingSpaces.kind
		})
		.from(parkingSpaces)
		.where(eq(parkingSpaces.communityId, ctx.communityId))
		.all();
	const byCode = new Map(spaces.map((s) => [s.code.toUpperCase(), s]));
	const holdings = ctx.db
		.select({
			id: parkingSpaceHoldings.id,
			spaceId: parkingSpaceHoldings.spaceId,
			unitId: parkingSpaceHoldings.unitId,
			holding: parkingSpaceHoldings.holding
		})
		.from(parkingSpaceHoldings)
		.innerJoin(parkingSpaces, eq(parkingSpaces.id, parkingSpaceHoldings.spaceId))
		.where(
			and(eq(parkingSpaces.communityId, ctx.communityId), isNull(parkingSpaceHoldings.endDate))
		)
		.all();
	const holdingOf = new Map(holdings.map((h) => [h.spaceId, h]));
	const seen = dedupe();
	return {
		step({ row, values: v }) {
			const code = v.code as string;
			const dup = seen(code, row);
			if (dup) return dup;
			let unitId: number | null = null;
			if (v.unit) {
				const unit = unitOf(unitIds, row, v.unit as string);
				if (!unit.ok) return unit.refused;
				unitId = unit.id;
			}
			const old = byCode.get(code);
			const held = old ? holdingOf.get(old.id) : undefined;
			const next: SpaceValues = {
				areaCenti: (v.area as number) ?? old?.areaCenti ?? 0,
				kind: (v.kind as string) ?? old?.kind ?? 'surface',
				unitId: unitId ?? held?.unitId ?? null,
				holding: (v.holding as string) ?? held?.holding ?? 'owned',
				startDate: (v.startDate as string) ?? ctx.today
			};
			if (!old) return add(row, code, { t: 'space.add', code, v: next });
			const holderChanged =
				next.unitId !== null && (held?.unitId !== next.unitId || held?.holding !== next.holding);
			const unitCode = (id: number | null | undefined) => (id ? (unitCodeOf.get(id) ?? '') : '');
			return change(
				row,
				code,
				[
					field('面积', old.areaCenti, next.areaCenti, formatCenti),
					field('类型', old.kind, next.kind, labelIn(SPACE_KIND_LABELS)),
					held?.unitId !== next.unitId && next.unitId !== null
						? field('房号', held?.unitId, next.unitId, unitCode)
						: holderChanged &&
							field('持有方式', held?.holding, next.holding, labelIn(HOLDING_LABELS))
				],
				{
					t: 'space.change',
					id: old.id,
					code,
					v: holderChanged ? next : { ...next, unitId: null },
					endHoldingId: holderChanged && held ? held.id : null
				}
			);
		}
	};
}

function vehiclesPlanner(ctx: Ctx): Planner {
	const unitIds = unitMap(ctx);
	const unitCodeOf = new Map([...unitIds].map(([code, id]) => [id, code]));
	const spaces = ctx.db
		.select({ id: parkingSpaces.id, code: parkingSpaces.code })
		.from(parkingSpaces)
		.where(eq(parkingSpaces.communityId, ctx.communityId))
		.all();
	const spaceId = new Map(spaces.map((s) => [s.code.toUpperCase(), s.id]));
	const spaceCode = new Map(spaces.map((s) => [s.id, s.code]));
	const people = ctx.db
		.select({ unitId: unitOwners.unitId, id: owners.id, name: owners.name })
		.from(unitOwners)
		.innerJoin(owners, eq(owners.id, unitOwners.ownerId))
		.where(and(eq(owners.communityId, ctx.communityId), isNull(unitOwners.endDate)))
		.all();
	const personOn = new Map(people.map((p) => [`${p.unitId}|${p.name}`, p.id]));
	const nameOf = new Map(people.map((p) => [p.id, p.name]));
	const current = ctx.db
		.select({
			id: vehicles.id,
			plate: vehicles.plate,
			unitId: vehicles.unitId,
			ownerId: vehicles.ownerId,
			spaceId: vehicles.spaceId
		})
		.from(vehicles)
		.where(and(eq(vehicles.communityId, ctx.communityId), isNull(vehicles.endDate)))
		.all();
	const byPlate = new Map(current.map((c) => [c.plate.toUpperCase(), c]));
	const seen = dedupe();
	return {
		step({ row, values: v }) {
			const plate = v.plate as string;
			const dup = seen(plate, row);
			if (dup) return dup;
			const unit = unitOf(unitIds, row, v.unit as string);
			if (!unit.ok) return unit.refused;
			const unitId = unit.id;
			let sid: number | null = null;
			if (v.space) {
				const id = spaceId.get(v.space as string);
				if (id === undefined) return refuse(row, 'unknown_space', '车位号', v.space as string);
				sid = id;
			}
			let ownerId: number | null = null;
			if (v.person) {
				const id = personOn.get(`${unitId}|${v.person as string}`);
				if (id === undefined) return refuse(row, 'unknown_person', '车主', v.person as string);
				ownerId = id;
			}
			const old = byPlate.get(plate);
			const next: VehicleValues = {
				plate,
				unitId,
				ownerId: ownerId ?? (old?.unitId === unitId ? old.ownerId : null),
				spaceId: sid ?? (old?.unitId === unitId ? old.spaceId : null),
				startDate: (v.startDate as string) ?? ctx.today
			};
			if (!old) return add(row, plate, { t: 'vehicle.add', v: next });
			const shown = (names: Map<number, string>) => (id: number | null) =>
				id ? (names.get(id) ?? '') : '';
			return change(
				row,
				plate,
				[
					field('房号', old.unitId, next.unitId, shown(unitCodeOf)),
					field('车主', old.ownerId, next.ownerId, shown(nameOf)),
					field('车位号', old.spaceId, next.spaceId, shown(spaceCode))
				],
				{ t: 'vehicle.change', endId: old.id, v: next }
			);
		}
	};
}

// One indexed look-up per row (bills_unit_item_month): a community holds millions of bills.
const billAt = prepared((db: Db) =>
	db
		.select({ principalFen: bills.principalFen, dueDate: bills.dueDate })
		.from(bills)
		.where(
			and(
				eq(bills.unitId, sql.placeholder('unitId')),
				eq(bills.feeItemId, sql.placeholder('feeItemId')),
				eq(bills.month, sql.placeholder('month'))
			)
		)
		.prepare()
);

function openingBillsPlanner(ctx: Ctx): Planner {
	const unitIds = unitMap(ctx);
	const items = ctx.db
		.select({
			id: feeItems.id,
			code: feeItems.code,
			nameZh: feeItems.nameZh,
			nameEn: feeItems.nameEn
		})
		.from(feeItems)
		.where(eq(feeItems.communityId, ctx.communityId))
		.all();
	const itemBy = new Map<string, { id: number; nameZh: string }>();
	for (const i of items)
		for (const n of [i.code, i.nameZh, i.nameEn]) itemBy.set(n.toLowerCase(), i);
	const bill = billAt(ctx.db);
	const dueDay = new Map<string, number>();
	const thisMonth = monthOf(ctx.today);
	const seen = dedupe();
	return {
		step({ row, values: v }) {
			const unitCode = v.unit as string;
			const unit = unitOf(unitIds, row, unitCode);
			if (!unit.ok) return unit.refused;
			const unitId = unit.id;
			const item = itemBy.get((v.item as string).toLowerCase());
			if (!item) return refuse(row, 'unknown_item', '收费项目', v.item as string);
			const month = v.month as string;
			// Arrears are for months that have begun; later months are billed as usual.
			if (month > thisMonth) return refuse(row, 'bad_month', '月份', month);
			const k = `${unitId}|${item.id}|${month}`;
			const dup = seen(k, row);
			if (dup) return dup;
			let day = dueDay.get(month);
			if (day === undefined)
				dueDay.set(month, (day = billingSettings(ctx.db, ctx.communityId, month).dueDay));
			const dueDate = (v.lateFeeFrom as string) ?? monthDay(month, day);
			const amountFen = v.amount as number;
			const key = `${unitCode} ${item.nameZh} ${month}`;
			const old = bill.get({ unitId, feeItemId: item.id, month });
			if (old) {
				// A bill is never edited: the same bill again is nothing to do; any other is a conflict.
				if (old.principalFen === amountFen && old.dueDate === dueDate)
					return { ok: true, item: null };
				return refuse(
					row,
					'conflict',
					undefined,
					`${formatCenti(old.principalFen)} / ${old.dueDate}`
				);
			}
			return add(row, key, {
				t: 'bill.add',
				unitId,
				feeItemId: item.id,
				month,
				amountFen,
				dueDate
			});
		}
	};
}

function openingCreditsPlanner(ctx: Ctx): Planner {
	const unitIds = unitMap(ctx);
	const existing = new Map(
		ctx.db
			.select({
				unitId: openingCredits.unitId,
				kind: openingCredits.kind,
				receiptNo: openingCredits.receiptNo,
				amountFen: openingCredits.amountFen
			})
			.from(openingCredits)
			.where(eq(openingCredits.communityId, ctx.communityId))
			.all()
			.map((r) => [`${r.unitId}|${r.kind}|${r.receiptNo}`, r.amountFen])
	);
	const seen = dedupe();
	return {
		step({ row, values: v }) {
			const unitCode = v.unit as string;
			const unit = unitOf(unitIds, row, unitCode);
			if (!unit.ok) return unit.refused;
			const unitId = unit.id;
			const kind = v.kind as CreditKind;
			const receiptNo = (v.receiptNo as string) ?? '';
			const k = `${unitId}|${kind}|${receiptNo}`;
			const dup = seen(k, row);
			if (dup) return dup;
			const amountFen = v.amount as number;
			const old = existing.get(k);
			if (old !== undefined) {
				if (old === amountFen) return { ok: true, item: null };
				return refuse(row, 'conflict', undefined, formatCenti(old));
			}
			return add(row, `${unitCode} ${CREDIT_KIND_LABELS[kind]} ${receiptNo}`.trim(), {
				t: 'credit.add',
				unitId,
				kind,
				amountFen,
				receiptNo
			});
		}
	};
}

/** The planner of a register, loaded with the community's records as they are now. */
export function makePlanner(db: Db, communityId: number, kind: ImportKind, today: string): Planner {
	const ctx = { db, communityId, today };
	switch (kind) {
		case 'units':
			return unitsPlanner(ctx);
		case 'people':
			return peoplePlanner(ctx);
		case 'spaces':
			return spacesPlanner(ctx);
		case 'vehicles':
			return vehiclesPlanner(ctx);
		case 'opening_bills':
			return openingBillsPlanner(ctx);
		case 'opening_credits':
			return openingCreditsPlanner(ctx);
	}
}
