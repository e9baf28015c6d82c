import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { depositSettlements, renovationPasses, renovations, units } from '../db/schema';
import {
	ACTIVE_STATES,
	passStatus,
	permitUrgency,
	type PermitUrgency,
	type RenovationState
} from '../../domain/renovation';

/*
 * The desk board of renovations under way: permits about to run out (or already out) stand
 * out, with each application's worker passes not yet handed back.
 */

export interface BoardRow {
	id: number;
	appNo: string;
	unitCode: string;
	applicantName: string;
	applicantPhone: string;
	selfRenovation: boolean;
	contractorName: string;
	state: RenovationState;
	permitNo: string | null;
	permitUntil: string | null;
	daysLeft: number | null;
	urgency: PermitUrgency;
	passesOutstanding: number;
	passesExpired: number;
}

export interface OutstandingPass {
	id: number;
	passNo: string;
	workerName: string;
	phone: string;
	expiresOn: string;
	expired: boolean;
	renovationId: number;
	appNo: string;
	unitCode: string;
}

const URGENCY_ORDER: Record<PermitUrgency, number> = { expired: 0, expiring: 1, ok: 2 };

export function renovationBoard(
	db: Db,
	communityId: number,
	today: string,
	warnDays: number
): { rows: BoardRow[]; passes: OutstandingPass[] } {
	const apps = db
		.select({
			id: renovations.id,
			appNo: renovations.appNo,
			unitCode: units.code,
			applicantName: renovations.applicantName,
			applicantPhone: renovations.applicantPhone,
			selfRenovation: renovations.selfRenovation,
			contractorName: renovations.contractorName,
			state: renovations.state,
			permitNo: renovations.permitNo,
			permitUntil: renovations.permitUntil
		})
		.from(renovations)
		.innerJoin(units, eq(units.id, renovations.unitId))
		.where(
			and(eq(renovations.communityId, communityId), inArray(renovations.state, [...ACTIVE_STATES]))
		)
		.all();

	// Every pass of the community not yet settled (whatever state its application is in).
	const passes: OutstandingPass[] = db
		.select({
			id: renovationPasses.id,
			passNo: renovationPasses.passNo,
			workerName: renovationPasses.workerName,
			phone: renovationPasses.phone,
			expiresOn: renovationPasses.expiresOn,
			renovationId: renovationPasses.renovationId,
			appNo: renovations.appNo,
			unitCode: units.code
		})
		.from(renovationPasses)
		.innerJoin(renovations, eq(renovations.id, renovationPasses.renovationId))
		.innerJoin(units, eq(units.id, renovations.unitId))
		.leftJoin(depositSettlements, eq(depositSettlements.passId, renovationPasses.id))
		.where(and(eq(renovationPasses.communityId, communityId), isNull(depositSettlements.id)))
		.orderBy(asc(renovationPasses.expiresOn), asc(renovationPasses.passNo))
		.all()
		.map((p) => ({
			...p,
			expired: passStatus({ expiresOn: p.expiresOn, outcome: null }, today) === 'expired'
		}));

	const rows: BoardRow[] = apps.map((a) => {
		// Only a running permit can run out: before it is issued and after the work is inspected there is none to watch.
		const watching =
			a.state === 'permit_issued' || a.state === 'in_progress' || a.state === 'inspection_failed';
		const { urgency, daysLeft } = watching
			? permitUrgency(a.permitUntil, today, warnDays)
			: { urgency: 'ok' as const, daysLeft: null };
		const mine = passes.filter((p) => p.renovationId === a.id);
		return {
			...a,
			daysLeft,
			urgency,
			passesOutstanding: mine.length,
			passesExpired: mine.filter((p) => p.expired).length
		};
	});
	rows.sort(
		(x, y) =>
			URGENCY_ORDER[x.urgency] - URGENCY_ORDER[y.urgency] ||
			(x.permitUntil ?? '9999').localeCompare(y.permitUntil ?? '9999') ||
			x.appNo.localeCompare(y.appNo)
	);
	return { rows, passes };
}

/** How many applications wait for the manager's design review (for the manager's home). */
export function awaitingReviewCount(db: Db, communityId: number): number {
	return (
		db
			.select({ n: count() })
			.from(renovations)
			.where(and(eq(renovations.communityId, communityId), eq(renovations.state, 'submitted')))
			.get()?.n ?? 0
	);
}
