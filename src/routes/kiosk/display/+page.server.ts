import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { getCommunity } from '$lib/server/community';
import { nowPartsIn } from '$lib/dates';
import { hallBoard } from '$lib/server/queue';
import { publicNotices } from '$lib/server/notices';
import { kioskCommunityId } from '../community';
import type { PageServerLoad } from './$types';

/** The hall display (public, may be framed by a signage player): who is called to which counter, and the notices. */
export const load = ((event) => {
	event.depends('queue:display');
	const communityId = kioskCommunityId(event);
	const db = getDb();
	const now = nowMs();
	const c = getCommunity(db, communityId);
	const board = hallBoard(db, communityId, now);
	return {
		board,
		time: nowPartsIn(c.timeZone, now).time,
		centreName: c.centreName,
		notices: publicNotices(db, communityId, now),
		/** 语音叫号 (admin setting). */
		spoken: c.settings.kiosk.spokenCalls
	};
}) satisfies PageServerLoad;
