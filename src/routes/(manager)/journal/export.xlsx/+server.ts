import { requireStaff } from '$lib/server/auth/guards';
import { journalOf, journalXlsx } from '$lib/server/journal';
import { refusedText, xlsxResponse } from '$lib/server/download';
import { journalContext, journalTitle } from '../shared';
import type { RequestHandler } from './$types';

// GET /journal/export.xlsx?<the journal's filters>: every row as an Excel workbook. Managers only.
export const GET = (async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = journalContext(user.communityId, url);
	if (!ctx.query.ok) return refusedText(ctx.query.message);
	const q = ctx.query.query;
	const j = journalOf(ctx.db, user.communityId, ctx.community.timeZone, q.filter, q.order, null);
	const t = journalTitle(ctx.community.name, q.filter.from, q.filter.to);
	const bytes = await journalXlsx(j, t.title);
	return xlsxResponse(bytes, `${t.zh}.xlsx`, `${t.ascii}.xlsx`);
}) satisfies RequestHandler;
