import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { parseAuditQuery } from '$lib/server/audit-log/forms';

/** What the audit page and its CSV start from: the community, today and the parsed query. */
export function auditContext(communityId: number, url: URL) {
	const db = getDb();
	const community = getCommunity(db, communityId);
	const today = communityToday(community, new Date(nowMs()));
	return { db, community, today, query: parseAuditQuery(url, today, community.timeZone) };
}
