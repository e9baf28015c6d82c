import { requireStaff } from '$lib/server/auth/guards';
import { listDeposits, listReleases } from '$lib/server/items';
import { depositLogPdf, releaseLogPdf } from '$lib/server/pdf/item-log';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { itemsContext } from '../context';
import { registerLogHead } from '$lib/server/pdf/register-log';
import type { RequestHandler } from './$types';

// GET /items/log.pdf?tab=deposit|release&from=&to= — the A4 log of what was registered on those days (every state).
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, today, tab, query } = itemsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const head = registerLogHead(community, query, now, user);
	// The printed log: everything registered in the period, whatever its state.
	const period = { view: 'all' as const, fromMs: query.fromMs, toMs: query.toMs };
	const pdf =
		tab === 'release'
			? await releaseLogPdf(head, listReleases(db, user.communityId, period, today, 5000).reverse())
			: await depositLogPdf(
					head,
					listDeposits(db, user.communityId, period, today, 5000).reverse()
				);
	return pdfResponse(pdf, { filename: `items-${tab}-${query.from}-${query.to}.pdf` });
};
