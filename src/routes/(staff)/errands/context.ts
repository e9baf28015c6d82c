import { deskContext, readListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/errands/forms';
import type { ErrandFilter, ErrandView } from '$lib/server/errands';
import type { ErrandKind } from '$lib/domain/errands';

/** What the errands page and its files start from: the community, now, and the list's query. */
export function errandsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readListQuery(
		url,
		['kind', 'view'],
		listQuerySchema,
		desk.today,
		desk.community.timeZone
	);
	const query = (():
		| { ok: true; filter: ErrandFilter; from: string; to: string }
		| { ok: false; message: string } => {
		if (!q.ok) return q;
		const view = (values.view || 'open') as ErrandView;
		// Open work is listed whenever it was taken; the period narrows the closed and the printed log.
		const dated = view === 'closed' || view === 'all';
		return {
			ok: true,
			from: q.range.from,
			to: q.range.to,
			filter: {
				kind: (values.kind || null) as ErrandKind | null,
				view,
				fromMs: dated ? q.range.fromMs : null,
				toMs: dated ? q.range.toMs : null
			}
		};
	})();
	return { ...desk, values, query };
}
