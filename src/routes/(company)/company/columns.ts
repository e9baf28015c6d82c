import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '$lib/money';
import { AGE_BUCKETS, formatRate } from '$lib/domain/arrears';
import type { CompanyTotals } from '$lib/server/company/dashboard';
import { bucketLabel } from '../../(staff)/arrears/labels';

/** One column of the comparison: the page's table and the CSV read the same list. */
export interface Column {
	key: string;
	label: () => string;
	value: (c: CompanyTotals) => string;
}

const yuan = (f: (c: CompanyTotals) => number) => (c: CompanyTotals) => formatYuan(f(c));
const count = (f: (c: CompanyTotals) => number) => (c: CompanyTotals) => String(f(c));

export const COLUMNS: Column[] = [
	// A past month has no "today" (null): the month report leaves the column out.
	{
		key: 'today',
		label: m.company_col_today,
		value: (c) => (c.todayFen === null ? '—' : formatYuan(c.todayFen))
	},
	{ key: 'month', label: m.company_col_month, value: yuan((c) => c.monthFen) },
	{ key: 'rate', label: m.company_col_rate, value: (c) => formatRate(c.rateBp) },
	{ key: 'arrears', label: m.company_col_arrears, value: yuan((c) => c.arrearsFen) },
	...AGE_BUCKETS.map((b) => ({
		key: `age_${b}`,
		label: () => bucketLabel(b),
		value: yuan((c) => c.arrearsByAge[b])
	})),
	{ key: 'overdue', label: m.company_col_tickets_overdue, value: count((c) => c.ticketsOverdue) },
	{
		key: 'complaints',
		label: m.company_col_complaints_overdue,
		value: count((c) => c.complaintsOverdue)
	},
	{ key: 'waivers', label: m.company_col_waivers, value: count((c) => c.waiversApproved) },
	{ key: 'voids', label: m.company_col_voids, value: count((c) => c.voids) },
	{ key: 'deposits', label: m.company_col_deposits, value: yuan((c) => c.depositsHeldFen) }
];
