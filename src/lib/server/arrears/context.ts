import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { translateError } from '$lib/server/refusal';
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

/**
 * A refused query of a file link: 400 with the reason as plain text (never a 500). The reason is
 * the query parser's message or an area error, translated the one way (`translateError`).
 */
export function refused(reason: string | Error): Response {
	let message: string;
	if (typeof reason === 'string') message = reason;
	else {
		const t = translateError(reason);
		if (!t) throw reason;
		message = t.message;
	}
	return new Response(message, {
		status: 400,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}

/** Content-Disposition for a download with a Chinese name and an ASCII fallback. */
export function attachment(zh: string, ascii: string): string {
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`;
}
