import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { publicNotices } from '$lib/server/notices';
import { kioskCommunityId } from './community';
import type { PageServerLoad } from './$types';

/** The start screen (kiosk and phones): the notices in force now. */
export const load = ((event) => ({
	notices: publicNotices(getDb(), kioskCommunityId(event), nowMs())
})) satisfies PageServerLoad;
