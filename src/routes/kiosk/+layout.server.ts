import { getDb } from '$lib/server/db';
import { defaultCommunityId } from '$lib/server/community/default';
import { getCommunity } from '$lib/server/community';

export const load = ({ locals }) => {
	const db = getDb();
	const communityId = locals.resident?.communityId ?? defaultCommunityId(db);
	const c = communityId ? getCommunity(db, communityId) : null;
	return {
		resident: locals.resident ? { unitCode: locals.resident.unitCode } : null,
		community: c ? { name: c.name, centreName: c.centreName, phone: c.settings.kiosk.phone } : null,
		idleSeconds: c?.settings.kiosk.idleSeconds ?? 60
	};
};
