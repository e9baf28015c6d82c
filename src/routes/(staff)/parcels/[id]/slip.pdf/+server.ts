import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { rowId } from '$lib/server/form-fields';
import { deskContext } from '$lib/server/list-query';
import { getParcel } from '$lib/server/parcels';
import { parcelSlipPdf } from '$lib/server/pdf/parcel-slip';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import type { RequestHandler } from './$types';

// GET /parcels/[id]/slip.pdf — the 80 mm 快递签收单 of a parcel handed over (reprints the same).
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now } = deskContext(user.communityId);
	const read = rowId.safeParse(params.id);
	const id = read.success ? read.data : 0;
	const parcel = getParcel(db, user.communityId, id, now);
	if (!parcel) error(404, m.parcels_not_found());
	if (parcel.state !== 'collected') return refusedText(m.parcels_slip_not_collected());
	const pdf = await parcelSlipPdf({
		communityName: community.name,
		centreName: community.centreName,
		timeZone: community.timeZone,
		parcel
	});
	return pdfResponse(pdf, { filename: `parcel-slip-${parcel.id}.pdf` });
};
