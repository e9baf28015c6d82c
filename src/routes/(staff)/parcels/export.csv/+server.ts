import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { formatDateTimeLocal } from '$lib/dates';
import { toCsv } from '$lib/server/csv';
import { csvResponse, refusedText } from '$lib/server/download';
import { listParcels } from '$lib/server/parcels';
import { idTypeLabel, parcelStateLabel } from '$lib/parcel-labels';
import { parcelsContext } from '../context';
import type { RequestHandler } from './$types';

// GET /parcels/export.csv?<the page's filters>: the listed parcels for a spreadsheet.
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = parcelsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, community.timeZone);
	const rows = listParcels(db, user.communityId, query.filter, now, 50_000);
	const csv = toCsv([
		[
			m.parcels_unit(),
			m.parcels_slot(),
			m.parcels_courier(),
			m.parcels_tracking(),
			m.parcels_recipient(),
			m.parcels_received_at(),
			m.parcels_basis(),
			m.parcels_state(),
			m.parcels_collector(),
			m.parcels_id_type(),
			m.parcels_id_last4(),
			m.parcels_collected()
		],
		...rows.map((r) => [
			r.unitCode,
			r.slot,
			r.courier,
			r.trackingNo,
			r.recipient,
			`${at(r.receivedMs)} ${r.receivedBy}`,
			r.byPhone
				? m.parcels_basis_phone({ phone: r.calledPhone, at: at(r.calledMs), who: r.answeredBy })
				: m.parcels_basis_authorised(),
			parcelStateLabel(r.state, r.overdue),
			r.collector ?? '',
			r.idType ? idTypeLabel(r.idType) : '',
			r.idLast4 ?? '',
			r.collectedMs === null ? '' : `${at(r.collectedMs)} ${r.handedBy ?? ''}`
		])
	]);
	return csvResponse(
		csv,
		`快递代收-${query.from}-${query.to}.csv`,
		`parcels-${query.from}-${query.to}.csv`
	);
};
