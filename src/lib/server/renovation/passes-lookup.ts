import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { renovations, units } from '../db/schema';
import type { RenovationState } from '../../domain/renovation';
import { permitEnd } from './applications';
import { PASS_STATES } from './payments';
import { findRenovation } from './records';

/** The application the 工人出入证 page issues passes for, as the page shows it. */
export interface PassApplication {
	id: number;
	appNo: string;
	unitCode: string;
	applicantName: string;
	state: RenovationState;
	/** Last day of the permit (or of the planned works): the default expiry of a new pass. */
	permitEnd: string;
	/** Whether passes may be issued in this state (paid and not yet finished). */
	allowed: boolean;
}

/**
 * Finds the application by its number or room (as `findRenovation`) with its room number, for
 * workers who come after the fees were paid. Undefined when nothing of this community matches.
 */
export function passApplication(
	db: Db,
	communityId: number,
	ref: string
): PassApplication | undefined {
	const found = findRenovation(db, communityId, ref);
	if (!found) return undefined;
	const row = db
		.select({ renovation: renovations, unitCode: units.code })
		.from(renovations)
		.innerJoin(units, eq(units.id, renovations.unitId))
		.where(and(eq(renovations.communityId, communityId), eq(renovations.id, found.id)))
		.get();
	if (!row) return undefined;
	const r = row.renovation;
	return {
		id: r.id,
		appNo: r.appNo,
		unitCode: row.unitCode,
		applicantName: r.applicantName,
		state: r.state,
		permitEnd: permitEnd(r),
		allowed: PASS_STATES.includes(r.state)
	};
}
