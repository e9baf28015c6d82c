import { deskContext, readRegisterQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/visitors/forms';
import type { VisitorView } from '$lib/server/visitors';

/** What the visitors page and its files start from: the community, now, and the list's query. */
export function visitorsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readRegisterQuery(url, ['view'], listQuerySchema, desk, {
		open: 'inside' as VisitorView,
		dated: ['left', 'all']
	});
	const query = q.ok
		? {
				ok: true as const,
				from: q.range.from,
				to: q.range.to,
				fromMs: q.range.fromMs,
				toMs: q.range.toMs,
				filter: { view: q.view, ...q.period }
			}
		: q;
	return { ...desk, values, query };
}
