import { m } from '$lib/paraglide/messages.js';
import { parsePeriod, REPORT_MAX_DAYS, type Period, type PeriodError } from '$lib/domain/report';

/** The translated message for a refused period. */
export function periodMessage(error: PeriodError, today: string): string {
	switch (error) {
		case 'malformed':
			return m.reports_error_malformed();
		case 'malformed_month':
			return m.reports_error_month();
		case 'reversed':
			return m.reports_error_reversed();
		case 'future':
			return m.reports_error_future({ today });
		case 'too_long':
			return m.reports_error_too_long({ max: REPORT_MAX_DAYS });
	}
}

/** The period of `?month=`, `?date=` or `?from=&to=` (none: today), or the message saying what is wrong. */
export function periodFromUrl(
	url: URL,
	today: string
): ({ ok: true } & Period) | { ok: false; message: string } {
	const p = parsePeriod(
		{
			month: url.searchParams.get('month'),
			date: url.searchParams.get('date'),
			from: url.searchParams.get('from'),
			to: url.searchParams.get('to')
		},
		today
	);
	return p.ok ? p : { ok: false, message: periodMessage(p.error, today) };
}

/** The query string naming a period: ?date= for one day, else ?from=&to=. */
export function periodQuery(p: { from: string; to: string }): string {
	return p.from === p.to ? `date=${p.from}` : `from=${p.from}&to=${p.to}`;
}
