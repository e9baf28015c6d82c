import { requireStaff } from '$lib/server/auth/guards';
import { ArrearsError, lastReminderZh } from '$lib/server/arrears';
import { renderArrearsList } from '$lib/server/pdf/arrears';
import { pdfResponse } from '$lib/server/pdf/response';
import { formatDateTimeLocal } from '$lib/dates';
import { registerContext, registerFor } from '$lib/server/arrears/context';
import { refusedText } from '$lib/server/download';
import type { RequestHandler } from './$types';

// GET /arrears/list.pdf?building=3&<filters>: the A4 arrears list of one building, to print and sign.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = registerContext(user.communityId, url);
	if (!ctx.query.ok) return refusedText(ctx.query.message);
	const q = ctx.query.query;
	if (!q.filter.building) return refusedText(new ArrearsError('building_needed'));
	const r = registerFor(user.communityId, ctx.today, q);
	const bytes = await renderArrearsList({
		communityName: ctx.community.name,
		centreName: ctx.community.centreName,
		building: q.filter.building,
		asOf: q.asOf,
		printedAt: formatDateTimeLocal(ctx.now, ctx.community.timeZone),
		printedBy: user.displayName,
		rows: r.rows.map((x) => ({ ...x, lastReminder: lastReminderZh(x) })),
		totals: r.totals
	});
	return pdfResponse(bytes, {
		filename: `欠费台账-${q.filter.building}栋-${q.asOf}.pdf`,
		asciiFilename: `arrears-${q.filter.building}-${q.asOf}.pdf`
	});
};
