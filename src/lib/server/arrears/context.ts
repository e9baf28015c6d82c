import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import {
	arrearsRegister,
	buildingsOf,
	feeItemsOf,
	parseRegisterQuery,
	type Register,
	type RegisterQuery
} from '$lib/server/arrears';

/** What every arrears page and file starts from: the community, today, and the register's query. */
export function registerContext(communityId: number, url: URL) {
	const db = getDb();
	const community = getCommunity(db, communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const buildings = buildingsOf(db, communityId);
	const items = feeItemsOf(db, communityId);
	const query = parseRegisterQuery(url, today, buildings, items);
	return { db, community, now, today, buildings, items, query };
}

/** The register for a parsed query. */
export function registerFor(communityId: number, today: string, q: RegisterQuery): Register {
	return arrearsRegister(getDb(), communityId, q.asOf, today, q.filter, q.sort);
}
