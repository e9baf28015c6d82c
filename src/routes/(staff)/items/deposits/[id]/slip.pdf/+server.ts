import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { deskContext } from '$lib/server/list-query';
import { listDeposits } from '$lib/server/items';
import { depositSlipPdf } from '$lib/server/pdf/item-slip';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

// GET /items/deposits/[id]/slip.pdf — the 80 mm 寄存取件单 (reprintable; the claim is by number or code and ID).
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, today } = deskContext(user.communityId);
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1;
	const [d] = listDeposits(db, user.communityId, { view: 'all', id }, today, 1);
	if (!d) error(404);
	const pdf = await depositSlipPdf(
		{
			communityName: community.name,
			centreName: community.centreName,
			timeZone: community.timeZone
		},
		d
	);
	return pdfResponse(pdf, { filename: `deposit-${d.claimNo}.pdf` });
};
