import { deskContext, readListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/items/forms';
import type { ItemFilter, ItemTab, ItemView } from '$lib/server/items';

/** What the items page and its files start from: the community, now, the tab and the list's query. */
export function itemsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readListQuery(
		url,
		['tab', 'view'],
		listQuerySchema,
		desk.today,
		desk.community.timeZone
	);
	const tab = (values.tab || 'deposit') as ItemTab;
	const query = (():
		| { ok: true; filter: ItemFilter; from: string; to: string; period: ItemFilter }
		| { ok: false; message: string } => {
		if (!q.ok) return q;
		const view = (values.view || 'open') as ItemView;
		// Open entries are listed whenever taken; the period narrows the closed and the printed log.
		const dated = view === 'closed' || view === 'all';
		return {
			ok: true,
			from: q.range.from,
			to: q.range.to,
			filter: { view, fromMs: dated ? q.range.fromMs : null, toMs: dated ? q.range.toMs : null },
			// The printed log: everything registered in the period, whatever its state.
			period: { view: 'all', fromMs: q.range.fromMs, toMs: q.range.toMs }
		};
	})();
	return { ...desk, values, tab, query };
}
