import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { periodFromUrl } from './period';

/** What the report's files (CSV, PDF, Excel) start from: the manager, now, the period asked for. */
export function reportFileContext(locals: App.Locals, url: URL) {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	return { user, db, community, now, today, period: periodFromUrl(url, today) };
}
