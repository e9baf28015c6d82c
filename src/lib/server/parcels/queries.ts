import { countWhere } from '../db/prepared';
import { and, asc, count, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { registerList } from '../register-list';
import {
	parcelAuthorisations,
	parcelAuthorisationWithdrawals,
	parcelHandovers,
	parcels,
	staffUsers,
	units
} from '../db/schema';
import { getCommunity } from '../community';
import { unitTiesAsOf } from '../records/ties';
import { addDays, localToEpochMs, todayIn } from '../../dates';
import {
	isParcelOverdue,
	overdueBeforeDay,
	splitPersons,
	standingAuthorisation,
	type AuthChannel,
	type ParcelIdType,
	type ParcelState
} from '../../domain/parcels';
import type { RegisterMatter } from '../shifts/register-matters';
export const PARCEL_VIEWS = ['waiting', 'overdue', 'collected', 'all'] as const;
export type ParcelView = (typeof PARCEL_VIEWS)[number];

/**
 * When a waiting parcel counts as overdue today (`parcels.overdueDays`, in the community's zone):
 * taken in before `cutoffMs`, the start of day `today − days`.
 */
export function overdueRule(db: Db, communityId: number, now: number) {
	const c = getCommunity(db, communityId);
	const days = c.settings.parcels.overdueDays;
	const today = todayIn(c.timeZone, now);
	const cutoffMs = localToEpochMs(overdueBeforeDay(today, days), '00:00', c.timeZone);
	return { days, today, timeZone: c.timeZone, cutoffMs };
}

export interface ParcelFilter {
	view: ParcelView;
	unitId?: number | null;
	/** One parcel (its slip, its hand-over). */
	id?: number;
	/** Taken in within [fromMs, toMs) (epoch ms), for the collected and all views and the log. */
	fromMs?: number | null;
	toMs?: number | null;
}

export interface ParcelRow {
	id: number;
	unitId: number;
	unitCode: string;
	courier: string;
	trackingNo: string;
	recipient: string;
	slot: string;
	hasPhoto: boolean;
	receivedMs: number;
	receivedBy: string;
	/** Taken in on a one-off phone confirmation (no standing authorisation). */
	byPhone: boolean;
	calledPhone: string;
	calledMs: number | null;
	answeredBy: string;
	state: ParcelState;
	overdue: boolean;
	collector: string | null;
	idType: ParcelIdType | null;
	idLast4: string | null;
	collectedMs: number | null;
	handedBy: string | null;
}

const receiver = alias(staffUsers, 'receiver');
const hander = alias(staffUsers, 'hander');

/** The parcels of a view: waiting ones oldest first (the longest on the shelf on top), the rest newest first. */
export function listParcels(
	db: Db,
	communityId: number,
	f: ParcelFilter,
	now: number,
	limit = 500
): ParcelRow[] {
	const rule = overdueRule(db, communityId, now);
	const list = registerList({
		show: f.view === 'waiting' ? 'open' : f.view === 'collected' ? 'closed' : f.view,
		closedId: parcelHandovers.id,
		late: () => lt(parcels.createdAt, rule.cutoffMs),
		sort: { urgent: parcels.createdAt, newest: parcels.createdAt, id: parcels.id },
		period: { column: parcels.createdAt, fromMs: f.fromMs, toMs: f.toMs }
	});
	const parts: (SQL | undefined)[] = [eq(parcels.communityId, communityId), ...list.where];
	if (f.unitId != null) parts.push(eq(parcels.unitId, f.unitId));
	if (f.id != null) parts.push(eq(parcels.id, f.id));
	const rows = db
		.select({
			id: parcels.id,
			unitId: parcels.unitId,
			unitCode: units.code,
			courier: parcels.courier,
			trackingNo: parcels.trackingNo,
			recipient: parcels.recipient,
			slot: parcels.slot,
			photo: parcels.photo,
			receivedMs: parcels.createdAt,
			receivedBy: receiver.displayName,
			authorisationId: parcels.authorisationId,
			calledPhone: parcels.calledPhone,
			calledMs: parcels.calledAt,
			answeredBy: parcels.answeredBy,
			handoverId: parcelHandovers.id,
			collector: parcelHandovers.collector,
			idType: parcelHandovers.idType,
			idLast4: parcelHandovers.idLast4,
			collectedMs: parcelHandovers.createdAt,
			handedBy: hander.displayName
		})
		.from(parcels)
		.innerJoin(units, eq(units.id, parcels.unitId))
		.innerJoin(receiver, eq(receiver.id, parcels.createdBy))
		.leftJoin(parcelHandovers, eq(parcelHandovers.parcelId, parcels.id))
		.leftJoin(hander, eq(hander.id, parcelHandovers.createdBy))
		.where(and(...parts))
		.orderBy(...list.orderBy)
		.limit(limit)
		.all();
	return rows.map(({ photo, authorisationId, handoverId, ...r }) => {
		const state: ParcelState = handoverId === null ? 'waiting' : 'collected';
		return {
			...r,
			hasPhoto: photo !== null,
			byPhone: authorisationId === null,
			state,
			overdue: isParcelOverdue(state, todayIn(rule.timeZone, r.receivedMs), rule.today, rule.days)
		};
	});
}

/** One parcel (any state), or null when it is not this community's. */
export function getParcel(db: Db, communityId: number, id: number, now: number): ParcelRow | null {
	return listParcels(db, communityId, { view: 'all', id }, now, 1)[0] ?? null;
}

/** What the counter home shows: how many wait on the shelf, and how many of them too long. */
export function parcelCounts(
	db: Db,
	communityId: number,
	now: number
): { open: number; overdue: number } {
	const { cutoffMs } = overdueRule(db, communityId, now);
	const r = db
		.select({
			open: count(),
			overdue: countWhere(sql`${parcels.createdAt} < ${cutoffMs}`)
		})
		.from(parcels)
		.leftJoin(parcelHandovers, eq(parcelHandovers.parcelId, parcels.id))
		.where(and(eq(parcels.communityId, communityId), isNull(parcelHandovers.id)))
		.get();
	return { open: r?.open ?? 0, overdue: Number(r?.overdue ?? 0) };
}

/**
 * A resident's own waiting parcels (kiosk and phone): courier and the day taken in only — no
 * tracking numbers or shelf slots on a screen others may see.
 */
export function unitWaitingParcels(
	db: Db,
	communityId: number,
	unitId: number
): { courier: string; receivedMs: number }[] {
	return db
		.select({ courier: parcels.courier, receivedMs: parcels.createdAt })
		.from(parcels)
		.leftJoin(parcelHandovers, eq(parcelHandovers.parcelId, parcels.id))
		.where(
			and(
				eq(parcels.communityId, communityId),
				eq(parcels.unitId, unitId),
				isNull(parcelHandovers.id)
			)
		)
		.orderBy(asc(parcels.createdAt), asc(parcels.id))
		.all();
}

export interface AuthorisationRow {
	id: number;
	unitId: number;
	unitCode: string;
	channel: AuthChannel;
	givenOn: string;
	givenBy: string;
	persons: string[];
	note: string;
	recordedBy: string;
	recordedMs: number;
}

/** The standing authorisation of each unit (`standingAuthorisation`), by unit code; or of some units. */
export function standingAuthorisations(
	db: Db,
	communityId: number,
	unitIds?: readonly number[]
): AuthorisationRow[] {
	const parts: SQL[] = [eq(parcelAuthorisations.communityId, communityId)];
	if (unitIds) parts.push(inArray(parcelAuthorisations.unitId, [...unitIds]));
	const rows = db
		.select({
			id: parcelAuthorisations.id,
			unitId: parcelAuthorisations.unitId,
			unitCode: units.code,
			channel: parcelAuthorisations.channel,
			givenOn: parcelAuthorisations.givenOn,
			givenBy: parcelAuthorisations.givenBy,
			persons: parcelAuthorisations.persons,
			note: parcelAuthorisations.note,
			recordedBy: staffUsers.displayName,
			recordedMs: parcelAuthorisations.createdAt,
			withdrawalId: parcelAuthorisationWithdrawals.id
		})
		.from(parcelAuthorisations)
		.innerJoin(units, eq(units.id, parcelAuthorisations.unitId))
		.innerJoin(staffUsers, eq(staffUsers.id, parcelAuthorisations.createdBy))
		.leftJoin(
			parcelAuthorisationWithdrawals,
			eq(parcelAuthorisationWithdrawals.authorisationId, parcelAuthorisations.id)
		)
		.where(and(...parts))
		.orderBy(asc(units.code))
		.all();
	const byUnit = new Map<number, typeof rows>();
	for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
	return [...byUnit.values()].flatMap((list) => {
		const s = standingAuthorisation(
			list.map((r) => ({ ...r, atMs: r.recordedMs, withdrawn: r.withdrawalId !== null }))
		);
		if (!s) return [];
		const { withdrawalId: _w, atMs: _a, withdrawn: _d, ...row } = s;
		return [{ ...row, persons: splitPersons(row.persons) }];
	});
}

/** The unit's owners in force today (names), who may always collect. */
export function unitOwnerNames(db: Db, unitId: number, today: string): string[] {
	return unitTiesAsOf(db, unitId, today, ['owner', 'co_owner']).map((t) => t.name);
}

/** The shift handover's reader (register-matters.ts): parcels still on the shelf, oldest first. */
export function parcelMatters(db: Db, communityId: number, now: number): RegisterMatter[] {
	const rule = overdueRule(db, communityId, now);
	return listParcels(db, communityId, { view: 'waiting' }, now, 50).map((p) => ({
		register: 'parcel',
		ref: p.slot,
		unitCode: p.unitCode,
		summary: `${p.courier} · ${p.recipient}`,
		// Overdue from the start of the day after `days` full days on the shelf.
		dueAt: localToEpochMs(
			addDays(todayIn(rule.timeZone, p.receivedMs), rule.days + 1),
			'00:00',
			rule.timeZone
		),
		overdue: p.overdue,
		href: '/parcels?view=waiting'
	}));
}
