import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { buildingsOf } from '$lib/server/arrears';
import { cashiersByWorkNo } from '$lib/server/unit-file';
import { parseJournalQuery } from '$lib/server/journal/forms';

/** What the journal page and its files start from: the community, today and the parsed query. */
export function journalContext(communityId: number, url: URL) {
	const db = getDb();
	const community = getCommunity(db, communityId);
	const today = communityToday(community, new Date(nowMs()));
	const buildings = buildingsOf(db, communityId);
	const query = parseJournalQuery(url, today, {
		cashierByWorkNo: cashiersByWorkNo(db, communityId),
		buildings
	});
	return { db, community, today, buildings, query };
}

/** "收款流水 2026-12-01 至 2026-12-31" and the file names of the exports. */
export function journalTitle(communityName: string, from: string, to: string) {
	const span = from === to ? from : `${from} 至 ${to}`;
	const file = from === to ? from : `${from}_${to}`;
	return {
		title: `${communityName} 收款流水 ${span}`,
		zh: `收款流水-${file}`,
		ascii: `journal-${file}`
	};
}
