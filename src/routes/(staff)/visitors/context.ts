import { deskContext, readListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/visitors/forms';
import type { VisitorFilter, VisitorView } from '$lib/server/visitors';

/** What the visitors page and its files start from: the community, now, and the list's query. */
export function visitorsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readListQuery(
		url,
		['view'],
		listQuerySchema,
		desk.today,
		desk.community.timeZone
	);
	const query = (():
		| { ok: true; filter: VisitorFilter; from: string; to: string; fromMs: number; toMs: number }
		| { ok: false; message: string } => {
		if (!q.ok) return q;
		const view = (values.view || 'inside') as VisitorView;
		// Who is inside is listed whenever they came; the period narrows the left, all and the log.
		const dated = view === 'left' || view === 'all';
		return {
			ok: true,
			from: q.range.from,
			to: q.range.to,
			fromMs: q.range.fromMs,
			toMs: q.range.toMs,
			filter: {
				view,
				fromMs: dated ? q.range.fromMs : null,
				toMs: dated ? q.range.toMs : null
			}
		};
	})();
	return { ...desk, values, query };
}
