import { deskContext, readRegisterQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/parcels/forms';
import { findUnitByCode } from '$lib/server/keys/queries';
import type { ParcelFilter, ParcelView } from '$lib/server/parcels';
import { m } from '$lib/paraglide/messages.js';

type ParcelQuery = {
	ok: true;
	filter: ParcelFilter;
	from: string;
	to: string;
	fromMs: number;
	toMs: number;
};

/** What the parcels page and its files start from: the community, now, and the list's query. */
export function parcelsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readRegisterQuery(url, ['view', 'unit'], listQuerySchema, desk, {
		open: 'waiting' as ParcelView,
		dated: ['collected', 'all']
	});
	const query = ((): ParcelQuery | { ok: false; message: string } => {
		if (!q.ok) return q;
		let unitId: number | null = null;
		if (values.unit) {
			const unit = findUnitByCode(desk.db, communityId, values.unit);
			if (!unit) return { ok: false, message: m.parcels_unknown_unit({ code: values.unit }) };
			unitId = unit.id;
		}
		return {
			ok: true,
			from: q.range.from,
			to: q.range.to,
			fromMs: q.range.fromMs,
			toMs: q.range.toMs,
			filter: { view: q.view, unitId, ...q.period }
		};
	})();
	return { ...desk, values, query };
}
