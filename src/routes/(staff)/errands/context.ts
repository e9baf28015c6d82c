import { deskContext, readRegisterQuery, registerListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/errands/forms';
import type { ErrandView } from '$lib/server/errands';
import type { ErrandKind } from '$lib/domain/errands';

/** What the errands page and its files start from: the community, now, and the list's query. */
export function errandsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readRegisterQuery(url, ['kind', 'view'], listQuerySchema, desk, {
		open: 'open' as ErrandView,
		dated: ['closed', 'all']
	});
	const query = registerListQuery(q, (q) => ({
		kind: (values.kind || null) as ErrandKind | null,
		view: q.view,
		...q.period
	}));
	return { ...desk, values, query };
}
