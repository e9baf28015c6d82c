import { deskContext, readRegisterQuery, registerListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/visitors/forms';
import type { VisitorView } from '$lib/server/visitors';

/** What the visitors page and its files start from: the community, now, and the list's query. */
export function visitorsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readRegisterQuery(url, ['view'], listQuerySchema, desk, {
		open: 'inside' as VisitorView,
		dated: ['left', 'all']
	});
	const query = registerListQuery(q, (q) => ({ view: q.view, ...q.period }));
	return { ...desk, values, query };
}
