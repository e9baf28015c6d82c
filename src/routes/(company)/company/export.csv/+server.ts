import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { toCsv } from '$lib/server/csv';
import { csvResponse } from '$lib/server/download';
import { companyDashboard } from '$lib/server/company/dashboard';
import { communityToday, getCommunity } from '$lib/server/community';
import { COLUMNS } from '../columns';
import type { RequestHandler } from './$types';

// GET /company/export.csv: the comparison of centres as on the page, one row per centre and the total.
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'company', url);
	const db = getDb();
	const board = companyDashboard(db);
	const csv = toCsv([
		[
			m.company_col_code(),
			m.company_col_centre(),
			m.company_col_date(),
			...COLUMNS.map((c) => c.label())
		],
		...board.centres.map((c) => [c.code, c.centreName, c.asOf, ...COLUMNS.map((k) => k.value(c))]),
		[m.company_total(), '', '', ...COLUMNS.map((k) => k.value(board.total))]
	]);
	// Dated by the community the user looks from (centres may lie in other zones: each row has its own).
	const stamp = communityToday(getCommunity(db, user.communityId), new Date(board.generatedAt));
	return csvResponse(csv, `集团各管理处对比-${stamp}.csv`, `company-${stamp}.csv`);
};
