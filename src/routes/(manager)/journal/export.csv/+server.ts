import { requireStaff } from '$lib/server/auth/guards';
import { journalCsv, journalOf } from '$lib/server/journal';
import { contentDisposition } from '$lib/server/pdf/response';
import { journalContext, journalTitle, refused } from '../shared';
import type { RequestHandler } from './$types';

// GET /journal/export.csv?<the journal's filters>: every row (not one page) for Excel. Managers only.
export const GET = (({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = journalContext(user.communityId, url);
	if (!ctx.query.ok) return refused(ctx.query.message);
	const q = ctx.query.query;
	const j = journalOf(ctx.db, user.communityId, ctx.community.timeZone, q.filter, q.order, null);
	const t = journalTitle(ctx.community.name, q.filter.from, q.filter.to);
	return new Response(journalCsv(j, t.title), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': contentDisposition({
				filename: `${t.zh}.csv`,
				asciiFilename: `${t.ascii}.csv`,
				inline: false
			}),
			'Cache-Control': 'no-store'
		}
	});
}) satisfies RequestHandler;
