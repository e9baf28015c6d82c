import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { collectionsByDay, dailyReport, openTicketsByAge, reportExtras } from '$lib/server/reports';
import { kindName } from '$lib/server/import';
import { formatYuan } from '$lib/money';
import { addDays, addMonths, formatDateTimeLocal, monthOf } from '$lib/dates';
import { CHART_DAYS } from '$lib/domain/report';
import { periodFromUrl, periodQuery } from './period';
import type { PageServerLoad } from './$types';

/**
 * /reports?date=…, ?month=YYYY-MM or ?from=…&to=… — the daily report of a day, the month report of
 * a month (or a period), with two small charts.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const quick = {
		today,
		yesterday: addDays(today, -1),
		thisMonth: monthOf(today),
		lastMonth: addMonths(monthOf(today), -1),
		last30: addDays(today, -(CHART_DAYS - 1))
	};
	const values = {
		from: url.searchParams.get('from') ?? url.searchParams.get('date') ?? '',
		to: url.searchParams.get('to') ?? url.searchParams.get('date') ?? '',
		month: url.searchParams.get('month') ?? ''
	};
	const period = periodFromUrl(url, today);
	if (!period.ok)
		return {
			today,
			quick,
			values: {
				from: values.from.slice(0, 20),
				to: values.to.slice(0, 20),
				month: values.month.slice(0, 20)
			},
			message: period.message,
			report: null
		};

	const report = dailyReport(db, user.communityId, period.from, period.to, { now });
	const extras = reportExtras(db, user.communityId, period.from, period.to);
	return {
		today,
		quick,
		values: { from: period.from, to: period.to, month: values.month.slice(0, 20) },
		message: null,
		query: periodQuery(period),
		asOf: formatDateTimeLocal(report.asOfMs, community.timeZone),
		// The handover snapshots stay on the printed records; the page lists the figures.
		report: {
			...report,
			shifts: {
				...report.shifts,
				closed: report.shifts.closed.map(({ handover: _h, ...s }) => ({
					...s,
					opened: formatDateTimeLocal(s.openedAt, community.timeZone),
					closed: formatDateTimeLocal(s.closedAt, community.timeZone)
				})),
				cash: {
					...report.shifts.cash,
					lines: report.shifts.cash.lines.map((l) => ({
						...l,
						opened: formatDateTimeLocal(l.openedAt, community.timeZone),
						closed: l.closedAt === null ? null : formatDateTimeLocal(l.closedAt, community.timeZone)
					}))
				}
			}
		},
		month: extras.month ?? null,
		opening: (extras.opening ?? []).map((l) => ({
			kind: l.kind,
			name: kindName(l.kind),
			rows: l.rows,
			amount: formatYuan(l.totalFen, { symbol: true })
		})),
		byDay: collectionsByDay(db, user.communityId, addDays(period.to, -(CHART_DAYS - 1)), period.to),
		ages: openTicketsByAge(db, user.communityId, report.asOfMs)
	};
};
