import { requireStaff } from '$lib/server/auth/guards';
import { registerCsv } from '$lib/server/arrears';
import { registerContext, registerFor } from '$lib/server/arrears/context';
import { csvResponse, refusedText } from '$lib/server/download';
import type { RequestHandler } from './$types';

// GET /arrears/export.csv?<the register's filters>: 欠费台账 for Excel (UTF-8 with BOM). Managers only.
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = registerContext(user.communityId, url);
	if (!ctx.query.ok) return refusedText(ctx.query.message);
	const q = ctx.query.query;
	const csv = registerCsv(
		registerFor(user.communityId, ctx.today, q),
		`${ctx.community.name} 欠费台账 截至 ${q.asOf}`
	);
	return csvResponse(csv, `欠费台账-${q.asOf}.csv`, `arrears-${q.asOf}.csv`);
};
