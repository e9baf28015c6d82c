import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { unitWaitingParcels } from '$lib/server/parcels/queries';
import { todayIn } from '$lib/dates';
import type { ResidentIdentity } from '$lib/server/auth/session';

/** The unit's parcels at the desk: courier and the day each came (no tracking numbers, no slots). */
export function waitingParcels(resident: ResidentIdentity): { courier: string; date: string }[] {
	const db = getDb();
	const tz = getCommunity(db, resident.communityId).timeZone;
	return unitWaitingParcels(db, resident.communityId, resident.unitId).map((p) => ({
		courier: p.courier,
		date: todayIn(tz, p.receivedMs)
	}));
}
