import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { deskContext } from '$lib/server/list-query';
import { listReleases } from '$lib/server/items';
import { releaseSlipPdf } from '$lib/server/pdf/item-slip';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

// GET /items/releases/[id]/slip.pdf — the 80 mm 放行条 the carrier hands in at the gate.
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, today } = deskContext(user.communityId);
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1;
	const [r] = listReleases(db, user.communityId, { view: 'all', id }, today, 1);
	if (!r) error(404);
	const pdf = await releaseSlipPdf(
		{
			communityName: community.name,
			centreName: community.centreName,
			timeZone: community.timeZone
		},
		r
	);
	return pdfResponse(pdf, { filename: `release-${r.releaseNo}.pdf` });
};
