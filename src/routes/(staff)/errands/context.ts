import { deskContext, readRegisterQuery } from '$lib/server/list-query';
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
	const query = q.ok
		? {
				ok: true as const,
				from: q.range.from,
				to: q.range.to,
				filter: { kind: (values.kind || null) as ErrandKind | null, view: q.view, ...q.period }
			}
		: q;
	return { ...desk, values, query };
}
