import { countWhere } from '../db/prepared';
import { and, count, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { registerList } from '../register-list';
import { staffUsers, units, visitorExits, visitors, type IdType } from '../db/schema';
import { getCommunity } from '../community';
import {
	HOUR_MS,
	isOverstaying,
	overstayFromMs,
	visitorState,
	type VisitorState
} from '../../domain/visitors';
import type { RegisterMatter } from '../shifts/register-matters';

export const VISITOR_VIEWS = ['inside', 'overdue', 'left', 'all'] as const;
export type VisitorView = (typeof VISITOR_VIEWS)[number];

export interface VisitorFilter {
	view: VisitorView;
	/** Came in within [fromMs, toMs) (epoch ms), for the left and all views and the printed log. */
	fromMs?: number | null;
	toMs?: number | null;
}

export interface VisitorRow {
	id: number;
	slipNo: string;
	token: string;
	name: string;
	idType: IdType;
	idMasked: string;
	unitCode: string;
	hostName: string;
	purpose: string;
	partySize: number;
	confirmPhone: string;
	confirmAnsweredBy: string;
	inMs: number;
	validUntilMs: number;
	registeredBy: string;
	state: VisitorState;
	/** From when they count as overstaying (the day's end or `overstayHours` after coming in). */
	overstayFromMs: number;
	overdue: boolean;
	leftMs: number | null;
	leftBy: string | null;
}

/** The community's `visitors.overstayHours` setting. */
export function overstayHours(db: Db, communityId: number): number {
	return getCommunity(db, communityId).settings.visitors.overstayHours;
}

const registrar = alias(staffUsers, 'registrar');
const leaver = alias(staffUsers, 'leaver');

function selectVisitors(db: Db, where: SQL | undefined) {
	return db
		.select({
			id: visitors.id,
			slipNo: visitors.slipNo,
			token: visitors.token,
			name: visitors.name,
			idType: visitors.idType,
			idMasked: visitors.idMasked,
			unitCode: units.code,
			hostName: visitors.hostName,
			purpose: visitors.purpose,
			partySize: visitors.partySize,
			confirmPhone: visitors.confirmPhone,
			confirmAnsweredBy: visitors.confirmAnsweredBy,
			inMs: visitors.inAt,
			validUntilMs: visitors.validUntil,
			registeredBy: registrar.displayName,
			leftMs: visitorExits.createdAt,
			leftBy: leaver.displayName
		})
		.from(visitors)
		.innerJoin(registrar, eq(registrar.id, visitors.createdBy))
		.innerJoin(units, eq(units.id, visitors.unitId))
		.leftJoin(visitorExits, eq(visitorExits.visitorId, visitors.id))
		.leftJoin(leaver, eq(leaver.id, visitorExits.createdBy))
		.where(where)
		.$dynamic();
}

type Selected = Omit<VisitorRow, 'state' | 'overstayFromMs' | 'overdue'>;

function withState(r: Selected, hours: number, nowMs: number): VisitorRow {
	return {
		...r,
		state: visitorState(r.leftMs),
		overstayFromMs: overstayFromMs(r.inMs, r.validUntilMs, hours),
		overdue: isOverstaying(r, hours, nowMs)
	};
}

/** `min(valid_until, in_at + hours)`: from when one still inside is overdue. */
const overstayFrom = (hours: number) =>
	sql`CASE WHEN ${visitors.validUntil} < ${visitors.inAt} + ${hours * HOUR_MS} THEN ${visitors.validUntil} ELSE ${visitors.inAt} + ${hours * HOUR_MS} END`;

/** The visitors of a view: those inside longest first, the rest newest first. */
export function listVisitors(
	db: Db,
	communityId: number,
	f: VisitorFilter,
	nowMs: number,
	limit = 500
): VisitorRow[] {
	const hours = overstayHours(db, communityId);
	const list = registerList({
		show: f.view === 'inside' ? 'open' : f.view === 'left' ? 'closed' : f.view,
		closedId: visitorExits.id,
		late: () => sql`${overstayFrom(hours)} <= ${nowMs}`,
		sort: { urgent: visitors.inAt, newest: visitors.inAt, id: visitors.id },
		period: { column: visitors.inAt, fromMs: f.fromMs, toMs: f.toMs }
	});
	return selectVisitors(db, and(eq(visitors.communityId, communityId), ...list.where))
		.orderBy(...list.orderBy)
		.limit(limit)
		.all()
		.map((r) => withState(r, hours, nowMs));
}

/** One visitor by id or by the slip's token, in the community. */
export function findVisitor(
	db: Db,
	communityId: number,
	by: { id: number } | { token: string },
	nowMs: number
): VisitorRow | null {
	const key = 'id' in by ? eq(visitors.id, by.id) : eq(visitors.token, by.token);
	const r = selectVisitors(db, and(eq(visitors.communityId, communityId), key)).get();
	return r ? withState(r, overstayHours(db, communityId), nowMs) : null;
}

/** What the counter home shows: how many are inside, and how many of them overstay. */
export function visitorCounts(
	db: Db,
	communityId: number,
	nowMs: number
): { open: number; overdue: number } {
	const hours = overstayHours(db, communityId);
	const r = db
		.select({
			open: count(),
			overdue: countWhere(sql`${overstayFrom(hours)} <= ${nowMs}`)
		})
		.from(visitors)
		.leftJoin(visitorExits, eq(visitorExits.visitorId, visitors.id))
		.where(and(eq(visitors.communityId, communityId), isNull(visitorExits.id)))
		.get();
	return { open: r?.open ?? 0, overdue: Number(r?.overdue ?? 0) };
}

/** How many earlier visits the same ID number has made here (a repeat visitor). */
export function visitsWithIdHash(
	db: Db,
	communityId: number,
	idHash: string,
	beforeId: number
): number {
	const r = db
		.select({ n: count() })
		.from(visitors)
		.where(
			and(
				eq(visitors.communityId, communityId),
				eq(visitors.idHash, idHash),
				lt(visitors.id, beforeId)
			)
		)
		.get();
	return r?.n ?? 0;
}

/** The shift handover's line per visitor still inside (register code 'visitor'). */
export function visitorMatters(db: Db, communityId: number, now: number): RegisterMatter[] {
	return listVisitors(db, communityId, { view: 'inside' }, now, 50).map((v) => ({
		register: 'visitor',
		ref: v.slipNo,
		unitCode: v.unitCode,
		summary: `${v.name}${v.partySize > 1 ? ` ×${v.partySize}` : ''} → ${v.hostName} · ${v.purpose}`,
		dueAt: v.overstayFromMs,
		overdue: v.overdue,
		href: '/visitors'
	}));
}
