import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { dispatchSlipPdf, staffActor } from '$lib/server/tickets';
import type { RequestHandler } from './$types';
import { pdfResponse } from '$lib/server/pdf/response';

/** GET /tickets/{no}/slip.pdf — the dispatch slip (派工单) as the ticket stands now. */
export const GET = (async ({ locals, params, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const pdf = await dispatchSlipPdf(getDb(), user.communityId, params.no, staffActor(user));
	if (pdf === 'not_found') error(404, 'not_found');
	if (pdf === 'not_dispatched') error(409, 'not_dispatched');
	return pdfResponse(pdf, { filename: `${params.no}-slip.pdf` });
}) satisfies RequestHandler;
