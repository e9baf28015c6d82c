import { requireStaff } from '$lib/server/auth/guards';
import { registerXlsx } from '$lib/server/arrears';
import { registerContext, registerFor } from '$lib/server/arrears/context';
import { refusedText, xlsxResponse } from '$lib/server/download';
import type { RequestHandler } from './$types';

// GET /arrears/export.xlsx?<the register's filters>: 欠费台账 as an Excel workbook. Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = registerContext(user.communityId, url);
	if (!ctx.query.ok) return refusedText(ctx.query.message);
	const q = ctx.query.query;
	const bytes = await registerXlsx(
		registerFor(user.communityId, ctx.today, q),
		`${ctx.community.name} 欠费台账 截至 ${q.asOf}`
	);
	return xlsxResponse(bytes, `欠费台账-${q.asOf}.xlsx`, `arrears-${q.asOf}.xlsx`);
};
