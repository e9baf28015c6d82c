import { requireStaff } from '$lib/server/auth/guards';
import { journalOf, journalXlsx } from '$lib/server/journal';
import { contentDisposition } from '$lib/server/pdf/response';
import { journalContext, journalTitle, refused } from '../shared';
import type { RequestHandler } from './$types';

// GET /journal/export.xlsx?<the journal's filters>: every row as an Excel workbook. Managers only.
export const GET = (async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = journalContext(user.communityId, url);
	if (!ctx.query.ok) return refused(ctx.query.message);
	const q = ctx.query.query;
	const j = journalOf(ctx.db, user.communityId, ctx.community.timeZone, q.filter, q.order, null);
	const t = journalTitle(ctx.community.name, q.filter.from, q.filter.to);
	const bytes = await journalXlsx(j, t.title);
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': contentDisposition({
				filename: `${t.zh}.xlsx`,
				asciiFilename: `${t.ascii}.xlsx`,
				inline: false
			}),
			'Cache-Control': 'no-store'
		}
	});
}) satisfies RequestHandler;
