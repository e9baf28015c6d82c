import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { MoveInError } from '$lib/server/movein';
import { checklistPdf } from '$lib/server/movein/print';
import { caseNo } from '$lib/server/pdf/movein-checklist';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

/** GET /movein/{caseId}/checklist.pdf — the checklist for the owner, missing items highlighted. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const user = requireStaff(locals, 'clerk', url);
	if (!/^\d{1,9}$/.test(params.caseId)) error(404, 'not_found');
	const caseId = Number(params.caseId);
	let pdf: Buffer;
	try {
		pdf = await checklistPdf(
			getDb(),
			user.communityId,
			caseId,
			`${user.displayName} ${user.workNo}`
		);
	} catch (e) {
		if (e instanceof MoveInError && e.code === 'case_not_found') error(404, 'not_found');
		throw e;
	}
	return pdfResponse(pdf, { filename: `${caseNo(caseId)}.pdf` });
};
