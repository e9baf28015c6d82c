import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { audit } from '$lib/server/audit';
import { requestDetail } from '$lib/server/waivers';
import { renderWaiverForm } from '$lib/server/pdf/waiver-form';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

/**
 * GET /waivers/{id}.pdf — 《物业服务费滞纳金免除申请表》 of a request of the signed-in staff
 * member's community (other communities' and unknown ids: 404). Each print is audited.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const user = requireStaff(locals, 'clerk', url);
	if (!/^\d{1,9}$/.test(params.id)) error(404, 'not_found');
	const db = getDb();
	const detail = requestDetail(db, user.communityId, Number(params.id));
	if (!detail) error(404, 'not_found');
	const community = getCommunity(db, user.communityId);
	const pdf = await renderWaiverForm(detail, community);
	audit(
		db,
		{
			communityId: user.communityId,
			actorId: user.id,
			action: 'waiver.print',
			targetType: 'waiver_request',
			targetId: detail.request.requestNo,
			detail: { state: detail.request.state }
		},
		nowMs()
	);
	return pdfResponse(pdf, { filename: `${detail.request.requestNo}.pdf` });
};
