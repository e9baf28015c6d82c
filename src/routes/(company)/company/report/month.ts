import type { RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { companyDashboard, type CompanyDashboard } from '$lib/server/company/dashboard';
import { parsePeriod } from '$lib/domain/report';
import { monthOf } from '$lib/dates';
import { periodMessage } from '../../../(manager)/reports/period';

/**
 * The company month report of `?month=YYYY-MM` (none: the month in progress), as the page and its
 * PDF, CSV and XLSX read it: head office and company admins; a month after today is refused.
 */
export function companyMonthReport({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireStaff(locals, 'company', url);
	const db = getDb();
	const now = nowMs();
	// Months are read in the zone of the community the user looks from (each centre keeps its own date).
	const timeZone = getCommunity(db, user.communityId).timeZone;
	const today = communityToday(getCommunity(db, user.communityId), new Date(now));
	const asked = (url.searchParams.get('month') ?? '').trim() || monthOf(today);
	const period = parsePeriod({ month: asked }, today);
	const base = { user, now, today, timeZone, asked: asked.slice(0, 20) };
	if (!period.ok)
		return { ...base, report: null, message: periodMessage(period.error, today) } as const;
	const report: CompanyDashboard = companyDashboard(db, now, {
		month: asked,
		viewFrom: user.communityId
	});
	return { ...base, report, message: null } as const;
}

/** The download's file name without extension: ASCII (filename=) and Chinese (filename*=). */
export const reportFileNames = (month: string) => ({
	ascii: `company-monthly-report-${month}`,
	zh: `集团各管理处月报-${month}`
});
