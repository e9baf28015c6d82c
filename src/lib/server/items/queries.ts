import { countWhere } from '../db/prepared';
import { and, count, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { closer, registerList, taker } from '../register-list';
import { itemClaims, itemDeposits, itemReleasePasses, itemReleases, units } from '../db/schema';
import {
	depositState,
	isDepositOverdue,
	isReleaseExpired,
	releaseState,
	type Claimer,
	type Consent,
	type DepositState,
	type IdType,
	type ReleaseState
} from '../../domain/items';

/**
 * The lists' views. Deposits: open = still kept (overdue ones too), overdue = kept past their
 * date. Releases: open = not yet passed and still valid, overdue = expired unused (the gate can
 * no longer use them; kept for review). Closed = claimed / passed.
 */
export const ITEM_VIEWS = ['open', 'overdue', 'closed', 'all'] as const;
export type ItemView = (typeof ITEM_VIEWS)[number];
export const ITEM_TABS = ['deposit', 'release'] as const;
export type ItemTab = (typeof ITEM_TABS)[number];

export interface ItemFilter {
	view: ItemView;
	/** Registered in [fromMs, toMs) (epoch ms), for the closed and all views and the printed log. */
	fromMs?: number | null;
	toMs?: number | null;
	/** One entry (a slip). */
	id?: number;
}

export interface DepositRow {
	id: number;
	claimNo: string;
	claimCode: string;
	unitCode: string | null;
	depositorName: string;
	depositorPhone: string;
	items: string;
	itemCount: number;
	claimer: Claimer;
	claimerName: string;
	claimerPhone: string;
	claimBy: string;
	takenBy: string;
	takenMs: number;
	state: DepositState;
	overdue: boolean;
	claimantName: string | null;
	claimIdType: IdType | null;
	claimIdLast4: string | null;
	claimedBy: string | null;
	claimedMs: number | null;
	note: string;
}

export interface ReleaseRow {
	id: number;
	releaseNo: string;
	unitId: number;
	unitCode: string;
	items: string;
	itemCount: number;
	carrierName: string;
	carrierPhone: string;
	plate: string;
	consent: Consent;
	consentBy: string;
	consentPhone: string;
	consentIdType: IdType | null;
	consentIdLast4: string;
	consentNote: string;
	validUntil: string;
	takenBy: string;
	takenMs: number;
	state: ReleaseState;
	expired: boolean;
	passedBy: string | null;
	passedMs: number | null;
	note: string;
}

/** The deposits of a view: kept ones by claim date (the oldest promise first), the rest newest first. */
export function listDeposits(
	db: Db,
	communityId: number,
	f: ItemFilter,
	today: string,
	limit = 500
): DepositRow[] {
	const list = registerList({
		show: f.view,
		closedId: itemClaims.id,
		late: () => lt(itemDeposits.claimBy, today),
		sort: { urgent: itemDeposits.claimBy, newest: itemDeposits.createdAt, id: itemDeposits.id },
		period: { column: itemDeposits.createdAt, fromMs: f.fromMs, toMs: f.toMs }
	});
	const parts: (SQL | undefined)[] = [eq(itemDeposits.communityId, communityId), ...list.where];
	if (f.id !== undefined) parts.push(eq(itemDeposits.id, f.id));
	const rows = db
		.select({
			id: itemDeposits.id,
			claimNo: itemDeposits.claimNo,
			claimCode: itemDeposits.claimCode,
			unitCode: units.code,
			depositorName: itemDeposits.depositorName,
			depositorPhone: itemDeposits.depositorPhone,
			items: itemDeposits.items,
			itemCount: itemDeposits.itemCount,
			claimer: itemDeposits.claimer,
			claimerName: itemDeposits.claimerName,
			claimerPhone: itemDeposits.claimerPhone,
			claimBy: itemDeposits.claimBy,
			takenBy: taker.displayName,
			takenMs: itemDeposits.createdAt,
			claimId: itemClaims.id,
			claimantName: itemClaims.claimantName,
			claimIdType: itemClaims.idType,
			claimIdLast4: itemClaims.idLast4,
			claimedBy: closer.displayName,
			claimedMs: itemClaims.createdAt,
			note: itemClaims.note
		})
		.from(itemDeposits)
		.innerJoin(taker, eq(taker.id, itemDeposits.createdBy))
		.leftJoin(units, eq(units.id, itemDeposits.unitId))
		.leftJoin(itemClaims, eq(itemClaims.depositId, itemDeposits.id))
		.leftJoin(closer, eq(closer.id, itemClaims.createdBy))
		.where(and(...parts))
		.orderBy(...list.orderBy)
		.limit(limit)
		.all();
	return rows.map(({ claimId, ...r }) => {
		const state = depositState(claimId === null ? [] : [claimId]);
		return { ...r, state, overdue: isDepositOverdue(state, r.claimBy, today), note: r.note ?? '' };
	});
}

/** The releases of a view: pending ones by last valid day, the rest newest first. */
export function listReleases(
	db: Db,
	communityId: number,
	f: ItemFilter,
	today: string,
	limit = 500
): ReleaseRow[] {
	const list = registerList({
		show: f.view,
		closedId: itemReleasePasses.id,
		late: () => lt(itemReleases.validUntil, today),
		sort: { urgent: itemReleases.validUntil, newest: itemReleases.createdAt, id: itemReleases.id },
		period: { column: itemReleases.createdAt, fromMs: f.fromMs, toMs: f.toMs }
	});
	const parts: (SQL | undefined)[] = [eq(itemReleases.communityId, communityId), ...list.where];
	if (f.id !== undefined) parts.push(eq(itemReleases.id, f.id));
	// An expired release is no longer open: the gate can't use it (it shows as overdue).
	if (f.view === 'open') parts.push(gte(itemReleases.validUntil, today));
	const rows = db
		.select({
			id: itemReleases.id,
			releaseNo: itemReleases.releaseNo,
			unitId: itemReleases.unitId,
			unitCode: units.code,
			items: itemReleases.items,
			itemCount: itemReleases.itemCount,
			carrierName: itemReleases.carrierName,
			carrierPhone: itemReleases.carrierPhone,
			plate: itemReleases.plate,
			consent: itemReleases.consent,
			consentBy: itemReleases.consentBy,
			consentPhone: itemReleases.consentPhone,
			consentIdType: itemReleases.consentIdType,
			consentIdLast4: itemReleases.consentIdLast4,
			consentNote: itemReleases.consentNote,
			validUntil: itemReleases.validUntil,
			takenBy: taker.displayName,
			takenMs: itemReleases.createdAt,
			passId: itemReleasePasses.id,
			passedBy: closer.displayName,
			passedMs: itemReleasePasses.createdAt,
			note: itemReleasePasses.note
		})
		.from(itemReleases)
		.innerJoin(taker, eq(taker.id, itemReleases.createdBy))
		.innerJoin(units, eq(units.id, itemReleases.unitId))
		.leftJoin(itemReleasePasses, eq(itemReleasePasses.releaseId, itemReleases.id))
		.leftJoin(closer, eq(closer.id, itemReleasePasses.createdBy))
		.where(and(...parts))
		.orderBy(...list.orderBy)
		.limit(limit)
		.all();
	return rows.map(({ passId, ...r }) => {
		const state = releaseState(passId === null ? [] : [passId]);
		return {
			...r,
			state,
			expired: isReleaseExpired(state, r.validUntil, today),
			note: r.note ?? ''
		};
	});
}

export interface ItemCounts {
	/** Goods kept, and how many of them are past their claim date. */
	kept: number;
	keptOverdue: number;
	/** Releases not yet passed and still valid. */
	pending: number;
	/** Releases whose last day passed unused. */
	expired: number;
}

/** What the counter home and the page's tabs show. */
export function itemCounts(db: Db, communityId: number, today: string): ItemCounts {
	const d = db
		.select({
			kept: count(),
			overdue: countWhere(sql`${itemDeposits.claimBy} < ${today}`)
		})
		.from(itemDeposits)
		.leftJoin(itemClaims, eq(itemClaims.depositId, itemDeposits.id))
		.where(and(eq(itemDeposits.communityId, communityId), isNull(itemClaims.id)))
		.get();
	const r = db
		.select({
			all: count(),
			expired: countWhere(sql`${itemReleases.validUntil} < ${today}`)
		})
		.from(itemReleases)
		.leftJoin(itemReleasePasses, eq(itemReleasePasses.releaseId, itemReleases.id))
		.where(and(eq(itemReleases.communityId, communityId), isNull(itemReleasePasses.id)))
		.get();
	const expired = Number(r?.expired ?? 0);
	return {
		kept: d?.kept ?? 0,
		keptOverdue: Number(d?.overdue ?? 0),
		pending: (r?.all ?? 0) - expired,
		expired
	};
}
