import { requireStaff } from '$lib/server/auth/guards';
import { registerXlsx } from '$lib/server/arrears';
import { attachment, refused, registerContext, registerFor } from '$lib/server/arrears/context';
import type { RequestHandler } from './$types';

// GET /arrears/export.xlsx?<the register's filters>: 欠费台账 as an Excel workbook. Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = registerContext(user.communityId, url);
	if (!ctx.query.ok) return refused(ctx.query.message);
	const q = ctx.query.query;
	const bytes = await registerXlsx(
		registerFor(user.communityId, ctx.today, q),
		`${ctx.community.name} 欠费台账 截至 ${q.asOf}`
	);
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': attachment(`欠费台账-${q.asOf}.xlsx`, `arrears-${q.asOf}.xlsx`),
			'Cache-Control': 'no-store'
		}
	});
};
