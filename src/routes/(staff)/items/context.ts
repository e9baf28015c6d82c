import { deskContext, readRegisterQuery, registerListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/items/forms';
import type { ItemTab, ItemView } from '$lib/server/items';

/** What the items page and its files start from: the community, now, the tab and the list's query. */
export function itemsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readRegisterQuery(url, ['tab', 'view'], listQuerySchema, desk, {
		open: 'open' as ItemView,
		dated: ['closed', 'all']
	});
	const tab = (values.tab || 'deposit') as ItemTab;
	const query = registerListQuery(q, (q) => ({ view: q.view, ...q.period }));
	return { ...desk, values, tab, query };
}
