import { requireStaff } from '$lib/server/auth/guards';
import { listErrands } from '$lib/server/errands';
import { errandLogPdf } from '$lib/server/pdf/errand-log';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { errandsContext } from '../context';
import { registerLogHead } from '$lib/server/pdf/register-log';
import type { RequestHandler } from './$types';

// GET /errands/log.pdf?from=&to=&kind= — the A4 log of what was taken on those days (every state).
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = errandsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const all = listErrands(db, user.communityId, { ...query.filter, view: 'all' }, now, 5000);
	const inRange = (ms: number) =>
		ms >= (query.filter.fromMs ?? -Infinity) && ms < (query.filter.toMs ?? Infinity);
	const pdf = await errandLogPdf({
		...registerLogHead(community, query, now, user),
		errands: all.filter((e) => inRange(e.takenMs)).reverse()
	});
	return pdfResponse(pdf, { filename: `errands-${query.from}-${query.to}.pdf` });
};
