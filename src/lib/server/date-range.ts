import { m } from '$lib/paraglide/messages.js';
import { addDays, localToEpochMs } from '../dates';
import { parsePeriod, REPORT_MAX_DAYS } from '../domain/report';

/*
 * The date range of a list or log (`?from=&to=`): the community's days, both included, as epoch
 * bounds [fromMs, toMs). None given means the last `defaultDays` days. Routes only (Paraglide).
 */
export type DateRange = { ok: true; from: string; to: string; fromMs: number; toMs: number };

export function parseDateRange(
	q: { from?: string | null; to?: string | null },
	today: string,
	timeZone: string,
	defaultDays = 30
): DateRange | { ok: false; message: string } {
	const p = parsePeriod(
		{ from: q.from || addDays(today, -(defaultDays - 1)), to: q.to || today },
		today
	);
	if (!p.ok)
		return {
			ok: false,
			message:
				p.error === 'reversed'
					? m.range_error_reversed()
					: p.error === 'future'
						? m.range_error_future({ today })
						: p.error === 'too_long'
							? m.range_error_too_long({ max: REPORT_MAX_DAYS })
							: m.range_error_date()
		};
	return {
		ok: true,
		from: p.from,
		to: p.to,
		fromMs: localToEpochMs(p.from, '00:00', timeZone),
		toMs: localToEpochMs(addDays(p.to, 1), '00:00', timeZone)
	};
}
