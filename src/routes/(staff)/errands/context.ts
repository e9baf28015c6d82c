import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { parseForm } from '$lib/server/forms';
import { parseDateRange } from '$lib/server/date-range';
import { listQuerySchema } from '$lib/server/errands/forms';
import type { ErrandFilter, ErrandView } from '$lib/server/errands';
import type { ErrandKind } from '$lib/domain/errands';

const KEYS = ['kind', 'view', 'from', 'to'] as const;

/** What the errands page and its files start from: the community, now, and the list's query. */
export function errandsContext(communityId: number, url: URL) {
	const db = getDb();
	const community = getCommunity(db, communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const values = Object.fromEntries(
		KEYS.map((k) => [k, (url.searchParams.get(k) ?? '').trim().slice(0, 20)])
	) as Record<(typeof KEYS)[number], string>;
	const parsed = parseForm(listQuerySchema, values);
	const query = (():
		| { ok: true; filter: ErrandFilter; from: string; to: string }
		| { ok: false; message: string } => {
		if (!parsed.ok) return { ok: false, message: Object.values(parsed.errors)[0] };
		const range = parseDateRange({ from: values.from, to: values.to }, today, community.timeZone);
		if (!range.ok) return range;
		values.from = range.from;
		values.to = range.to;
		const view = (values.view || 'open') as ErrandView;
		// Open work is listed whenever it was taken; the period narrows the closed and the printed log.
		const dated = view === 'closed' || view === 'all';
		return {
			ok: true,
			from: range.from,
			to: range.to,
			filter: {
				kind: (values.kind || null) as ErrandKind | null,
				view,
				fromMs: dated ? range.fromMs : null,
				toMs: dated ? range.toMs : null
			}
		};
	})();
	return { db, community, now, today, values, query };
}
