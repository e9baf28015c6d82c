import { requireStaff } from '$lib/server/auth/guards';
import { listVisitors } from '$lib/server/visitors';
import { visitorLogPdf } from '$lib/server/pdf/visitor-log';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { visitorsContext } from '../context';
import { registerLogHead } from '$lib/server/pdf/register-log';
import type { RequestHandler } from './$types';

// GET /visitors/log.pdf?from=&to= — the A4 log of the visitors who came in on those days (every state).
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = visitorsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const visitors = listVisitors(
		db,
		user.communityId,
		{ view: 'all', fromMs: query.fromMs, toMs: query.toMs },
		now,
		5000
	);
	const pdf = await visitorLogPdf({
		...registerLogHead(community, query, now, user),
		visitors: visitors.reverse()
	});
	return pdfResponse(pdf, { filename: `visitors-${query.from}-${query.to}.pdf` });
};
