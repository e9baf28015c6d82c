import {
	deskContext,
	readRegisterQuery,
	registerListQuery,
	type RegisterListQuery
} from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/parcels/forms';
import { findUnitByCode } from '$lib/server/keys/queries';
import type { ParcelFilter, ParcelView } from '$lib/server/parcels';
import { m } from '$lib/paraglide/messages.js';

/** What the parcels page and its files start from: the community, now, and the list's query. */
export function parcelsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readRegisterQuery(url, ['view', 'unit'], listQuerySchema, desk, {
		open: 'waiting' as ParcelView,
		dated: ['collected', 'all']
	});
	const unit = q.ok && values.unit ? findUnitByCode(desk.db, communityId, values.unit) : null;
	const query: RegisterListQuery<ParcelFilter> =
		q.ok && values.unit && !unit
			? { ok: false, message: m.parcels_unknown_unit({ code: values.unit }) }
			: registerListQuery(q, (q) => ({ view: q.view, unitId: unit?.id ?? null, ...q.period }));
	return { ...desk, values, query };
}
