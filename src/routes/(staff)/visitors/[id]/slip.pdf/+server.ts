import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { deskContext } from '$lib/server/list-query';
import { findVisitor } from '$lib/server/visitors';
import { renderVisitorSlip } from '$lib/server/pdf/visitor-slip';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

// GET /visitors/<id>/slip.pdf — the 80 mm visitor slip, its QR code the leaving page's address.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now } = deskContext(user.communityId);
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : NaN;
	const v = Number.isNaN(id) ? null : findVisitor(db, user.communityId, { id }, now);
	if (!v) error(404, 'not_found');
	const pdf = await renderVisitorSlip({
		communityName: community.name,
		centreName: community.centreName,
		timeZone: community.timeZone,
		visitor: v,
		url: `${url.origin}/visitors/out/${v.token}`
	});
	return pdfResponse(pdf, { filename: `visitor-${v.slipNo}.pdf` });
};
