import { m } from '$lib/paraglide/messages.js';
import { daysBetween } from '$lib/dates';
import { VOUCHER_MAX_DAYS } from '$lib/server/voucher';
import { periodFromUrl } from '../period';

/**
 * The voucher period of `?date=` or `?from=&to=` (the daily report's rules: no reversed or future
 * range), at most VOUCHER_MAX_DAYS days, or the translated message saying what is wrong.
 */
export function voucherPeriod(
	url: URL,
	today: string
): { ok: true; from: string; to: string } | { ok: false; message: string } {
	const p = periodFromUrl(url, today);
	if (!p.ok) return p;
	if (daysBetween(p.from, p.to) + 1 > VOUCHER_MAX_DAYS)
		return { ok: false, message: m.voucher_err_too_long({ max: VOUCHER_MAX_DAYS }) };
	return { ok: true, from: p.from, to: p.to };
}
