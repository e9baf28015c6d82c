import { requireStaff } from '$lib/server/auth/guards';
import { journalCsv, journalOf } from '$lib/server/journal';
import { csvResponse, refusedText } from '$lib/server/download';
import { journalContext, journalTitle } from '../shared';
import type { RequestHandler } from './$types';

// GET /journal/export.csv?<the journal's filters>: every row (not one page) for Excel. Managers only.
export const GET = (({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = journalContext(user.communityId, url);
	if (!ctx.query.ok) return refusedText(ctx.query.message);
	const q = ctx.query.query;
	const j = journalOf(ctx.db, user.communityId, ctx.community.timeZone, q.filter, q.order, null);
	const t = journalTitle(ctx.community.name, q.filter.from, q.filter.to);
	return csvResponse(journalCsv(j, t.title), `${t.zh}.csv`, `${t.ascii}.csv`);
}) satisfies RequestHandler;
