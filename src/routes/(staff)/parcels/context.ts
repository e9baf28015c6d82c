import { deskContext, readListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/parcels/forms';
import { findUnitByCode } from '$lib/server/keys/queries';
import type { ParcelFilter, ParcelView } from '$lib/server/parcels';
import { m } from '$lib/paraglide/messages.js';

/** What the parcels page and its files start from: the community, now, and the list's query. */
export function parcelsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readListQuery(
		url,
		['view', 'unit'],
		listQuerySchema,
		desk.today,
		desk.community.timeZone
	);
	const query = (():
		| { ok: true; filter: ParcelFilter; from: string; to: string; fromMs: number; toMs: number }
		| { ok: false; message: string } => {
		if (!q.ok) return q;
		let unitId: number | null = null;
		if (values.unit) {
			const unit = findUnitByCode(desk.db, communityId, values.unit);
			if (!unit) return { ok: false, message: m.parcels_unknown_unit({ code: values.unit }) };
			unitId = unit.id;
		}
		const view = (values.view || 'waiting') as ParcelView;
		// What waits is listed whenever it came; the period narrows the collected and the printed log.
		const dated = view === 'collected' || view === 'all';
		return {
			ok: true,
			from: q.range.from,
			to: q.range.to,
			fromMs: q.range.fromMs,
			toMs: q.range.toMs,
			filter: {
				view,
				unitId,
				fromMs: dated ? q.range.fromMs : null,
				toMs: dated ? q.range.toMs : null
			}
		};
	})();
	return { ...desk, values, query };
}
