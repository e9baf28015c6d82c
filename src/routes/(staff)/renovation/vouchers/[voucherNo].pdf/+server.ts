import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { voucherByNo } from '$lib/server/renovation';
import { renderRenovationVoucher } from '$lib/server/pdf/renovation-voucher';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	if (!/^TK-\d{4}-\d{6,}$/.test(params.voucherNo)) error(404, 'not_found');
	const db = getDb();
	const v = voucherByNo(db, user.communityId, params.voucherNo);
	if (!v) error(404, 'not_found');
	return pdfResponse(await renderRenovationVoucher(v, getCommunity(db, user.communityId)), {
		filename: `${v.settlement.voucherNo}.pdf`
	});
};
